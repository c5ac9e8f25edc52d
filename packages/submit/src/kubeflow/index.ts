// @sluice/submit/kubeflow: Kubeflow Pipelines through its v2beta1 REST API.
export { KubeflowClient, type KubeflowTiming } from "./client.js";
export type { KubeflowConnection } from "./http.js";
