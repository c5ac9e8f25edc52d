// Compiles every fixture and example for Airflow 2.10 (`--airflow-version 2`), with each fixture's
// own options, into OUT/<fixture>/expected/ (the IR beside each DAG file), for run.sh to check
// with a real Airflow 2. Goldens are kept for Airflow 3 only; these files are made fresh each run.
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const out = process.argv[2];
const { findGoodCases, compileFixture } = await import(join(root, "packages/cli/dist/testing/index.js"));
let failures = 0;
for (const fixture of findGoodCases(root)) {
  const options = { ...(fixture.config.options ?? {}), airflow: { ...(fixture.config.options?.airflow ?? {}), version: "2" } };
  const outcome = compileFixture({ ...fixture, config: { ...fixture.config, targets: ["ir", "airflow"], options } }, root);
  const errors = outcome.diagnostics.filter((d) => d.severity === "error");
  if (errors.length && fixture.config.targets && !fixture.config.targets.includes("airflow")) {
    // Its targets leave Airflow out (the reason is in its fixture.json); it has no Airflow 3 golden either.
    console.log(`SKIP compile ${fixture.name} for Airflow 2 (not an Airflow fixture): ${errors.map((d) => d.code).join(", ")}`);
    continue;
  }
  if (errors.length) {
    failures++;
    console.log(`FAIL compile ${fixture.name} for Airflow 2: ${errors.map((d) => `${d.code} ${d.message}`).join("; ")}`);
    continue;
  }
  const dir = join(out, basename(dirname(fixture.pipeline)), "expected");
  mkdirSync(dir, { recursive: true });
  for (const file of outcome.files) writeFileSync(join(dir, file.path), file.contents);
}
process.exitCode = failures ? 1 : 0;
