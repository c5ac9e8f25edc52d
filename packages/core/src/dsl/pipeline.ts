import type { CallInputs, CallOptions, Pipeline, PipelineBody, PipelineConfig, SpecMap } from "./types.js";

/** Declares a pipeline. The body is read by the compiler, never run by it. */
export function pipeline<const P extends SpecMap = {}, R = void>(config: PipelineConfig<P>, body: PipelineBody<P, R>): Pipeline<P, R> {
  const call = (_inputs: CallInputs<P>, options?: CallOptions) => ({ name: options?.name ?? config.name, outputs: {} });
  return Object.assign(call, { config, body }) as unknown as Pipeline<P, R>;
}
