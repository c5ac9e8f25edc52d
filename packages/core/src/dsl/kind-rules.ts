import type { ArtifactKindName, ArtifactSpec, SpecMap, StepKind } from "./types.js";

// A step kind carries checks. The ones that can be stated as types are stated here, so that a
// trainer without a model output is a red squiggle in the editor, not only a compile error
// (the front end checks the same rules, SLU14xx, for files that never meet tsc).

/** The artifact kind each step kind must declare among its outputs (a list of them counts). */
export interface RequiredOutputKinds {
  trainer: "model";
  evaluator: "metrics";
}

/** What tsc prints when a rule is broken: the rule and the fix. */
interface RuleMessages {
  trainer: "a trainer declares a model output, e.g. model: artifact.model()";
  evaluator: "an evaluator declares a metrics output, e.g. metrics: artifact.metrics()";
}

/** The names of the outputs in `O` that are artifacts of kind `K` (never when there is none). */
type OutputsOfKind<O extends SpecMap, K extends ArtifactKindName> = {
  [N in keyof O]: O[N] extends ArtifactSpec<K, boolean, boolean> ? N : never;
}[keyof O];

/**
 * Nothing more to require when the kind has no rule or the rule holds. Otherwise the definition
 * must also have an output named by the message, so tsc prints the message itself, e.g.
 * `Property '"a trainer declares a model output, e.g. model: artifact.model()"' is missing`.
 */
export type KindRule<Kind extends StepKind, O extends SpecMap> = Kind extends keyof RequiredOutputKinds
  ? [OutputsOfKind<O, RequiredOutputKinds[Kind]>] extends [never]
    ? { outputs: { [M in RuleMessages[Kind]]: ArtifactSpec<RequiredOutputKinds[Kind]> } }
    : unknown
  : unknown;
