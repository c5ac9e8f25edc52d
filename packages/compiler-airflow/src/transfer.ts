import { type Component, type ComponentInput, escapeKubernetesExpansion, singleQuoted } from "@sluice/core/backend";
import type { BuildContext } from "./build-context.js";
import type { Kwarg, PyValue } from "./view-model.js";
import { podOutputPath } from "./build-args.js";
import { artifactOutputs } from "./wrapper.js";

/**
 * The artifact move of a pod, so that a step's container sees local paths on Airflow as on Argo
 * and Kubeflow (docs/targets/airflow.md, "What a step receives"). Argo's executor and KFP's
 * launcher do this move; KubernetesPodOperator does not, so Sluice adds it.
 *
 * `object-store` mode: an emptyDir `sluice-transfer` at /tmp/sluice is shared by the step's
 * container and a transfer sidecar (`--airflow-transfer-image`). The step's wrapper writes the
 * run's artifact URIs (known only at run time: run id, map index, XCom) into
 * /tmp/sluice/transfer, the sidecar downloads every input artifact to /tmp/sluice/inputs/<name>,
 * the wrapper runs the command unchanged, then the sidecar uploads /tmp/sluice/outputs/<name>
 * and the wrapper exits only after that, so KubernetesPodOperator never sees the step finished
 * before its outputs are stored. A sidecar rather than an init container: the provider does not
 * template `init_containers`, so an init container could not learn the run's URIs.
 *
 * `volume` mode: a PersistentVolumeClaim mounted at /sluice/artifacts holds every artifact; paths
 * on it are the artifacts' locations, so nothing moves.
 */
export const TRANSFER_DIR = "/tmp/sluice/transfer";
const SHARED_MOUNT = "/tmp/sluice";
const SHARED_VOLUME = "sluice-transfer";
const ARTIFACT_VOLUME = "sluice-artifacts";

/** Artifact inputs of a component (single artifacts and lists): the ones moved for the step. */
export function artifactInputs(component: Component): ComponentInput[] {
  return component.inputs.filter((i) => i.type.category === "artifact" || i.type.category === "artifactList");
}

const isList = (input: ComponentInput) => input.type.category === "artifactList";

/**
 * awk turning the JSON list of an artifact list's locations (Jinja's `tojson` of generated URIs
 * or paths, which hold no quote or comma) into lines `<index> <location>`, in item order.
 */
const LIST_LINES = String.raw`awk 'BEGIN { RS = "\001" } { s = $0; sub(/^[ \t\n]*\[/, "", s); sub(/\][ \t\n]*$/, "", s); n = split(s, parts, /"[ \t\n]*,[ \t\n]*"/); for (i = 1; i <= n; i++) { p = parts[i]; gsub(/^[ \t\n]*"|"[ \t\n]*$/, "", p); if (p != "") print (i - 1) " " p } }'`;

/** Where a downloaded input artifact sits in the pod. */
export function podInputPath(component: Component, name: string): string {
  const index = component.inputs.findIndex((i) => i.name === name);
  return `${SHARED_MOUNT}/inputs/${/^[A-Za-z0-9_-]+$/.test(name) ? name : `input-${index}`}`;
}

/** True when the pod of this component moves artifacts through the sidecar. */
export function usesTransferSidecar(ctx: BuildContext, component: Component): boolean {
  return !ctx.local && ctx.options.artifactTransfer === "object-store" && (artifactInputs(component).length > 0 || artifactOutputs(component).length > 0);
}

/**
 * Volume mode: a list of artifacts becomes a folder of symbolic links `<folder>/<index>` to the
 * items on the volume, so the step sees the same folder form as everywhere else.
 */
export function volumeListLines(component: Component): string[] {
  return artifactInputs(component).flatMap((input, i) =>
    isList(input) ? [`d=${singleQuoted(podInputPath(component, input.name))}; mkdir -p "$d"; printf '%s' "$i${i}" | ${LIST_LINES} | while read -r n p; do ln -s "$p" "$d/$n"; done`] : [],
  );
}

