import type { Backend } from "@sluice/core/backend";
import { parseBackendOptions } from "../backend-options.js";
import { compilePipeline, type CompileOutcome } from "../compile-pipeline.js";
import { builtinBackends, IR_TARGET, readyBackends } from "../targets.js";
import type { FixtureCase } from "./fixtures.js";

/**
 * Compiles a fixture the way the golden files are made: in memory, without git state (so that
 * goldens do not change with every commit), with paths relative to the repository root, to the
 * IR and every ready back end (or the fixture's own `targets`), with the fixture's options.
 */
export function compileFixture(fixture: FixtureCase, root: string): CompileOutcome {
  const { ir, backends } = fixtureTargets(fixture);
  return compilePipeline({
    file: fixture.pipeline,
    projectRoot: root,
    ...(fixture.config.export !== undefined ? { exportName: fixture.config.export } : {}),
    ir,
    backends: backends.map((backend) => ({ backend, options: fixtureOptions(fixture, backend) })),
  });
}

function fixtureTargets(fixture: FixtureCase): { ir: boolean; backends: Backend<any>[] } {
  const wanted = fixture.config.targets;
  if (!wanted) return { ir: true, backends: [...readyBackends] };
  for (const name of wanted) {
    if (name !== IR_TARGET && !builtinBackends.some((b) => b.name === name)) throw new Error(`${fixture.name}/fixture.json: unknown target "${name}"`);
  }
  // A target that is not ready yet is skipped: its goldens appear when its owner flips it on.
  return { ir: wanted.includes(IR_TARGET), backends: readyBackends.filter((b) => wanted.includes(b.name)) };
}

/** The fixture's options for one back end, checked by the back end's schema. */
export function fixtureOptions(fixture: FixtureCase, backend: Backend<any>): unknown {
  const parsed = parseBackendOptions(backend, fixture.config.options?.[backend.name] ?? {});
  if (!parsed.ok) throw new Error(`${fixture.name}/fixture.json: ${parsed.message}`);
  return parsed.options;
}
