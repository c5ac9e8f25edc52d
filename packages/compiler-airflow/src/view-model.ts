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

/** One operator instance: `var = Class(kwargs)`, or `Class.partial(kwargs).expand_kwargs(source)`. */
export interface OperatorView {
  kind: "operator";
  var: string;
  /** Where it came from, printed as a comment: the IR id and source span. */
  comment: string;
  className: string;
  kwargs: Kwarg[];
  expandKwargs?: string;
}

export interface GroupView {
  kind: "group";
  var: string;
  comment: string;
  kwargs: Kwarg[];
  body: StatementView[];
}

export type StatementView = OperatorView | GroupView;

/** A branch callable: `def name(v1, v2): if test: return [ids] ... return [ids]`. */
export interface ChooserView {
  name: string;
  comment: string;
  argNames: string[];
  cases: { test: string; taskIds: string[] }[];
  otherwise: string[];
}

/** Constant helper functions the file needs (each emitted only when used). */
export interface HelperFlags {
  resolveMarkers: boolean;
  runLocal: boolean;
  expandItems: boolean;
  coerce: boolean;
  failRun: boolean;
}

export interface DagFileView {
  header: string[];
  imports: string[];
  helpers: HelperFlags;
  choosers: ChooserView[];
  /** PEP 8 wants two blank lines after a function, isort one after imports. */
  hasFunctions: boolean;
  dagKwargs: Kwarg[];
  body: StatementView[];
  /** `upstream >> downstream` lines, each side a var or a list of vars. */
  edges: { from: string[]; to: string }[];
}
