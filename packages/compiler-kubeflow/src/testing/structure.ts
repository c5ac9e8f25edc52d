/**
 * The structure of a compiled KFP pipeline, with every internal name erased, so that Sluice's
 * output can be compared with what kfp's own compiler wrote for the same pipeline.
 *
 * Each step call (a task whose component runs an executor) becomes one `FlatTask`: the groups
 * around it (loops with their items and parallelism, conditions with their CEL, plain groups such
 * as exit handlers and nested pipelines), where each input comes from, what it waits for, its
 * trigger strategy, retry policy, caching and env. Where a value comes from is traced through
 * every group input (kfp's `pipelinechannel--...` names, which differ between compilers) back to
 * its origin: a pipeline param, a step output, a loop item, a fan-in or a constant.
 */
type Json = any;

export interface FlatTask {
  path: string;
  inputs: Record<string, string>;
  after: string[];
  strategy?: string;
  retry?: Json;
  cache: boolean;
  env: string[];
}

type Env = Map<string, string>;

export function flattenPipeline(spec: Json): FlatTask[] {
  return leafTasks(spec)
    .map(({ task }) => task)
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** A step call with the executor it runs on and the task names of the groups around it. */
export interface Leaf {
  task: FlatTask;
  executor: string;
  name: string;
  groupNames: string[];
}

/** Every step call with the executor it runs on. */
export function leafTasks(spec: Json): Leaf[] {
  const out: Leaf[] = [];
  const rootEnv: Env = new Map(Object.keys(spec.root.inputDefinitions?.parameters ?? {}).concat(Object.keys(spec.root.inputDefinitions?.artifacts ?? {})).map((p) => [p, `param:${p}`]));
  walkDag(spec, spec.root.dag, rootEnv, [], [], out);
  return out;
}

function walkDag(spec: Json, dag: Json, env: Env, groups: string[], groupNames: string[], out: Leaf[]): void {
  const tasks: Record<string, Json> = dag.tasks ?? {};
  for (const [name, task] of Object.entries(tasks)) {
    const component = spec.components[task.componentRef.name];
    const inputs = resolveInputs(spec, tasks, task, env);
    if (component.executorLabel) {
      const container = spec.deploymentSpec.executors[component.executorLabel].container;
      out.push({ executor: component.executorLabel, name, groupNames, task: {
        path: [...groups, name].join(" / "),
        inputs,
        after: (task.dependentTasks ?? []).map((d: string) => describeTask(spec, tasks, d)).sort(),
        ...(task.triggerPolicy?.strategy ? { strategy: task.triggerPolicy.strategy } : {}),
        ...(task.retryPolicy ? { retry: task.retryPolicy } : {}),
        cache: Boolean(task.cachingOptions?.enableCache),
        env: (container.env ?? []).map((e: Json) => `${e.name}=${e.value}`).sort(),
      } });
      continue;
    }
    const childEnv: Env = new Map(Object.entries(inputs));
    const iterator = task.parameterIterator ?? task.artifactIterator;
    if (iterator) {
      const items = iterator.items.raw !== undefined ? `raw:${JSON.stringify(JSON.parse(iterator.items.raw))}` : inputs[iterator.items.inputParameter ?? iterator.items.inputArtifact];
      childEnv.set(iterator.itemInput, `item(${items})`);
    }
    const group = describeGroup(task, inputs, iterator, childEnv) + groupEdges(spec, tasks, task);
    walkDag(spec, component.dag, childEnv, [...groups, group], [...groupNames, name], out);
  }
}

function describeGroup(task: Json, inputs: Record<string, string>, iterator: Json, childEnv: Env): string {
  if (iterator) return `for ${childEnv.get(iterator.itemInput)}${task.iteratorPolicy ? ` parallelism=${task.iteratorPolicy.parallelismLimit}` : ""}`;
  if (task.triggerPolicy?.condition) return `if ${task.triggerPolicy.condition.replace(/inputs\.parameter_values\['([^']+)'\]/g, (_m: string, n: string) => inputs[n] ?? `?${n}`)}`;
  return "group";
}

/** What a group task waits for and how (an exit handler's exit group runs whatever happened). */
function groupEdges(spec: Json, tasks: Record<string, Json>, task: Json): string {
  const after = (task.dependentTasks ?? []).map((d: string) => describeTask(spec, tasks, d)).sort();
  return `${after.length ? ` after ${after.join(" ")}` : ""}${task.triggerPolicy?.strategy ? ` when ${task.triggerPolicy.strategy}` : ""}`;
}

function resolveInputs(spec: Json, tasks: Record<string, Json>, task: Json, env: Env): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [name, source] of Object.entries<Json>(task.inputs?.parameters ?? {})) {
    let origin: string;
    if (source.componentInputParameter !== undefined) origin = env.get(source.componentInputParameter) ?? `?${source.componentInputParameter}`;
    else if (source.taskOutputParameter) origin = outputOrigin(spec, tasks, source.taskOutputParameter.producerTask, source.taskOutputParameter.outputParameterKey, "parameters");
    else origin = `const:${JSON.stringify(source.runtimeValue.constant)}`;
    if (source.parameterExpressionSelector) origin += ` ${source.parameterExpressionSelector}`;
    inputs[name] = origin;
  }
  for (const [name, source] of Object.entries<Json>(task.inputs?.artifacts ?? {})) {
    if (source.componentInputArtifact !== undefined) inputs[name] = env.get(source.componentInputArtifact) ?? `?${source.componentInputArtifact}`;
    else inputs[name] = outputOrigin(spec, tasks, source.taskOutputArtifact.producerTask, source.taskOutputArtifact.outputArtifactKey, "artifacts");
  }
  return inputs;
}

