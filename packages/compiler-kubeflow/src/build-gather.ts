/**
 * A list of artifacts (a fan-in) handed to a step as one folder.
 *
 * KFP's `.path` placeholder names only the first artifact of a list, but the launcher (2.4 and
 * later) downloads every artifact of the list and writes their URIs into the executor input
 * (`{{$}}`). So before a step that takes `artifact.list(...)`, Sluice runs a small gather task:
 * it reads the executor input, copies each downloaded artifact into `<folder>/<index>` (in
 * iteration order) and outputs that folder as a single artifact, which the step then gets as a path:
 * the same "folder with one entry per item" that the other targets give. The gather task runs
 * `python3` in `options.gatherImage`.
 */
import type { ArtifactKind } from "@sluice/core/backend";
import { artifactType } from "./build-types.js";
import { executorLabelOf, type BuildContext } from "./context.js";
import { outputArtifactPath } from "./placeholders.js";
import type { ArtifactSource, PipelineTaskSpec } from "./types.js";

export const GATHER_INPUT = "items";
export const GATHER_OUTPUT = "folder";

/** Where the launcher downloads an artifact (LocalPathForURI in launcher_v2.go). */
const GATHER_SOURCE = [
  "import json, os, shutil, sys",
  "executor_input = json.loads(sys.argv[1])",
  "folder = sys.argv[2]",
  "os.makedirs(folder, exist_ok=True)",
  'mounts = {"gs://": "/gcs/", "s3://": "/s3/", "minio://": "/minio/"}',
  `items = executor_input["inputs"]["artifacts"]["${GATHER_INPUT}"]["artifacts"]`,
  "for index, item in enumerate(items):",
  '    uri = item["uri"]',
  "    local = next(mount + uri[len(scheme):] for scheme, mount in mounts.items() if uri.startswith(scheme))",
  "    target = os.path.join(folder, str(index))",
  "    if os.path.isdir(local):",
  "        shutil.copytree(local, target)",
  "    else:",
  "        shutil.copy2(local, target)",
  "",
].join("\n");

/** The gather component for one artifact kind, built once per pipeline. */
function gatherComponent(ctx: BuildContext, kind: ArtifactKind): string {
  const key = `gather:${kind}`;
  const known = ctx.variants.get(key);
  if (known) return known.name;
  const name = ctx.componentNames.allocate(`sluice-gather-${kind}`);
  ctx.variants.set(key, { name, renamed: new Map() });
  const exec = executorLabelOf(name);
  ctx.components[name] = {
    executorLabel: exec,
    inputDefinitions: { artifacts: { [GATHER_INPUT]: { artifactType: artifactType(kind), isArtifactList: true } } },
    outputDefinitions: { artifacts: { [GATHER_OUTPUT]: { artifactType: artifactType(kind) } } },
  };
  ctx.executors[exec] = {
    container: { args: ["{{$}}", outputArtifactPath(GATHER_OUTPUT)], command: ["python3", "-c", GATHER_SOURCE], image: ctx.options.gatherImage },
  };
  const annotations: Record<string, string> = { ...(ctx.ir.metadata.git ? { "sluice.dev/git-commit": ctx.ir.metadata.git.commit } : {}), "sluice.dev/ir-hash": ctx.ir.metadata.hash };
  ctx.platform[exec] = { podMetadata: { annotations, labels: { "sluice.dev/step-kind": "sluice-gather" } } };
  return name;
}

/** The gather task feeding `items` to a step's list input, and the source the step then reads. */
export function gatherTask(ctx: BuildContext, kind: ArtifactKind, taskName: string, items: ArtifactSource, producers: string[]): { task: PipelineTaskSpec; source: ArtifactSource } {
  const task: PipelineTaskSpec = {
    cachingOptions: { enableCache: true },
    componentRef: { name: gatherComponent(ctx, kind) },
    ...(producers.length ? { dependentTasks: [...producers].sort() } : {}),
    inputs: { artifacts: { [GATHER_INPUT]: items } },
    taskInfo: { name: taskName },
  };
  return { task, source: { taskOutputArtifact: { outputArtifactKey: GATHER_OUTPUT, producerTask: taskName } } };
}
