// Kubernetes expands `$(VAR)` in a container's command, args and env values, and turns `$$` into
// `$`. Every back end that writes user text into those fields (container steps on every target,
// the pods a scale-out resource makes) escapes it with this one function.

/**
 * Kubernetes' escape for command, args and env values: `$$` stands for one `$`, so doubling every `$` keeps `$(VAR)` and `$$` as written.
 *
 * Every `$`, not only those before `(` or `$`: back ends escape the literal pieces of an argument
 * one by one and join them with references such as `$(SLUICE_IN_X)`, and only full doubling
 * survives the join. A piece ending in `$`, escaped minimally, stays `a$`, and before a reference
 * becomes `a$$(SLUICE_IN_X)`: Kubernetes reads `$$` and never expands the reference (the property
 * test in compiler-argo's route-strings.test.ts). Kubeflow's launcher placeholders are replaced in
 * the container, after Kubernetes, so its back end can leave other `$`s alone (placeholders.ts).
 */
export function escapeKubernetesExpansion(text: string): string {
  return text.replaceAll("$", () => "$$");
}