/** The pipeline's own outputs, each traced to the step output it returns. */
export function pipelineOutputs(spec: Json): Record<string, string> {
  const dag = spec.root.dag;
  const out: Record<string, string> = {};
  for (const [name, o] of Object.entries<Json>(dag.outputs?.parameters ?? {})) out[name] = outputOrigin(spec, dag.tasks, o.valueFromParameter.producerSubtask, o.valueFromParameter.outputParameterKey, "parameters");
  for (const [name, o] of Object.entries<Json>(dag.outputs?.artifacts ?? {})) out[name] = outputOrigin(spec, dag.tasks, o.artifactSelectors[0].producerSubtask, o.artifactSelectors[0].outputArtifactKey, "artifacts");
  return out;
}

/** A step output by its producer; a group's output (fan-in, nested pipeline) traced to its step. */
function outputOrigin(spec: Json, tasks: Record<string, Json>, producer: string, key: string, kind: "parameters" | "artifacts"): string {
  const component = spec.components[tasks[producer]?.componentRef.name];
  if (!component?.dag) return `out:${producer}.${key}`;
  const selector = kind === "parameters" ? component.dag.outputs?.parameters?.[key]?.valueFromParameter : component.dag.outputs?.artifacts?.[key]?.artifactSelectors?.[0];
  if (!selector) return `?out:${producer}.${key}`;
  const innerKey = kind === "parameters" ? selector.outputParameterKey : selector.outputArtifactKey;
  const inner = outputOrigin(spec, component.dag.tasks, selector.producerSubtask, innerKey, kind);
  const iterated = tasks[producer].parameterIterator ?? tasks[producer].artifactIterator;
  return iterated ? `collect(${inner})` : inner;
}

/** A dependency: a step by name, a group by the steps inside it. */
function describeTask(spec: Json, tasks: Record<string, Json>, name: string): string {
  const component = spec.components[tasks[name]?.componentRef.name];
  if (!component?.dag) return name;
  return `group[${leafNames(spec, component.dag).sort().join(",")}]`;
}

function leafNames(spec: Json, dag: Json): string[] {
  return Object.entries<Json>(dag.tasks ?? {}).flatMap(([name, task]) => {
    const component = spec.components[task.componentRef.name];
    return component.dag ? leafNames(spec, component.dag) : [name];
  });
}
