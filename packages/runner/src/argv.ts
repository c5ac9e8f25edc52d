import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Arg, type ArgRef, type Component, type ScriptLanguage, podImplementation } from "@sluice/core/backend";
import { valueText } from "./values.js";
import type { Value } from "./types.js";

/** Where one task's files are: inputs copied in, outputs to write, the clean working folder. */
export interface TaskFolders {
  root: string;
  work: string;
  inputs: string;
  outputs: string;
}

export function taskFolders(root: string): TaskFolders {
  return { root, work: join(root, "work"), inputs: join(root, "inputs"), outputs: join(root, "outputs") };
}

/**
 * The argv of one task, by the container contract every target follows: a parameter's value as
 * text (non-strings as JSON), an input artifact's local path, and for each output the path the
 * step writes it to. A script step runs with the interpreter its language names, the source
 * written next to (not inside) its working folder.
 */
export function buildArgv(component: Component, inputs: Record<string, Value | undefined>, folders: TaskFolders, onHost: boolean): string[] {
  const render = (a: Arg): string => {
    if (typeof a === "string") return a;
    if ("concat" in a) return a.concat.map((p) => (typeof p === "string" ? p : renderRef(p))).join("");
    return renderRef(a);
  };
  const renderRef = (r: ArgRef): string => {
    if ("outputPath" in r) return join(folders.outputs, r.outputPath);
    if ("inputPath" in r) return inputs[r.inputPath] === undefined ? "" : join(folders.inputs, r.inputPath);
    const v = inputs[r.inputValue];
    // An optional input left out: the step gets an empty value, as on the targets.
    return v === undefined ? "" : valueText(v);
  };
  const impl = podImplementation(component);
  if ("container" in impl) return [...impl.container.command.map(render), ...impl.container.args.map(render)];
  const script = join(folders.root, `script${SCRIPT_EXTENSIONS[impl.script.language]}`);
  writeFileSync(script, impl.script.source);
  return [...interpreter(impl.script.language, onHost), script, ...impl.script.args.map(render)];
}

const SCRIPT_EXTENSIONS: Record<ScriptLanguage, string> = { python: ".py", bash: ".sh", sh: ".sh", node: ".cjs" };

/**
 * On the host, `SLUICE_PYTHON` may pick another Python (a virtualenv's) and node scripts run with
 * the Node running Sluice; in a container, the image's own `python3` and `node`.
 */
function interpreter(language: ScriptLanguage, onHost: boolean): string[] {
  switch (language) {
    case "python":
      return [(onHost && process.env.SLUICE_PYTHON) || "python3"];
    case "bash":
      return ["bash"];
    case "sh":
      return ["sh"];
    case "node":
      return [onHost ? process.execPath : "node"];
  }
}
