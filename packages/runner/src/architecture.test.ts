// The engine reads only the IR, like the back ends: nothing in packages/runner/src imports the
// front end (ts-morph, @sluice/core/frontend) or the DSL.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const src = fileURLToPath(new URL(".", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [join(dir, e.name)] : []));
}

describe("packages/runner", () => {
  it("imports only @sluice/core/backend of Sluice, and never ts-morph", () => {
    const bad: string[] = [];
    for (const file of sources(src)) {
      for (const m of readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)) {
        const spec = m[1]!;
        if (spec === "ts-morph" || (spec.startsWith("@sluice/") && spec !== "@sluice/core/backend")) bad.push(`${file}: ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
