/**
 * Reference checks a protobuf parse cannot make, which the KFP backend's driver relies on at run
 * time: every name a PipelineSpec uses must exist where KFP looks it up.
 * - a task's componentRef names a component; an executorLabel names an executor;
 * - a task's input keys are inputs its component declares, with the same kind (parameter/artifact);
 * - a required component input (no default, not optional) is bound by every task calling it;
 * - componentInputParameter/Artifact name an input of the enclosing DAG component;
 * - producerTask and dependentTasks name tasks of the same DAG, and output keys are outputs the
 *   producer's component declares; dag.outputs select outputs of their own tasks;
 * - a trigger condition reads only inputs of its own task; an iterator reads an input of its task
 *   and its item input is declared by the body component.
 */
type Json = any;

export function integrityErrors(spec: Json): string[] {
  const errors: string[] = [];
  checkComponent(spec, spec.root, "root", errors);
  for (const [name, c] of Object.entries<Json>(spec.components)) {
    if (c.executorLabel && !spec.deploymentSpec.executors[c.executorLabel]) errors.push(`${name}: no executor ${c.executorLabel}`);
    if (c.dag) checkComponent(spec, c, name, errors);
  }
  return errors;
}

function checkComponent(spec: Json, component: Json, where: string, errors: string[]): void {
  const own = component.inputDefinitions ?? {};
  const tasks: Record<string, Json> = component.dag.tasks ?? {};
  for (const [name, task] of Object.entries<Json>(tasks)) {
    const at = `${where}.${name}`;
    const callee = spec.components[task.componentRef.name];
    if (!callee) {
      errors.push(`${at}: no component ${task.componentRef.name}`);
      continue;
    }
    const declared = callee.inputDefinitions ?? {};
    for (const [input, source] of Object.entries<Json>(task.inputs?.parameters ?? {})) {
      if (!declared.parameters?.[input]) errors.push(`${at}: input parameter ${input} is not declared by ${task.componentRef.name}`);
      if (source.componentInputParameter !== undefined && !own.parameters?.[source.componentInputParameter]) errors.push(`${at}: reads undeclared ${source.componentInputParameter}`);
      if (source.taskOutputParameter) checkProducer(spec, tasks, source.taskOutputParameter.producerTask, source.taskOutputParameter.outputParameterKey, "parameters", at, errors);
    }
    for (const [input, source] of Object.entries<Json>(task.inputs?.artifacts ?? {})) {
      if (!declared.artifacts?.[input]) errors.push(`${at}: input artifact ${input} is not declared by ${task.componentRef.name}`);
      if (source.componentInputArtifact !== undefined && !own.artifacts?.[source.componentInputArtifact]) errors.push(`${at}: reads undeclared ${source.componentInputArtifact}`);
      if (source.taskOutputArtifact) checkProducer(spec, tasks, source.taskOutputArtifact.producerTask, source.taskOutputArtifact.outputArtifactKey, "artifacts", at, errors);
    }
    const iterator = task.parameterIterator ?? task.artifactIterator;
    for (const [input, def] of Object.entries<Json>(declared.parameters ?? {})) {
      const bound = task.inputs?.parameters?.[input] !== undefined || iterator?.itemInput === input;
      if (!bound && def.defaultValue === undefined && !def.isOptional) errors.push(`${at}: required input ${input} is not bound`);
    }
    for (const d of task.dependentTasks ?? []) if (!tasks[d]) errors.push(`${at}: depends on unknown task ${d}`);
    const condition: string | undefined = task.triggerPolicy?.condition;
    for (const m of condition?.matchAll(/inputs\.parameter_values\['([^']+)'\]/g) ?? []) {
      if (!task.inputs?.parameters?.[m[1]!]) errors.push(`${at}: condition reads ${m[1]}, which is not an input of the task`);
    }
    if (iterator) {
      const list = iterator.items.inputParameter ?? iterator.items.inputArtifact;
      if (list !== undefined && !task.inputs?.parameters?.[list] && !task.inputs?.artifacts?.[list]) errors.push(`${at}: iterates ${list}, which is not an input of the task`);
      if (!declared.parameters?.[iterator.itemInput] && !declared.artifacts?.[iterator.itemInput]) errors.push(`${at}: item input ${iterator.itemInput} is not declared by the body`);
    }
  }
  for (const [key, out] of Object.entries<Json>(component.dag.outputs?.parameters ?? {})) checkProducer(spec, tasks, out.valueFromParameter.producerSubtask, out.valueFromParameter.outputParameterKey, "parameters", `${where} output ${key}`, errors);
  for (const [key, out] of Object.entries<Json>(component.dag.outputs?.artifacts ?? {})) for (const s of out.artifactSelectors) checkProducer(spec, tasks, s.producerSubtask, s.outputArtifactKey, "artifacts", `${where} output ${key}`, errors);
}

function checkProducer(spec: Json, tasks: Record<string, Json>, producer: string, key: string, kind: "parameters" | "artifacts", at: string, errors: string[]): void {
  const task = tasks[producer];
  if (!task) return void errors.push(`${at}: producer ${producer} is not a task of this DAG`);
  const outputs = spec.components[task.componentRef.name]?.outputDefinitions?.[kind] ?? {};
  if (!outputs[key]) errors.push(`${at}: ${producer} has no output ${kind} ${key}`);
}
