/**
 * The Argo and Kubernetes objects this back end builds, typed after the official JSON schema
 * (../shared/specs/argo/jsonschema/schema.json, Argo v4.1.2). Only the fields Sluice writes are
 * declared. Key order in the output is the order builders assign fields in.
 */

/** `io.k8s.apimachinery.pkg.util.intstr.IntOrString`: typed `string` in the JSON schema and
 * int-or-string in the CRDs, so Sluice always writes the string form, which both accept. */
export type IntOrString = string;

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface Parameter {
  name: string;
  value?: string;
  default?: string;
  enum?: string[];
  description?: string;
  valueFrom?: { path?: string; parameter?: string; expression?: string; jsonPath?: string; default?: string; configMapKeyRef?: KeySelector };
}

export interface S3Key {
  key: string;
}

export interface Artifact {
  name: string;
  path?: string;
  from?: string;
  optional?: boolean;
  s3?: S3Key;
  archive?: { none: Record<string, never> };
}

export interface Arguments {
  parameters?: Parameter[];
  artifacts?: Artifact[];
}

export interface KeySelector {
  name: string;
  key: string;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: KeySelector; configMapKeyRef?: KeySelector; fieldRef?: { fieldPath: string } };
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}

export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  emptyDir?: { sizeLimit?: string };
  configMap?: { name: string; items?: { key: string; path: string }[] };
  secret?: { secretName: string };
}

export interface ResourceRequirements {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

export interface Container {
  image: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  resources?: ResourceRequirements;
  volumeMounts?: VolumeMount[];
}

export interface ScriptTemplate extends Container {
  source: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface RetryStrategy {
  limit: IntOrString;
  backoff?: { duration: string; factor?: IntOrString; cap?: string };
}

export interface Memoize {
  key: string;
  cache: { configMap: { name: string } };
  maxAge: string;
}

export interface DagTask {
  name: string;
  template: string;
  depends?: string;
  when?: string;
  arguments?: Arguments;
  withItems?: unknown[];
  withParam?: string;
  hooks?: { exit: { template: string; arguments?: Arguments } };
}

export interface Template {
  name: string;
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  inputs?: Arguments;
  outputs?: Arguments;
  parallelism?: number;
  dag?: { tasks: DagTask[] };
  container?: Container;
  script?: ScriptTemplate;
  resource?: ResourceTemplate;
  volumes?: Volume[];
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  retryStrategy?: RetryStrategy;
  activeDeadlineSeconds?: IntOrString;
  memoize?: Memoize;
}

/** A template that creates a Kubernetes object and waits for it (scale-out steps, build-scale-out.ts). */
export interface ResourceTemplate {
  action: "create";
  setOwnerReference: boolean;
  successCondition?: string;
  failureCondition?: string;
  /** The object as YAML text: Argo substitutes `{{…}}` in it, then the executor creates it. */
  manifest: string;
}

export interface WorkflowSpec {
  entrypoint: string;
  arguments?: Arguments;
  serviceAccountName?: string;
  imagePullSecrets?: { name: string }[];
  parallelism?: number;
  artifactRepositoryRef?: { configMap?: string; key: string };
  workflowMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  templates: Template[];
}

export interface Workflow {
  apiVersion: "argoproj.io/v1alpha1";
  kind: "Workflow" | "WorkflowTemplate";
  metadata: ObjectMeta;
  spec: WorkflowSpec;
}

export interface CronWorkflow {
  apiVersion: "argoproj.io/v1alpha1";
  kind: "CronWorkflow";
  metadata: ObjectMeta;
  spec: {
    schedules: string[];
    timezone?: string;
    concurrencyPolicy: "Allow" | "Forbid" | "Replace";
    workflowMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    workflowSpec: WorkflowSpec;
  };
}

export interface ConfigMap {
  apiVersion: "v1";
  kind: "ConfigMap";
  metadata: ObjectMeta;
  data: Record<string, string>;
}
