/**
 * Diagnostic codes of the Argo back end (SLU2xxx), catalogued with examples in
 * docs/diagnostics/argo.md. Tests assert these codes and the span, never message text.
 */
export const Codes = {
  /** Two different names become the same Argo name after sanitizing. */
  nameCollision: "SLU2001",
  /** A user string lands in a field Argo evaluates (`when`, withItems, a param default) and cannot be routed around it. */
  unroutableString: "SLU2002",
  /** An artifact param of the top-level pipeline: Argo needs a concrete source for it. */
  topLevelArtifactParam: "SLU2003",
  /** A binding Argo cannot express in this position (e.g. a loop over a list of artifacts). */
  unsupportedBinding: "SLU2004",
  /** A setting Argo has no field for; reported as a warning, the rest compiles. */
  settingNotExpressible: "SLU2005",
  /** A retry backoff factor that is not a whole number (Argo's factor is an int-or-string). */
  fractionalBackoffFactor: "SLU2006",
  /** A fan-in of a task nested below the loop's top level. */
  nestedFanIn: "SLU2007",
  /** The schedule is ignored because a WorkflowTemplate was asked for. */
  scheduleIgnored: "SLU2008",
  /** Caching a step with artifact inputs: the memoize key covers parameter inputs only. */
  cacheKeyWithoutArtifacts: "SLU2009",
  /** A param whose default Argo would rewrite is compiled in as a constant (not overridable). */
  paramCompiledIn: "SLU2010",
  /** An artifact fan-in of a loop that runs more than once per run: instances would share a prefix. */
  repeatedArtifactFanIn: "SLU2011",
  /** More templates than the Workflow CRD's full schema allows (200): a warning, Argo itself accepts it. */
  tooManyTemplates: "SLU2012",
  /** More tasks in one DAG than the Workflow CRD's full schema allows (200): a warning. */
  tooManyDagTasks: "SLU2013",
  /** An artifact that reaches a scale-out step by a route Argo cannot give it a storage key on (build-scale-out.ts). */
  scaleOutArtifactRoute: "SLU2021",
} as const;
