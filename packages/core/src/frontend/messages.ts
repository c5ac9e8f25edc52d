// The front end's diagnostic catalogue: every code it reports, with its message template and,
// where one helps, a hint. Codes follow docs/architecture.md: SLU10xx syntax and unsupported
// constructs, SLU11xx constant evaluation, SLU12xx wiring and types, SLU13xx graph and scope,
// SLU14xx values. docs/diagnostics/frontend.md explains each one with a bad example and a fix.

type Template = (...args: string[]) => string;

interface Entry {
  code: string;
  message: Template;
  hint?: string;
}

export const MESSAGES = {
  syntaxError: { code: "SLU1001", message: (text) => `syntax error: ${text}` },
  unsupportedStatement: {
    code: "SLU1002",
    message: (what) => `${what} is not supported in a pipeline body`,
    hint: "a body may hold `const x = step(...)`, bare step calls, if/else, for...of, .map, try/finally and a final return",
  },
  mutableBinding: {
    code: "SLU1003",
    message: (what) => `${what} is not supported: pipeline bodies are read statically, so values cannot change`,
    hint: "use `const` for every binding and give each step call its own name",
  },
  unsupportedLoop: {
    code: "SLU1004",
    message: (what) => `${what} loops are not supported`,
    hint: "fan out with `for (const x of list)` or `list.map((x) => ...)` over a literal array, a list param or a list output",
  },
  awaitNotAllowed: {
    code: "SLU1005",
    message: () => "`await` and async functions are not supported: steps run on the orchestrator, not here",
    hint: "call steps directly; their outputs are available as `task.outputs.X`",
  },
  notAStepCall: {
    code: "SLU1006",
    message: (callee) => `\`${callee}\` is not a step or a pipeline: only steps and pipelines may be called in a pipeline body`,
    hint: "declare the work as a step({...}) and call it, or compute constant values outside the body",
  },
  unknownExport: {
    code: "SLU1007",
    message: (name, file, exports = "") => `${file} has no export named \`${name}\`${exports}`,
    hint: "choose an exported pipeline with --export NAME (the default export is used otherwise)",
  },
  notAPipeline: {
    code: "SLU1008",
    message: (name) => `export \`${name}\` is not a pipeline(...)`,
    hint: "export the result of pipeline({ name, ... }, ({ params }) => { ... })",
  },
  tooDeep: {
    code: "SLU1010",
    message: (limit, what) => `nested too deeply: the compiler follows at most ${limit} ${what}`,
    hint: "name the inner parts with consts at the top level, or flatten the nesting (docs/frontend.md, \"Limits\")",
  },
  moduleNotFound: {
    code: "SLU1009",
    message: (spec) => `cannot read module "${spec}" at compile time`,
    hint: "pipeline files may import from @sluice/core and from relative TypeScript files",
  },
  notConstant: {
    code: "SLU1101",
    message: (what) => `${what} is not a compile-time constant`,
    hint: "step definitions and options hold literals, arrays, objects, spreads, template literals and consts that resolve to them",
  },
  fileNotFound: { code: "SLU1102", message: (path) => `file("${path}") not found` },
  badDefinition: { code: "SLU1103", message: (text) => text },
  badArgsFunction: {
    code: "SLU1104",
    message: (what) => `${what} cannot appear in args/command`,
    hint: "use strings, inputs.X, inputs.X.path, outputs.X.path and template literals mixing them",
  },
  badScript: { code: "SLU1105", message: (text) => text },
  unresolvedName: { code: "SLU1106", message: (name, suggestion = "") => `cannot find \`${name}\`${suggestion}` },
  reservedKey: {
    code: "SLU1150",
    message: (key) => `\`${key}\` cannot be a key: in JavaScript it sets an object's prototype instead of adding a key, so the entry would vanish`,
    hint: "rename the key (Kubernetes label and annotation keys must start with a letter or digit anyway)",
  },
  unknownInput: { code: "SLU1201", message: (name, step, suggestion = "") => `\`${step}\` has no input named \`${name}\`${suggestion}` },
  missingInput: { code: "SLU1202", message: (name, step) => `missing required input \`${name}\` of \`${step}\`` },
  typeMismatch: { code: "SLU1203", message: (what, expected, actual) => `${what} expects ${expected} but gets ${actual}` },
  unknownOutput: { code: "SLU1204", message: (name, task, suggestion = "") => `\`${task}\` has no output named \`${name}\`${suggestion}` },
  notComparable: {
    code: "SLU1205",
    message: (what, fix = "") => `${what} cannot be used in a condition${fix}`,
    hint: "compare params, parameter outputs of steps and literals with == != < <= > >=, combined with && || !",
  },
  notAList: {
    code: "SLU1206",
    message: (what) => `${what} is not a list to fan out over`,
    hint: "loop over a literal array, a list param (param.list) or a list output of a step",
  },
  outOfScope: {
    code: "SLU1301",
    message: (what, group) => `${what} is produced inside ${group} and cannot be used outside it`,
    hint: "use it inside the same if/loop, or collect loop results with list.map((x) => step(...).outputs.y)",
  },
  afterCycle: { code: "SLU1302", message: (path) => `tasks wait on each other in a cycle: ${path}` },
  duplicateTask: {
    code: "SLU1303",
    message: (id) => `two tasks are named \`${id}\``,
    hint: "give one of the calls a different `name` option",
  },
  usedBeforeDeclaration: { code: "SLU1304", message: (name) => `\`${name}\` is used before its declaration` },
  duplicateStepName: {
    code: "SLU1305",
    message: (name) => `two different steps are named \`${name}\``,
    hint: "step names name components in the compiled pipeline: give each definition its own name",
  },
  recursivePipeline: { code: "SLU1306", message: (name) => `pipeline \`${name}\` calls itself` },
  duplicatePipelineName: {
    code: "SLU1307",
    message: (name, other) => `this nested pipeline is named \`${name}\`, like ${other}`,
    hint: "pipeline names name templates, components and task groups in the compiled output: give each pipeline its own name",
  },
  uncollectable: {
    code: "SLU1308",
    message: (what, why) => `${what}, which no fan-in means alike on every target: ${why}`,
    hint: "`.map` collects one value per iteration; `.flatMap` collects `[value]` from the one branch that produces it and `[]` from the others, or an inner `.map`'s list (one flat list)",
  },
  emptyPipeline: {
    code: "SLU1309",
    message: (what) => `${what} has no step`,
    hint: "call at least one step in it (Argo needs a task in every DAG, kfp refuses a pipeline with no task, Airflow a DAG body with nothing in it; a `finally` needs a `try` to guard)",
  },
  invalidCron: { code: "SLU1401", message: (cron, why) => `invalid cron expression "${cron}": ${why}` },
  invalidQuantity: {
    code: "SLU1402",
    message: (value, field) => `"${value}" is not a Kubernetes quantity (${field})`,
    hint: 'write quantities like "500m", "2", "1.5", "512Mi", "8Gi"',
  },
  badDefault: { code: "SLU1403", message: (name, type, value) => `default of \`${name}\` must be of type ${type}, got ${value}` },
  defaultNotInEnum: { code: "SLU1404", message: (name, value) => `default ${value} of \`${name}\` is not one of its enum values` },
  // One code for an image that is missing and one that no cluster could pull (empty, white space).
  noImage: {
    code: "SLU1405",
    message: (step, image, why) => (image ? `image ${image} ${why}` : `step \`${step}\` has no image and the pipeline has no defaults.image`),
    hint: 'set `image` on the step or `defaults: { image }` on the pipeline, to an image reference such as "python:3.12-slim"',
  },
  trainerWithoutModel: {
    code: "SLU1406",
    message: (step) => `trainer \`${step}\` declares no model output`,
    hint: "add an output such as `model: artifact.model()`, or use step({...}) if it does not train a model",
  },
  evaluatorWithoutMetrics: {
    code: "SLU1407",
    message: (step) => `evaluator \`${step}\` declares no metrics output`,
    hint: "add an output such as `metrics: artifact.metrics()`",
  },
  invalidDuration: {
    code: "SLU1408",
    message: (value) => `invalid duration ${value}`,
    hint: 'write a whole number of seconds or a string like "30s", "30m", "2h", "1d"',
  },
  emptyPipelineName: {
    code: "SLU1409",
    message: () => "the pipeline name is empty",
    hint: "give the pipeline a name; any text works, each target makes its own valid names from it",
  },
  invalidValue: { code: "SLU1410", message: (text) => text },
  // Scale-out steps (sparkJob, rayJob, trainer with `distributed`): docs/scale-out.md.
  badScaleOut: { code: "SLU1420", message: (text) => text },
  scaleOutCount: {
    code: "SLU1421",
    message: (text) => text,
    hint: "a scale-out step needs at least one executor, node or replica to run on",
  },
  scaleOutEntry: { code: "SLU1422", message: (text) => text },
  scaleOutOutput: {
    code: "SLU1423",
    message: (text) => text,
    hint: 'a scale-out step returns a param by `statusOutputs: { name: "status.<path>" }` (read from the custom resource), an artifact as the URI it wrote to outputs.<name>.path',
  },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof MESSAGES;