/** Artifact inputs the volume-mode wrapper handles (lists; single artifacts are paths already). */
export function volumeListInputs(component: Component): ComponentInput[] {
  return artifactInputs(component).filter(isList);
}

/** True when the pod of this component mounts the shared artifact volume. */
export function usesArtifactVolume(ctx: BuildContext, component: Component): boolean {
  return !ctx.local && ctx.options.artifactTransfer === "volume" && (artifactInputs(component).length > 0 || artifactOutputs(component).length > 0);
}

/**
 * The sidecar's script: wait for the URIs, download, wait for the step, upload. A folder output
 * is stored as the objects under `<uri>/`; an input is fetched as one object, else as that folder.
 * No `$(...)` in it: Kubernetes would read that as a variable reference in a command.
 */
export function transferScript(component: Component): string {
  const t = TRANSFER_DIR;
  const lines = [
    "set -u",
    `t=${t}`,
    // Any exit before the uploads are done (an error, a missing aws) tells the wrapper so.
    'trap \'[ -e "$t/uploaded" ] || [ -e "$t/failed" ] || : > "$t/failed"\' EXIT',
    'until [ -e "$t/ready" ]; do sleep 1; done',
    'get() { aws s3 cp --only-show-errors "$1" "$2" 2>/dev/null || aws s3 cp --only-show-errors --recursive "$1/" "$2"; }',
    'put() { if [ -d "$1" ]; then aws s3 cp --only-show-errors --recursive "$1" "$2/"; else aws s3 cp --only-show-errors "$1" "$2"; fi; }',
    "ok=1",
  ];
  artifactInputs(component).forEach((input, i) => {
    const path = singleQuoted(podInputPath(component, input.name));
    // A list: one entry per item, `<folder>/<index>`, as on Argo and Kubeflow.
    if (isList(input)) lines.push(`mkdir -p ${path}; while read -r n u; do get "$u" ${path}/"$n" || ok=0; done < "$t/in-${i}"`);
    else lines.push(`IFS= read -r u < "$t/in-${i}" || true; mkdir -p ${singleQuoted(`${SHARED_MOUNT}/inputs`)}; get "$u" ${path} || ok=0`);
  });
  lines.push('if [ "$ok" = 1 ]; then : > "$t/downloaded"; else : > "$t/failed"; exit 1; fi');
  lines.push('until [ -e "$t/step-done" ]; do sleep 1; done');
  lines.push('if [ -e "$t/step-failed" ]; then : > "$t/uploaded"; exit 0; fi');
  artifactOutputs(component).forEach((name, i) => {
    const path = singleQuoted(podOutputPath(component, name));
    lines.push(`IFS= read -r u < "$t/out-${i}" || true; put ${path} "$u" || ok=0`);
  });
  lines.push('if [ "$ok" = 1 ]; then : > "$t/uploaded"; else : > "$t/failed"; exit 1; fi');
  return lines.join("\n") + "\n";
}

/**
 * Wrapper lines around the step in object-store mode: hand the URIs to the sidecar, wait for the
 * downloads, run the step, wait for the uploads. `$i<n>` / `$a<n>` hold the input / output URIs.
 */
