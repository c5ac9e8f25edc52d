// No message may read like Sluice's own bug: `undefined`, `NaN`, `null` or `[object Object]`
// come from a value printed without describing it. Checked over every bad-input fixture's
// diagnostics (what users see) and every hint of the front end's catalogue. Text a message quotes
// in backticks is the user's own source (`x ?? null`) and may say anything.
import { fileURLToPath } from "node:url";
import { MESSAGES } from "../packages/core/src/frontend/index.js";
import { compileErrorFixture, findErrorCases } from "../packages/cli/src/testing/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const LEAKED = /\b(undefined|NaN|null)\b|\[object Object\]/;

/** The leaked word in a message outside its backtick-quoted source, if any. */
function leaked(message: string): string | undefined {
  return LEAKED.exec(message.replace(/`[^`]*`/g, "``"))?.[0];
}

describe("diagnostic messages", () => {
  it("the checker finds the words it looks for, outside quoted source only", () => {
    expect([leaked("got undefined"), leaked("a NaN"), leaked("[object Object] here"), leaked("got `null`"), leaked("nullable")]).toEqual(["undefined", "NaN", "[object Object]", undefined, undefined]);
  });

  for (const fixture of findErrorCases(root)) {
    it(`${fixture.name}: no undefined, NaN, null or [object Object]`, () => {
      const lines = compileErrorFixture(fixture, root).golden.contents.split("\n").filter((l) => l !== "");
      expect(lines.filter((l) => leaked(l) !== undefined)).toEqual([]);
    });
  }

  it("the front end's hints say none of them either", () => {
    const hints = Object.values(MESSAGES).map((m) => ("hint" in m ? m.hint : ""));
    expect(hints.filter((h) => leaked(h) !== undefined)).toEqual([]);
  });
});
