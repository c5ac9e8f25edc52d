// The Airflow back end's own task-id function, served to check_dags.py (ir_model.py): one JSON
// line [prefix, id] in, one JSON line with the full task id out. The checker must compare the
// DAG's ids with the ids the IR implies *after* the back end's documented sanitizing
// (packages/compiler-airflow/src/names.ts); serving the function itself keeps the two from
// drifting, and the DAG file a user gets is not changed for the check.
import { createInterface } from "node:readline";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = new URL("../..", import.meta.url).pathname;
const { taskIdIn } = await import(pathToFileURL(join(root, "packages/compiler-airflow/dist/names.js")).href);

for await (const line of createInterface({ input: process.stdin })) {
  const [prefix, id] = JSON.parse(line);
  process.stdout.write(JSON.stringify(taskIdIn(prefix, id).full) + "\n");
}
