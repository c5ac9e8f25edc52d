/**
 * The KFP v2 objects this back end builds, typed after the JSON form of
 * ../shared/specs/kubeflow/proto/pipeline_spec.proto (PipelineSpec, package ml_pipelines) and
 * kubernetes_executor_config.proto (KubernetesExecutorConfig, package kfp_kubernetes).
 * Field names are the proto3 JSON names (lowerCamelCase), as kfp writes them in YAML. Only the
 * fields Sluice emits are declared; a strict protobuf parse in the tests checks them against the
 * real schema.
 */
import type { JsonValue } from "@sluice/core/backend";

export type ParameterType = "NUMBER_DOUBLE" | "NUMBER_INTEGER" | "STRING" | "BOOLEAN" | "LIST" | "STRUCT";

export interface ArtifactTypeSchema {
  schemaTitle: string;
  schemaVersion: string;
}

export interface InputParameterDefinition {
  parameterType: ParameterType;
  defaultValue?: JsonValue;
  isOptional?: boolean;
  description?: string;
  literals?: JsonValue[];
}

export interface InputArtifactDefinition {
  artifactType: ArtifactTypeSchema;
  isArtifactList?: boolean;
  isOptional?: boolean;
  description?: string;
}

export interface OutputParameterDefinition {
  parameterType: ParameterType;
  description?: string;
}

export interface OutputArtifactDefinition {
  artifactType: ArtifactTypeSchema;
  isArtifactList?: boolean;
  description?: string;
}

export interface InputDefinitions {
  artifacts?: Record<string, InputArtifactDefinition>;
  parameters?: Record<string, InputParameterDefinition>;
}

export interface OutputDefinitions {
  artifacts?: Record<string, OutputArtifactDefinition>;
  parameters?: Record<string, OutputParameterDefinition>;
}

/** TaskInputsSpec.InputParameterSpec: where a task input parameter comes from. */
export type ParameterSource =
  | { componentInputParameter: string; parameterExpressionSelector?: string }
  | { taskOutputParameter: { outputParameterKey: string; producerTask: string } }
  | { runtimeValue: { constant: JsonValue } };

/** TaskInputsSpec.InputArtifactSpec. */
export type ArtifactSource =
  | { componentInputArtifact: string }
  | { taskOutputArtifact: { outputArtifactKey: string; producerTask: string } };

export interface TaskInputs {
  artifacts?: Record<string, ArtifactSource>;
  parameters?: Record<string, ParameterSource>;
}

export interface RetryPolicy {
  backoffDuration: string;
  backoffFactor: number;
  backoffMaxDuration: string;
  maxRetryCount: number;
}

export interface PipelineTaskSpec {
  cachingOptions?: { enableCache?: boolean };
  componentRef: { name: string };
  dependentTasks?: string[];
  inputs?: TaskInputs;
  iteratorPolicy?: { parallelismLimit: number };
  parameterIterator?: { itemInput: string; items: { raw: string } | { inputParameter: string } };
  artifactIterator?: { itemInput: string; items: { inputArtifact: string } };
  retryPolicy?: RetryPolicy;
  taskInfo: { name: string };
  triggerPolicy?: { condition?: string; strategy?: "ALL_UPSTREAM_TASKS_COMPLETED" };
}

export interface DagOutputs {
  artifacts?: Record<string, { artifactSelectors: { outputArtifactKey: string; producerSubtask: string }[] }>;
  parameters?: Record<string, { valueFromParameter: { outputParameterKey: string; producerSubtask: string } }>;
}

export interface ComponentSpec {
  dag?: { outputs?: DagOutputs; tasks: Record<string, PipelineTaskSpec> };
  executorLabel?: string;
  inputDefinitions?: InputDefinitions;
  outputDefinitions?: OutputDefinitions;
}

export interface ContainerResources {
  accelerator?: { count: string; resourceCount: string; resourceType: string; type: string };
  resourceCpuLimit?: string;
  resourceCpuRequest?: string;
  resourceMemoryLimit?: string;
  resourceMemoryRequest?: string;
}

export interface ContainerSpec {
  args?: string[];
  command?: string[];
  env?: { name: string; value: string }[];
  image: string;
  resources?: ContainerResources;
}

export interface PipelineSpec {
  components: Record<string, ComponentSpec>;
  defaultPipelineRoot?: string;
  deploymentSpec: { executors: Record<string, { container: ContainerSpec }> };
  pipelineInfo: { description?: string; displayName?: string; name: string };
  root: ComponentSpec;
  schemaVersion: string;
  sdkVersion: string;
}

/** kfp_kubernetes.KubernetesExecutorConfig, the per-executor entry of the platform spec. */
export interface KubernetesExecutorConfig {
  activeDeadlineSeconds?: string;
  configMapAsVolume?: { configMapName: string; configMapNameParameter: ParameterSource; mountPath: string; optional: boolean }[];
  emptyDirMounts?: { mountPath: string; sizeLimit?: string; volumeName: string }[];
  imagePullSecret?: { secretName: string; secretNameParameter: ParameterSource }[];
  nodeSelector?: { labels: Record<string, string> };
  podMetadata?: { annotations?: Record<string, string>; labels?: Record<string, string> };
  pvcMount?: { constant: string; mountPath: string; pvcNameParameter: ParameterSource }[];
  secretAsEnv?: { keyToEnv: { envVar: string; secretKey: string }[]; optional: boolean; secretName: string; secretNameParameter: ParameterSource }[];
  secretAsVolume?: { mountPath: string; optional: boolean; secretName: string; secretNameParameter: ParameterSource }[];
  tolerations?: { effect?: string; key?: string; operator?: string; tolerationSeconds?: string; value?: string }[];
}

/** The second YAML document kfp writes when Kubernetes-specific settings are used. */
export interface PlatformSpec {
  platforms: { kubernetes: { deploymentSpec: { executors: Record<string, KubernetesExecutorConfig> } } };
}
