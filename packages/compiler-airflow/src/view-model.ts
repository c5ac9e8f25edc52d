import type { JsonValue } from "@sluice/core/backend";

/**
 * The precomputed view model the handlebars templates render. Every user string is still raw text
 * here; the template helpers escape it at the last moment, with names that say how:
 * - `str`: a Python string Airflow never renders (ids, display names, descriptions).
 * - `userText`: a user string inside a templated field: `literal("...")`, so Jinja never renders
 *   it and a name ending in `.sh` or `.json` is never loaded as a template file.
 * - `template`: a Jinja template Sluice generated (params, XCom pulls), rendered by Airflow.
 * - `json`: a JSON value as a Python literal; `code`: generated Python (names, calls).
 */
export type PyValue =
  | { kind: "str"; value: string }
  | { kind: "userText"; value: string }
  | { kind: "template"; value: string }
  | { kind: "json"; value: JsonValue }
  | { kind: "code"; value: string }
  | { kind: "list"; items: PyValue[] }
  | { kind: "dict"; entries: [string, PyValue][] }
  | { kind: "call"; fn: string; args: PyValue[]; kwargs: Kwarg[] };

export type Kwarg = [name: string, value: PyValue];

/** One operator instance: `var = Class(kwargs)`. */
export interface OperatorView {
  kind: "operator";
  var: string;
  /** Where it came from, printed as a comment: the IR id and source span. */
  comment: string;
  className: string;
  kwargs: Kwarg[];
}

/**
 * A TaskGroup holding a body. `mapped`: a mapped task group (a loop), a `@task_group` function
 * expanded over the list its items task returns (`<expand>` is that task's `.output`).
 */
export interface GroupView {
  kind: "group";
  var: string;
  comment: string;
  kwargs: Kwarg[];
  body: StatementView[];
  mapped?: { expand: string };
}

export type StatementView = OperatorView | GroupView;

/**
 * The body as rendered: flat lines, so that nesting pipelines never deepens the Python
 * indentation (Python allows 100 levels). Plain TaskGroups are `var = TaskGroup(...)` with
 * `parent_group=` / `task_group=` kwargs; a mapped group is a function (indent 2 inside it).
 */
export type LineView =
  | (OperatorView & { indent: number })
  | { kind: "group"; indent: number; var: string; comment: string; kwargs: Kwarg[] }
  | { kind: "mappedStart"; indent: number; var: string; comment: string; kwargs: Kwarg[]; globals: string }
  | { kind: "mappedEnd"; indent: number; var: string; expand: string }
  | { kind: "edge"; indent: number; from: string[]; to: string }
  | { kind: "comment"; indent: number; text: string }
  | { kind: "pass"; indent: number }
  | { kind: "blank"; indent: 0 };

/** A branch callable: `def name(v1, v2): if test: return [ids] ... return [ids]`, or a gate. */
export interface ChooserView {
  name: string;
  comment: string;
  argNames: string[];
  cases: { test: string; taskIds: string[] }[];
  otherwise: string[];
  /** A gate (in a mapped task group): `def name(branch, v1, ...)` skips unless `branch` is taken. */
  gate: boolean;
  hasElse: boolean;
}

/** Constant helper functions the file needs (each emitted only when used). */
export interface HelperFlags {
  resolveMarkers: boolean;
  runLocal: boolean;
  loopItems: boolean;
  coerce: boolean;
  failRun: boolean;
  /** Scale-out steps: the wait for a custom resource, and the two operators that use it. */
  resourceWait: boolean;
  customResource: boolean;
  sparkApplication: boolean;
}

export interface DagFileView {
  header: string[];
  imports: string[];
  helpers: HelperFlags;
  choosers: ChooserView[];
  /** PEP 8 wants two blank lines after a function, isort one after imports. */
  hasFunctions: boolean;
  dagKwargs: Kwarg[];
  /** The DAG body, flat: statements, then `upstream >> downstream` lines. */
  lines: LineView[];
}
