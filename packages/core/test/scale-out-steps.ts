// Test support for scale-out steps: compile a pipeline source to IR and build its custom
// resources with a stand-in ResolveArg, as a back end would with its own.
import { analyzeSources } from "../src/frontend/test-helpers.js";
import { argResolver, buildScaleOutResource, type CustomResource, type ResolveArg } from "../src/backend/scale-out/index.js";
import type { Component, Pipeline } from "../src/ir/index.js";

/** References read as visible markers; artifact locations as URIs, as scale-out jobs see them. */
export const markerResolver: ResolveArg = argResolver((ref) => {
  if ("inputValue" in ref) return `<value:${ref.inputValue}>`;
  if ("inputPath" in ref) return `s3://sluice-test/inputs/${ref.inputPath}`;
  return `s3://sluice-test/outputs/${ref.outputPath}`;
});

/** The IR of `pipeline.ts` given as text; throws with the diagnostics if it does not compile. */
export function compileToIr(source: string, exportName?: string): Pipeline {
  const result = analyzeSources({ "pipeline.ts": source }, exportName);
  if (!result.ir) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.span?.line}:${d.span?.column} ${d.message}`).join("\n"));
  return result.ir;
}

export function component(ir: Pipeline, name: string): Component {
  const c = ir.spec.components.find((x) => x.name === name);
  if (!c) throw new Error(`no component ${name}`);
  return c;
}

/** The custom resource of a component, with its own settings and the given metadata name. */
export function buildFor(c: Component, name = c.name, namespace?: string): CustomResource {
  const { retry, timeoutSeconds, cache, resources, env, volumes, nodeSelector, tolerations, labels, annotations } = c;
  const settings = JSON.parse(JSON.stringify({ retry, timeoutSeconds, cache, resources, env, volumes, nodeSelector, tolerations, labels, annotations }));
  const resource = buildScaleOutResource(c, markerResolver, { name, ...(namespace ? { namespace } : {}), settings });
  if (!resource) throw new Error(`${c.name} is not a scale-out step`);
  return JSON.parse(JSON.stringify(resource));
}

/** A deep copy of `doc` without the fields at the given dotted paths (`spec.driver.securityContext`). */
export function withoutPaths(doc: unknown, paths: readonly string[]): unknown {
  const copy = JSON.parse(JSON.stringify(doc));
  for (const path of paths) {
    const keys = path.split(".");
    const visit = (o: any, i: number): void => {
      if (o === null || typeof o !== "object") return;
      if (Array.isArray(o)) return o.forEach((x) => visit(x, i));
      if (i === keys.length - 1) delete o[keys[i]!];
      else visit(o[keys[i]!], i + 1);
    };
    visit(copy, 0);
  }
  return copy;
}

/**
 * The words a POSIX shell reads from a line that shellJoin wrote (plain words, single-quoted runs,
 * `\'` between them), so tests can check a RayJob entrypoint word by word.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === " ") {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (ch === "\\") {
      word = (word ?? "") + line[++i];
    } else word = (word ?? "") + ch;
  }
  if (word !== undefined) words.push(word);
  return words;
}
