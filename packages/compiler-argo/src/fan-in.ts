import type { PipelineBody } from "./context.js";
import { paramName } from "./names.js";

/**
 * Fan-in: the outputs of every iteration of a loop, collected into one list.
 *
 * Parameters use Argo's aggregated outputs: the loop's body template re-exports the task's
 * output, and `{{tasks.<loop>.outputs.parameters.<task>-<output>}}` is then a JSON list of every
 * iteration's value.
 *
 * Argo cannot aggregate artifacts, so Sluice stores them under one prefix per loop: the task
 * inside the loop writes its artifact, unarchived, to the key
 * `sluice/<workflow uid>/<loop>/<task>/<output>/<pod name>` of the artifact repository, and the
 * consumer's input artifact is the prefix itself, which Argo downloads as a folder with one entry
 * per iteration. This needs an S3-compatible artifact repository (key-only artifacts). The prefix
 * is per loop, not per loop instance, so a loop that runs more than once per run is refused
 * (SLU2011, build-loop.ts).
 */
export function fanInOutputName(task: string, output: string): string {
  return paramName(`${task}-${output}`);
}

export function fanInKey(body: PipelineBody, loop: string, task: string, output: string): string {
  return `sluice/{{workflow.uid}}/${body.prefix}${loop}/${task}/${output}`;
}

/** The key one iteration writes its artifact to. */
export function fanInIterationKey(body: PipelineBody, loop: string, task: string, output: string): string {
  return `${fanInKey(body, loop, task, output)}/{{pod.name}}`;
}
