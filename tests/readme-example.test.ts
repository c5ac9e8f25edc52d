// The README's first example is a fixture (fixtures/readme-first-example), so that it compiles on
// every target and its goldens are checked by the real consumers. This keeps the two the same text.
import { readFileSync } from "node:fs";

const root = new URL("..", import.meta.url);

describe("README's first example", () => {
  it("is fixtures/readme-first-example/pipeline.ts, below its one-line header comment", () => {
    const readme = readFileSync(new URL("README.md", root), "utf8");
    const example = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    const fixture = readFileSync(new URL("fixtures/readme-first-example/pipeline.ts", root), "utf8");
    expect(fixture.slice(fixture.indexOf("\n") + 1)).toBe(example);
  });
});
