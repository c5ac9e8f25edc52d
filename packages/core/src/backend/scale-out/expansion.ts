// Which text of a scale-out resource Kubernetes itself will expand. The engines copy some fields
// into the containers of the pods they make, where Kubernetes expands `$(VAR)` and turns `$$` into
// `$` (command, args, env values). The builders double every `$` of those fields, so the text
// arrives as written; back ends do the same for run-time values there (kubernetesExpandedFields).
// Each field and its reason (the engines' source) is in docs/scale-out.md, "Kubernetes' `$(VAR)`".
import type { Component } from "../../ir/index.js";
import { escapeKubernetesExpansion } from "../kubernetes-expansion.js";
import type { ResolveArg } from "./types.js";

/**
 * A ResolveArg whose result goes into a field Kubernetes expands. Sound because a back end's text
 * for a run-time reference holds no `$` (a marker or token, filled in later): only compile-time
 * text is doubled here, and the back end doubles the run-time value in the same fields.
 */
export function expandedArg(resolveArg: ResolveArg): ResolveArg {
  return (arg) => escapeKubernetesExpansion(resolveArg(arg));
}

/**
 * The dotted paths (keys from the resource root, list items sharing their list's path, as the
 * back ends' walkers write them) of fields that hold references and that Kubernetes expands. A
 * back end doubles each `$` of a run-time value it places there (Argo `replace`, Jinja
 * `replace`, the Kubeflow launcher). Env values and rayStartParams are compile-time text only.
 */
export function kubernetesExpandedFields(component: Component): string[] {
  const impl = component.implementation;
  // The trainer's command and args become the training container's (Trainer's runtime plugins).
  if ("trainJob" in impl) return ["spec.trainer.command", "spec.trainer.args"];
  // KubeRay's default submission mode (K8sJobMode) runs the entrypoint as the args of a submitter pod.
  if ("rayJob" in impl) return ["spec.entrypoint"];
  // In cluster mode Spark writes the application arguments into the driver pod's container args.
  if ("sparkJob" in impl) return impl.sparkJob.mode === "client" ? [] : ["spec.arguments"];
  return [];
}
