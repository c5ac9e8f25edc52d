import type { Backend } from "@sluice/core/backend";
import { parseBackendOptions } from "../backend-options.js";
import { compilePipeline, type CompileOutcome } from "../compile-pipeline.js";
import { builtinBackends, IR_TARGET, readyBackends } from "../targets.js";
import type { FixtureCase, FixtureConfig } from "./fixtures.js";

/**
 * Compiles a fixture the way the golden files are made: in memory, without git state (so that
 * goldens do not change with every commit), with paths relative to the repository root, to the
 * IR and every ready back end (or the fixture's own `targets`), with the fixture's options.
 */
export function compileFixture(fixture: FixtureCase, root: string): CompileOutcome {
  return compileWithConfig(fixture.pipeline, root, fixture.config, `${fixture.name}/fixture.json`);
}

/**
 * The same compile for any file and config: what the goldens use, and what users' tests get
 * from `@sluice/testing`'s `synth`. `where` names the config in error messages. Throws for a
 * config that is wrong (unknown target, refused option): that is a broken test, not a pipeline.
 */
export function compileWithConfig(file: string, root: string, config: FixtureConfig, where: string): CompileOutcome {
  const { ir, backends } = configTargets(config, where);
  return compilePipeline({
    file,
    projectRoot: root,
    ...(config.export !== undefined ? { exportName: config.export } : {}),
    ir,
    backends: backends.map((backend) => ({ backend, options: configOptions(config, backend, where) })),
  });
}

function configTargets(config: FixtureConfig, where: string): { ir: boolean; backends: Backend<any>[] } {
  const wanted = config.targets;
  if (!wanted) return { ir: true, backends: [...readyBackends] };
  for (const name of wanted) {
    if (name !== IR_TARGET && !builtinBackends.some((b) => b.name === name)) throw new Error(`${where}: unknown target "${name}"`);
  }
  // A target that is not ready yet is skipped: its goldens appear when its owner flips it on.
  return { ir: wanted.includes(IR_TARGET), backends: readyBackends.filter((b) => wanted.includes(b.name)) };
}

/** The fixture's options for one back end, checked by the back end's schema. */
export function fixtureOptions(fixture: FixtureCase, backend: Backend<any>): unknown {
  return configOptions(fixture.config, backend, `${fixture.name}/fixture.json`);
}

function configOptions(config: FixtureConfig, backend: Backend<any>, where: string): unknown {
  const parsed = parseBackendOptions(backend, config.options?.[backend.name] ?? {});
  if (!parsed.ok) throw new Error(`${where}: ${parsed.message}`);
  return parsed.options;
}
