/**
 * The text KFP rewrites inside a container's command and args, and how Sluice keeps user strings
 * out of its way (docs/targets/kubeflow.md, "Strings").
 *
 * Two rewriters run before the user's program sees its argv:
 * 1. Kubernetes expands `$(NAME)` in `command` and `args` of every container, and turns `$$` into
 *    `$`. `escapeKubernetesVars` doubles each `$` that Kubernetes would consume, so the text
 *    arrives as written.
 * 2. The KFP launcher replaces placeholder keys with plain `strings.ReplaceAll`, one key at a time
 *    in random map order (backend/src/v2/component/launcher_v2.go, getPlaceholders). The keys are
 *    exactly `{{$}}` and the input/output placeholders of the executor's own inputs and outputs, so
 *    `launcherKeys` can list them and `unexpectedKeys` can tell whether literal text contains one.
 */

export const inputValue = (name: string): string => `{{$.inputs.parameters['${name}']}}`;
export const inputArtifactPath = (name: string): string => `{{$.inputs.artifacts['${name}'].path}}`;
export const outputArtifactPath = (name: string): string => `{{$.outputs.artifacts['${name}'].path}}`;
export const outputParameterFile = (name: string): string => `{{$.outputs.parameters['${name}'].output_file}}`;

/** Every key the launcher replaces for an executor with these input and output names. */
export function launcherKeys(io: { inputParameters: string[]; inputArtifacts: string[]; outputParameters: string[]; outputArtifacts: string[] }): string[] {
  const keys = ["{{$}}"];
  for (const n of io.inputParameters) keys.push(inputValue(n));
  for (const n of io.inputArtifacts) keys.push(inputArtifactPath(n), `{{$.inputs.artifacts['${n}'].uri}}`);
  for (const n of io.outputParameters) keys.push(outputParameterFile(n));
  for (const n of io.outputArtifacts) keys.push(outputArtifactPath(n), `{{$.outputs.artifacts['${n}'].uri}}`);
  return keys;
}

/**
 * The launcher keys found in `text` beyond the placeholders Sluice put there on purpose. `text` is
 * one assembled argv element; `intended` lists the placeholders it was built with, so a key that
 * literal text happens to form (alone or next to a placeholder) is caught.
 */
export function unexpectedKeys(text: string, intended: readonly string[], keys: readonly string[]): string[] {
  // Every key begins with KEY_START, so text without it holds none (most argv elements).
  if (!text.includes(KEY_START)) return [];
  const found: string[] = [];
  for (const key of keys) {
    let wanted = 0;
    for (const p of intended) if (p === key) wanted++;
    if (occurrences(text, key) > wanted) found.push(key);
  }
  return found;
}

/** What every launcher key begins with (see launcherKeys). */
export const KEY_START = "{{$";

/** Non-overlapping occurrences of `key` in `text`, left to right (as `text.split(key)` counts them). */
function occurrences(text: string, key: string): number {
  let count = 0;
  for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + key.length)) count++;
  return count;
}

/**
 * Doubles every `$` that Kubernetes would read as the start of `$(VAR)` or of the `$$` escape.
 * Not the shared escapeKubernetesExpansion, which doubles every `$` because the other back ends
 * join escaped pieces with `$(VAR)` references: here the pieces are joined with launcher
 * placeholders (`{{$.inputs...}}`), which Kubernetes leaves alone and the launcher replaces after
 * it, so a `$` before anything else can stay as written (and scripts read as written, as kfp's own
 * output does).
 */
export function escapeKubernetesVars(text: string): string {
  return text.includes("$") ? text.replace(/\$(?=[($])/g, "$$$$") : text;
}
