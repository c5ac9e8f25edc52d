/**
 * What happens to a container's command and args between the PipelineSpec and the user's process,
 * replayed in tests:
 * 1. the KFP driver resolves constant input values (exact `{{$.pipeline_job_name}}`-style
 *    placeholders, and `{{$.workspace_path}}` anywhere in the text);
 * 2. Kubernetes expands `$(VAR)` in command and args from the container's env, `$$` to `$`;
 * 3. the KFP launcher replaces `{{$}}` first, then every other key with strings.ReplaceAll in Go's
 *    random map order (backend/src/v2/component/launcher_v2.go) — here in several orders.
 */

const DRIVER_EXACT: Record<string, string> = {
  "{{$.pipeline_job_name}}": "run-display-name",
  "{{$.pipeline_job_resource_name}}": "run-resource-name",
  "{{$.pipeline_job_uuid}}": "run-uuid",
  "{{$.pipeline_task_name}}": "task-name",
  "{{$.pipeline_task_uuid}}": "task-uuid",
};

export function driverResolve(value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (value.includes("{{$.workspace_path}}")) return value.replaceAll("{{$.workspace_path}}", "/kfp-workspace");
  return DRIVER_EXACT[value] ?? value;
}

/** Kubernetes' expansion of `$(NAME)` (k8s.io third_party/forked/golang/expansion). */
export function expandKubernetes(text: string, env: ReadonlyMap<string, string>): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== "$" || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[i + 1]!;
    if (next === "$") {
      out += "$";
      i++;
    } else if (next === "(") {
      const close = text.indexOf(")", i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const name = text.slice(i + 2, close);
      out += env.has(name) ? env.get(name)! : `$(${name})`;
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

/** The container env as Kubernetes resolves it: each value may read the variables before it. */
export function resolveEnv(env: readonly { name: string; value: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of env) out.set(e.name, expandKubernetes(e.value, out));
  return out;
}

/**
 * How the launcher prints a parameter value into text: strings as they are, numbers with
 * strconv.FormatFloat 'f' -1, lists and structs as JSON (keys sorted here, as a stand-in for
 * protojson's rendering, so that both sides of a comparison agree).
 */
export function launcherText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(sortedKeys(value));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]));
  return value;
}

export const outputFile = (name: string) => `/tmp/kfp_outputs/${name}/data`;
export const artifactPath = (name: string) => `/minio/bucket/run/${name}`;

/** The launcher's replacement, keys in the given order (after `{{$}}`). */
export function launch(argv: readonly string[], replacements: ReadonlyMap<string, string>, order: readonly string[]): string[] {
  const executorInput = JSON.stringify({ inputs: Object.fromEntries(replacements) });
  return argv.map((arg) => {
    let text = arg.replaceAll("{{$}}", executorInput);
    for (const key of order) text = text.replaceAll(key, replacements.get(key)!);
    return text;
  });
}

/** A few deterministic orders: as given, reversed, and every rotation. */
export function someOrders(keys: readonly string[]): string[][] {
  const orders = [keys.slice(), keys.slice().reverse()];
  for (let r = 1; r < keys.length; r++) orders.push([...keys.slice(r), ...keys.slice(0, r)]);
  return orders;
}
