import { readFileSync } from "node:fs";
import { MESSAGES } from "./messages.js";

const catalogue = readFileSync(new URL("../../../../docs/diagnostics/frontend.md", import.meta.url), "utf8");

describe("front-end diagnostic catalogue", () => {
  const codes = Object.values(MESSAGES).map((m) => m.code);

  it("gives every message its own SLU1xxx code", () => {
    for (const code of codes) expect(code).toMatch(/^SLU1\d{3}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("documents every code in docs/diagnostics/frontend.md, and nothing else", () => {
    const documented = [...catalogue.matchAll(/^\| (SLU1\d{3}) \|/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...codes].sort());
  });
});
