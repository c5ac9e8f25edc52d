import { readFileSync } from "node:fs";
import Handlebars from "handlebars";
import { pyJson, pyStr } from "./python.js";
import type { DagFileView, PyValue } from "./view-model.js";

/** Renders one PyValue as a Python expression on one line (the escaping happens here). */
export function renderPy(v: PyValue): string {
  switch (v.kind) {
    case "str":
    case "template":
      return pyStr(v.value);
    case "userText":
      return `literal(${pyStr(v.value)})`;
    case "json":
      return pyJson(v.value);
    case "code":
      return v.value;
    case "list":
      return `[${v.items.map(renderPy).join(", ")}]`;
    case "dict":
      return `{${v.entries.map(([k, x]) => `${pyStr(k)}: ${renderPy(x)}`).join(", ")}}`;
    case "call":
      return `${v.fn}(${[...v.args.map(renderPy), ...v.kwargs.map(([k, x]) => `${k}=${renderPy(x)}`)].join(", ")})`;
  }
}

/** Text safe inside a `#` comment: control characters (which could end the line) escaped. */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

const templatesDir = new URL("../templates/", import.meta.url);
const load = (name: string) => readFileSync(new URL(name, templatesDir), "utf8");

function makeEnv(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper("py", (v: PyValue) => renderPy(v));
  hb.registerHelper("pyList", (ids: string[]) => `[${ids.map(pyStr).join(", ")}]`);
  hb.registerHelper("comment", (text: string) => commentText(text));
  hb.registerHelper("docstring", (text: string) => commentText(text).replaceAll("\\", "\\\\").replaceAll('"', '\\"'));
  hb.registerHelper("edgeFrom", (vars: string[]) => (vars.length === 1 ? vars[0] : `[${vars.join(", ")}]`));
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  for (const partial of ["statement", "chooser", "resolve_markers", "run_local_step", "loop_items", "fail_run", "resource_wait", "custom_resource", "spark_application"]) {
    hb.registerPartial(partial, load(`${partial}.py.hbs`));
  }
  return hb;
}

let compiled: HandlebarsTemplateDelegate<DagFileView> | undefined;

/** The DAG file's text. Handlebars' HTML escaping is off: every value is escaped by the helpers above. */
export function renderDagFile(view: DagFileView): string {
  compiled ??= makeEnv().compile<DagFileView>(load("dag.py.hbs"), { noEscape: true, strict: true });
  const text = compiled(view);
  return text.endsWith("\n") ? text : `${text}\n`;
}
