import { type Component, singleQuoted } from "@sluice/core/backend";
import { isTextType } from "./build-values.js";
import { podOutputPath } from "./build-args.js";
import { artifactInputs, transferWrapperLines, volumeListInputs, volumeListLines } from "./transfer.js";

/**
 * The XCom wrapper: a short POSIX shell script that runs the step and then turns its output files
 * into the XCom return value. KubernetesPodOperator with do_xcom_push reads
 * /airflow/xcom/return.json from the pod, so the wrapper writes there one JSON object, output name
 * to value: string outputs as JSON strings (one trailing newline of the file dropped), other
 * parameter types as the JSON the step wrote, artifacts as their URI. Artifact URIs arrive as the
 * wrapper's first positional arguments, then the step's own command and args follow unchanged
 * ("$@", no shell interpolation of user text). It needs /bin/sh and awk (busybox has both).
 * With the object-store move it also hands the URIs to the transfer sidecar and waits for it
 * (transfer.ts); on the artifact volume it creates the folders outputs go into.
 */
export function xcomWrapperScript(component: Component, transfer: "sidecar" | "volume" | "none" = "none"): string {
  const lines = ["set -eu", "mkdir -p /tmp/sluice/outputs /airflow/xcom"];
  // Input URIs come first (object-store mode only), then output locations.
  if (transfer === "sidecar") artifactInputs(component).forEach((_, i) => lines.push(`i${i}=$1; shift`));
  if (transfer === "volume") volumeListInputs(component).forEach((input) => lines.push(`i${artifactInputs(component).indexOf(input)}=$1; shift`));
  artifactOutputs(component).forEach((_, i) => lines.push(`a${i}=$1; shift`));
  // On the shared volume, the folder an output goes into may not exist yet (`${a%/*}`: no `$(`,
  // which Kubernetes would read as a variable reference).
  if (transfer === "volume") artifactOutputs(component).forEach((_, i) => lines.push(`mkdir -p "\${a${i}%/*}"`));
  if (transfer === "volume") lines.push(...volumeListLines(component));
  if (transfer === "sidecar") lines.push(...transferWrapperLines(component, '"$@"'));
  else lines.push('"$@"');
  if (!component.outputs.length) return lines.join("\n") + "\n";
  lines.push(JSON_STRING_FUNCTION);
  const parts: string[] = [];
  let artifactIndex = 0;
  for (const o of component.outputs) {
    const key = singleQuoted(JSON.stringify(o.name) + ": ");
    if (o.type.category === "param" || o.type.category === "paramList") {
      const path = podOutputPath(component, o.name);
      parts.push(`printf '%s' ${key}; ${isTextType(o.type) ? `jstr < ${path}` : `cat ${path}`}`);
    } else {
      parts.push(`printf '%s' ${key}; printf '%s' "$a${artifactIndex++}" | jstr`);
    }
  }
  lines.push(`{ printf '{'; ${parts.join("; printf ', '; ")}; printf '}'; } > /airflow/xcom/return.json`);
  return lines.join("\n") + "\n";
}

/**
 * `jstr`: standard input as one JSON string. Character by character rather than gsub, whose
 * backslash rules differ between awk implementations; lines are joined with \n, so one trailing
 * newline is dropped. Bytes above 0x7f pass through (UTF-8 stays UTF-8).
 */
const JSON_STRING_FUNCTION = String.raw`jstr() { awk 'BEGIN { ORS = ""; printf "\"" } { if (NR > 1) printf "\\n"; n = length($0); for (i = 1; i <= n; i++) { c = substr($0, i, 1); if (c == "\\") printf "\\\\"; else if (c == "\"") printf "\\\""; else if (c == "\t") printf "\\t"; else if (c == "\r") printf "\\r"; else printf "%s", c } } END { printf "\"" }'; }`;

/** Artifact outputs, in the order the wrapper takes their URIs. */
export function artifactOutputs(component: Component): string[] {
  return component.outputs.filter((o) => o.type.category === "artifact" || o.type.category === "artifactList").map((o) => o.name);
}
