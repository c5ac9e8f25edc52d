import { dns1123Label, escapeKubernetesExpansion, shortHash } from "@sluice/core/backend";
import { paramName } from "./names.js";
import type { ConfigMap, EnvVar, KeySelector, Volume, VolumeMount } from "./types.js";

/**
 * Gets user strings into a pod exactly as written.
 *
 * Two programs rewrite strings on their way to a container:
 * - Argo substitutes `{{…}}` anywhere in a template, with no escape (argo#8253), and rescans
 *   substituted values (argo#1765). A string with `{{` therefore never goes into a template:
 *   it goes into a ConfigMap the compiler emits beside the workflow (Argo never reads it) and
 *   reaches the container as an env var (`valueFrom.configMapKeyRef`), referenced as `$(VAR)` in
 *   args, or as a mounted file for script source.
 * - Kubernetes expands `$(VAR)` in command, args and env values and turns `$$` into `$`. Every
 *   `$` of literal text in those fields is written as `$$`, which Kubernetes turns back into `$`.
 *
 * The ConfigMap is content-addressed: keys are hashes of the values, and its name carries a
 * hash of all of its data, so two versions of a pipeline never overwrite each other's strings.
 */
export class StringRouter {
  private readonly data = new Map<string, string>();
  /** Objects whose `name` is the ConfigMap's, filled in by finish(). */
  private readonly holders: { name: string }[] = [];

  constructor(private readonly pipelineName: string) {}

  /** A ConfigMap key holding `value`. */
  private keyFor(value: string): KeySelector {
    const key = `s-${shortHash(value)}`;
    this.data.set(key, value);
    const ref: KeySelector = { name: "", key };
    this.holders.push(ref);
    return ref;
  }

  /** Routing for one template: collects the env vars and volumes its routed strings need. */
  forTemplate(): RoutedTemplate {
    return new RoutedTemplate(
      (value) => this.keyFor(value),
      (holder) => this.holders.push(holder),
    );
  }

  /** The ConfigMap to emit, after every template is built; fixes the name in every reference. */
  finish(metadata: { namespace?: string; labels: Record<string, string> }): ConfigMap | undefined {
    if (this.data.size === 0) return undefined;
    const data: Record<string, string> = {};
    for (const key of [...this.data.keys()].sort()) data[key] = this.data.get(key)!;
    const name = `${this.pipelineName}-strings-${shortHash(JSON.stringify(data))}`;
    for (const holder of this.holders) holder.name = name;
    return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}), labels: metadata.labels }, data };
  }
}

/** Strings Argo would read as an expression. */
export function argoWouldScan(text: string): boolean {
  return text.includes("{{");
}

export class RoutedTemplate {
  readonly env: EnvVar[] = [];
  /** Pod annotations carrying run-time input values (see inputValue). */
  readonly annotations: Record<string, string> = {};
  readonly volumes: Volume[] = [];
  readonly mounts: VolumeMount[] = [];

  constructor(
    private readonly keyFor: (value: string) => KeySelector,
    private readonly track: (holder: { name: string }) => void,
  ) {}

  /**
   * Literal text of a command or args element. `seam.before` / `seam.after` say that an Argo
   * reference is glued before / after the text in the same element, where a `}` / `{` at the
   * seam would merge with the reference's braces.
   */
  argvText(text: string, seam: { before?: boolean; after?: boolean } = {}): string {
    const scan = argoWouldScan(text) || (seam.after === true && text.endsWith("{")) || (seam.before === true && text.startsWith("}"));
    if (!scan) return escapeKubernetesExpansion(text);
    const ref = this.keyFor(text);
    const name = `SLUICE_STR_${ref.key.slice(2).toUpperCase()}`;
    if (!this.env.some((e) => e.name === name)) this.env.push({ name, valueFrom: { configMapKeyRef: ref } });
    return `$(${name})`;
  }

  /**
   * A run-time input value in command or args. Written there as `{{inputs.parameters.x}}`, the
   * value would then be expanded by Kubernetes (`$(VAR)`, `$$`). Instead Argo writes it into a
   * pod annotation, an env var reads the annotation through the downward API (`fieldRef`, never
   * expanded), and args reference the env var: Kubernetes substitutes it once and does not
   * rescan what it substituted.
   */
  inputValue(name: string): string {
    const label = dns1123Label(name, 60);
    const key = `sluice.dev/in-${label}`;
    const envName = `SLUICE_IN_${label.toUpperCase().replaceAll("-", "_")}`;
    if (!(key in this.annotations)) {
      this.annotations[key] = `{{inputs.parameters.${paramName(name)}}}`;
      this.env.push({ name: envName, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${key}']` } } });
    }
    return `$(${envName})`;
  }

  /** A plain env var value the user set. */
  envVar(name: string, value: string): EnvVar {
    if (!argoWouldScan(value)) return { name, value: escapeKubernetesExpansion(value) };
    return { name, valueFrom: { configMapKeyRef: this.keyFor(value) } };
  }

  /** Script source with `{{`: mounted from the ConfigMap; returns the file's path. */
  scriptFile(source: string): string {
    const ref = this.keyFor(source);
    const configMap = { name: "", items: [{ key: ref.key, path: "source" }] };
    this.track(configMap);
    this.volumes.push({ name: "sluice-script", configMap });
    this.mounts.push({ name: "sluice-script", mountPath: "/sluice/script", readOnly: true });
    return "/sluice/script/source";
  }
}
