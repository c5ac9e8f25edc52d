// @sluice/submit/argo: Argo Workflows through the Kubernetes API.
export { ArgoClient, FIELD_MANAGER } from "./client.js";
export { loadKubeConfig, type ArgoConnection } from "./connect.js";
export { readArgoManifests, withParams, ARGO_KINDS, type KubeObject } from "./manifests.js";
export { workflowStatus, failingNodes, type ArgoWorkflow } from "./status.js";
