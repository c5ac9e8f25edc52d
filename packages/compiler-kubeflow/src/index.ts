// @sluice/compiler-kubeflow: IR -> Kubeflow Pipelines v2 PipelineSpec. Only re-exports and the
// Backend object live here.
import { hasErrors, type Backend } from "@sluice/core/backend";
import { buildPipeline } from "./build-pipeline.js";
import { kfpPipelineName } from "./names.js";
import { KubeflowOptions } from "./options.js";
import { serializeKubeflow } from "./serialize.js";

export { KubeflowOptions } from "./options.js";
export { buildPipeline, SCHEMA_VERSION, SDK_VERSION } from "./build-pipeline.js";
export { serializeKubeflow } from "./serialize.js";
export { Codes } from "./codes.js";
export type * from "./types.js";

export const backend: Backend<KubeflowOptions> = {
  name: "kubeflow",
  description: "Kubeflow Pipelines v2 (PipelineSpec YAML, as kfp 2.17 writes it)",
  options: KubeflowOptions as unknown as Backend<KubeflowOptions>["options"],
  compile(ir, options) {
    const { spec, platform, ctx } = buildPipeline(ir, KubeflowOptions.parse(options ?? {}));
    if (hasErrors(ctx.diagnostics)) return { files: [], diagnostics: ctx.diagnostics };
    return { files: [{ path: `${kfpPipelineName(ir.metadata.name)}.kubeflow.yaml`, contents: serializeKubeflow(ir, spec, platform) }], diagnostics: ctx.diagnostics };
  },
};
export default backend;
