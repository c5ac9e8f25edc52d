/** State shared by the builders of one compilation: the output maps and the diagnostics. */
import type { Diagnostic, Pipeline } from "@sluice/core/backend";
import { NameAllocator } from "./names.js";
import type { ComponentSpec, ContainerSpec, KubernetesExecutorConfig } from "./types.js";
import type { KubeflowOptions } from "./options.js";
import type { BuiltComponent } from "./build-executor.js";

export interface BuildContext {
  ir: Pipeline;
  options: KubeflowOptions;
  diagnostics: Diagnostic[];
  components: Record<string, ComponentSpec>;
  executors: Record<string, { container: ContainerSpec }>;
  platform: Record<string, KubernetesExecutorConfig>;
  componentNames: NameAllocator;
  /** Executor variants already built, by a key of everything that shapes them. */
  variants: Map<string, BuiltComponent>;
  /** Sub-pipeline components already built, by sub-pipeline name. */
  subPipelineComponents: Map<string, string>;
}

export function newContext(ir: Pipeline, options: KubeflowOptions): BuildContext {
  return {
    ir,
    options,
    diagnostics: [],
    components: {},
    executors: {},
    platform: {},
    componentNames: new NameAllocator("comp-"),
    variants: new Map(),
    subPipelineComponents: new Map(),
  };
}

/** The executor label kfp pairs with a component name: comp-x runs on exec-x. */
export function executorLabelOf(componentName: string): string {
  return `exec-${componentName.slice("comp-".length)}`;
}
