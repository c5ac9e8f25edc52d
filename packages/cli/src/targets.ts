import { resolveBackend, type Backend } from "@sluice/core/backend";
import { backend as airflow } from "@sluice/compiler-airflow";
import { backend as argo } from "@sluice/compiler-argo";
import { backend as kubeflow } from "@sluice/compiler-kubeflow";
import { CLI_CODES, UsageError } from "./usage-error.js";

/**
 * The back ends that ship with Sluice, and whether each is ready.
 *
 * A back end that is not ready can still be asked for by name (`--target argo`), but it is left
 * out of `--target all`, of `pnpm run golden:update` and of the golden tests, so that a
 * placeholder does not fail every fixture. Back-end owners: flip your line to `true`.
 */
const BUILTINS: readonly { backend: Backend<any>; ready: boolean }[] = [
  { backend: argo, ready: true },
  { backend: kubeflow, ready: true },
  { backend: airflow, ready: true },
];

export const builtinBackends: readonly Backend<any>[] = BUILTINS.map((b) => b.backend);

/** The built-in back ends that `--target all` and the golden tests compile to. */
export const readyBackends: readonly Backend<any>[] = BUILTINS.filter((b) => b.ready).map((b) => b.backend);

/** `ir` is not a back end: the IR is written by the CLI itself. */
export const IR_TARGET = "ir";

export interface TargetSelection {
  ir: boolean;
  backends: Backend<any>[];
}

/**
 * Reads `--target`: `all`, `ir`, a built-in name, a package name (`@acme/sluice-tekton`), or a
 * comma-separated list of these. Unknown names are usage errors.
 */
export async function selectTargets(spec: string): Promise<TargetSelection> {
  const names = spec.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  if (names.length === 0) throw new UsageError(CLI_CODES.unknownTarget, "--target needs at least one target name", targetHint());
  const selection: TargetSelection = { ir: false, backends: [] };
  for (const name of names) {
    if (name === "all") {
      selection.ir = true;
      for (const b of readyBackends) addOnce(selection.backends, b);
    } else if (name === IR_TARGET) {
      selection.ir = true;
    } else {
      const backend = await resolveBackend(name, builtinBackends);
      if (!backend) throw new UsageError(CLI_CODES.unknownTarget, `unknown target "${name}"`, targetHint());
      addOnce(selection.backends, backend);
    }
  }
  return selection;
}

function addOnce(list: Backend<any>[], backend: Backend<any>): void {
  if (!list.includes(backend)) list.push(backend);
}

function targetHint(): string {
  const names = [IR_TARGET, ...builtinBackends.map((b) => b.name), "all"];
  return `targets are ${names.join(", ")}, or the name of a package whose default export is a back end`;
}
