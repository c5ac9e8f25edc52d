// Kubernetes expands `$(VAR)` in a container's command, args and env values, and turns `$$` into
// `$`. Every back end that writes user text into those fields (container steps on every target,
// the pods a scale-out resource makes) escapes it with this one function.

/** Kubernetes' escape for command, args and env values: `$$` stands for one `$`, so doubling every `$` keeps `$(VAR)` and `$$` as written. */
export function escapeKubernetesExpansion(text: string): string {
  return text.replaceAll("$", () => "$$");
}