export function transferWrapperLines(component: Component, run: string): string[] {
  const lines = [`t=${TRANSFER_DIR}`, `mkdir -p "$t" ${SHARED_MOUNT}/inputs ${SHARED_MOUNT}/outputs`];
  artifactInputs(component).forEach((input, i) =>
    lines.push(isList(input) ? `printf '%s' "$i${i}" | ${LIST_LINES} > "$t/in-${i}"` : `printf '%s\\n' "$i${i}" > "$t/in-${i}"`),
  );
  artifactOutputs(component).forEach((_, i) => lines.push(`printf '%s\\n' "$a${i}" > "$t/out-${i}"`));
  lines.push(
    ': > "$t/ready"',
    'until [ -e "$t/downloaded" ] || [ -e "$t/failed" ]; do sleep 1; done',
    'if [ -e "$t/failed" ]; then echo "sluice: downloading the input artifacts failed (see the sluice-transfer container)" >&2; exit 1; fi',
    "rc=0",
    `${run} || rc=$?`,
    '[ "$rc" = 0 ] || : > "$t/step-failed"',
    ': > "$t/step-done"',
    'until [ -e "$t/uploaded" ] || [ -e "$t/failed" ]; do sleep 1; done',
    '[ "$rc" = 0 ] || exit "$rc"',
    'if [ -e "$t/failed" ]; then echo "sluice: uploading the output artifacts failed (see the sluice-transfer container)" >&2; exit 1; fi',
  );
  return lines;
}

/** Operator kwargs of the move: the shared volume, its mount, and the sidecar (or the claim). */
export function transferKwargs(ctx: BuildContext, component: Component): Kwarg[] {
  const str = (value: string): PyValue => ({ kind: "str", value });
  const call = (fn: string, kwargs: Kwarg[]): PyValue => ({ kind: "call", fn, args: [], kwargs });
  if (usesArtifactVolume(ctx, component)) {
    ctx.imports.add("from kubernetes.client import models as k8s");
    const claim = call("k8s.V1PersistentVolumeClaimVolumeSource", [["claim_name", str(ctx.options.artifactVolume)]]);
    return [
      ["volumes", { kind: "list", items: [call("k8s.V1Volume", [["name", str(ARTIFACT_VOLUME)], ["persistent_volume_claim", claim]])] }],
      ["volume_mounts", { kind: "list", items: [call("k8s.V1VolumeMount", [["name", str(ARTIFACT_VOLUME)], ["mount_path", str(ctx.options.artifactRoot)]])] }],
    ];
  }
  if (!usesTransferSidecar(ctx, component)) return [];
  ctx.imports.add("from kubernetes.client import models as k8s");
  const mount = call("k8s.V1VolumeMount", [["name", str(SHARED_VOLUME)], ["mount_path", str(SHARED_MOUNT)]]);
  // Kubernetes expands $(VAR) in a container's command; the script has none, and $$ keeps any $.
  const script = escapeKubernetesExpansion(transferScript(component));
  const sidecar: Kwarg[] = [
    ["name", str("sluice-transfer")],
    ["image", str(ctx.options.transferImage)],
    ["command", { kind: "list", items: [str("/bin/sh"), str("-c"), str(script)] }],
    ["volume_mounts", { kind: "list", items: [mount] }],
  ];
  if (ctx.options.transferSecret) {
    sidecar.push(["env_from", { kind: "list", items: [call("k8s.V1EnvFromSource", [["secret_ref", call("k8s.V1SecretEnvSource", [["name", str(ctx.options.transferSecret)]])]])] }]);
  }
  // full_pod_spec's first container is merged into the step's own ("base"); the rest are added.
  const spec = call("k8s.V1PodSpec", [["containers", { kind: "list", items: [call("k8s.V1Container", [["name", str("base")]]), call("k8s.V1Container", sidecar)] }]]);
  return [
    ["volumes", { kind: "list", items: [call("k8s.V1Volume", [["name", str(SHARED_VOLUME)], ["empty_dir", call("k8s.V1EmptyDirVolumeSource", [])]])] }],
    ["volume_mounts", { kind: "list", items: [mount] }],
    ["full_pod_spec", call("k8s.V1Pod", [["spec", spec]])],
  ];
}

/** Adds kwargs, appending to a list kwarg (volumes, volume_mounts) the step already has. */
export function mergeKwargs(into: Kwarg[], extra: Kwarg[]): void {
  for (const [key, value] of extra) {
    const existing = into.find(([k]) => k === key);
    if (existing && existing[1].kind === "list" && value.kind === "list") existing[1] = { kind: "list", items: [...existing[1].items, ...value.items] };
    else into.push([key, value]);
  }
}
