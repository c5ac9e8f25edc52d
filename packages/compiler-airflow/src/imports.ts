/**
 * The import block of the generated file, laid out as isort (and ruff's I001) wants it, so that
 * `ruff check` with its default rules passes: the standard library first, then third-party
 * packages; in each, `import x` lines then `from x import ...` lines, sorted by module in plain
 * byte order (not the locale's), the names of one module merged.
 */
export function sortImports(imports: Set<string>): string[] {
  const byModule = new Map<string, Set<string>>();
  const plain = new Set<string>();
  for (const line of imports) {
    const m = /^from (\S+) import (.+)$/.exec(line);
    if (!m) plain.add(line.replace(/^import /, ""));
    else {
      const names = byModule.get(m[1]!) ?? new Set<string>();
      for (const n of m[2]!.split(", ")) names.add(n);
      byModule.set(m[1]!, names);
    }
  }
  const section = (std: boolean): string[] => {
    const isStd = (mod: string) => STDLIB.has(mod.split(".")[0]!) === std;
    const plainLines = [...plain].filter(isStd).sort(byCodeUnit).map((mod) => `import ${mod}`);
    const fromLines = [...byModule.keys()]
      .filter(isStd)
      .sort(byCodeUnit)
      .map((mod) => fromImport(mod, [...byModule.get(mod)!].sort(byImportName)));
    return [...plainLines, ...fromLines];
  };
  const stdlib = section(true);
  const third = section(false);
  return [...stdlib, ...(stdlib.length && third.length ? [""] : []), ...third];
}

/** isort's line: wrapped in parentheses, one name a line, when longer than 88 characters. */
function fromImport(mod: string, names: string[]): string {
  const line = `from ${mod} import ${names.join(", ")}`;
  return line.length <= 88 ? line : `from ${mod} import (\n${names.map((n) => `    ${n},`).join("\n")}\n)`;
}

/** isort orders CONSTANTS, then Classes, then functions (`DAG, Param, TaskGroup, literal`). */
function byImportName(a: string, b: string): number {
  const rank = (n: string) => (/^[A-Z0-9_]+$/.test(n) && n.length > 1 ? 0 : /^[A-Z]/.test(n) ? 1 : 2);
  return rank(a) - rank(b) || byCodeUnit(a, b);
}

const STDLIB = new Set(["copy", "datetime", "json", "os", "subprocess", "tempfile", "time"]);

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Where Airflow 2.10 keeps what Airflow 3 imports from `airflow.sdk` and the standard provider.
 * Everything else the generated file uses (KubernetesPodOperator, Secret, `schedule=`,
 * display names) is the same in 2.10.
 */
const AIRFLOW_2_HOMES: Record<string, string> = {
  "airflow.sdk:DAG": "airflow",
  "airflow.sdk:Param": "airflow.models.param",
  "airflow.sdk:TaskGroup": "airflow.utils.task_group",
  "airflow.sdk:task_group": "airflow.decorators",
  "airflow.sdk.exceptions:AirflowSkipException": "airflow.exceptions",
  "airflow.sdk.exceptions:AirflowException": "airflow.exceptions",
  "airflow.sdk:BaseOperator": "airflow.models.baseoperator",
  "airflow.sdk:literal": "airflow.utils.template",
  "airflow.providers.standard.operators.python:PythonOperator": "airflow.operators.python",
  "airflow.providers.standard.operators.python:BranchPythonOperator": "airflow.operators.python",
};

/** The import lines for the Airflow major version the file is written for. */
export function importsForVersion(imports: Set<string>, version: "2" | "3"): Set<string> {
  if (version === "3") return imports;
  const out = new Set<string>();
  for (const line of imports) {
    const m = /^from (\S+) import (.+)$/.exec(line);
    if (!m) {
      out.add(line);
      continue;
    }
    for (const name of m[2]!.split(", ")) out.add(`from ${AIRFLOW_2_HOMES[`${m[1]}:${name}`] ?? m[1]} import ${name}`);
  }
  return out;
}
