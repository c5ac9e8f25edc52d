import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadIr, serializeIr, type Backend, type BackendResult } from "@sluice/core/backend";
import type { AnalyzeResult } from "@sluice/core/frontend";
import { compilePipeline, type CompileRequest } from "./compile-pipeline.js";
import { writeOutputFiles } from "./write-files.js";

// A known, valid IR (the documented example), so these tests do not depend on the front end.
const example = loadIr(readFileSync(new URL("../../../docs/ir-example.yaml", import.meta.url), "utf8")).ir!;
const analyzeOk = (): AnalyzeResult => ({ ir: example, diagnostics: [], sources: new Map() });

function backendReturning(name: string, result: BackendResult): Backend<Record<string, never>> {
  return { name, description: name, options: {} as never, compile: () => result };
}

function request(overrides: Partial<CompileRequest>): CompileRequest {
  return { file: "/nowhere/pipeline.ts", projectRoot: "/nowhere", ir: true, backends: [], analyze: analyzeOk, ...overrides };
}

describe("compilePipeline", () => {
  it("produces the IR file and every back end's files, in that order", () => {
    const argoLike = backendReturning("a", { files: [{ path: "churn-training.a.yaml", contents: "a\n" }], diagnostics: [] });
    const outcome = compilePipeline(request({ backends: [{ backend: argoLike, options: {} }] }));
    expect(outcome.diagnostics).toEqual([]);
    expect(outcome.files.map((f) => f.path)).toEqual(["churn-training.ir.yaml", "churn-training.a.yaml"]);
    expect(outcome.files[0]?.contents).toBe(serializeIr(example));
  });

  it("produces no files at all when any back end reports an error", () => {
    const good = backendReturning("good", { files: [{ path: "x.good", contents: "" }], diagnostics: [] });
    const bad = backendReturning("bad", { files: [{ path: "x.bad", contents: "" }], diagnostics: [{ code: "SLU2001", severity: "error", message: "no" }] });
    const outcome = compilePipeline(request({ backends: [{ backend: good, options: {} }, { backend: bad, options: {} }] }));
    expect(outcome.files).toEqual([]);
    expect(outcome.diagnostics.map((d) => d.code)).toEqual(["SLU2001"]);
  });

  it("does not run the back ends when the front end or an earlier check failed", () => {
    let ran = false;
    const spy: Backend<Record<string, never>> = { name: "spy", description: "", options: {} as never, compile: () => ((ran = true), { files: [], diagnostics: [] }) };
    const outcome = compilePipeline(request({ backends: [{ backend: spy, options: {} }], preDiagnostics: [{ code: "SLU1000", severity: "error", message: "TS2322: no" }] }));
    expect(ran).toBe(false);
    expect(outcome.files).toEqual([]);
    expect(outcome.diagnostics.map((d) => d.code)).toEqual(["SLU1000"]);
  });

  it("passes the front end the project root, export and git state", () => {
    let seen: unknown;
    const git = { commit: "abc", dirty: false };
    compilePipeline(request({ exportName: "nightly", git, analyze: (_file, options) => ((seen = options), analyzeOk()) }));
    expect(seen).toEqual({ projectRoot: "/nowhere", exportName: "nightly", git });
  });

  it.each(["../escape.yaml", "/etc/passwd", "a/../../b", "", "a\\b", "./x"])("refuses the output path %j", (path) => {
    const sneaky = backendReturning("s", { files: [{ path, contents: "" }], diagnostics: [] });
    const outcome = compilePipeline(request({ backends: [{ backend: sneaky, options: {} }] }));
    expect(outcome.files).toEqual([]);
    expect(outcome.diagnostics.map((d) => d.code)).toEqual(["SLU9005"]);
  });

  it("refuses two targets writing the same file", () => {
    const twice = backendReturning("t", { files: [{ path: "churn-training.ir.yaml", contents: "" }], diagnostics: [] });
    expect(compilePipeline(request({ backends: [{ backend: twice, options: {} }] })).diagnostics.map((d) => d.code)).toEqual(["SLU9005"]);
  });
});

describe("writeOutputFiles", () => {
  it("writes every file, into sub-folders as needed, and leaves no temporary files", () => {
    const out = mkdtempSync(join(tmpdir(), "sluice-out-"));
    writeOutputFiles(out, [{ path: "a.yaml", contents: "a\n" }, { path: "dags/b.py", contents: "b\n" }]);
    expect(readFileSync(join(out, "a.yaml"), "utf8")).toBe("a\n");
    expect(readFileSync(join(out, "dags/b.py"), "utf8")).toBe("b\n");
    expect(readdirSync(out).sort()).toEqual(["a.yaml", "dags"]);
  });

  it("writes nothing when a folder stands where an output file should go", () => {
    const out = mkdtempSync(join(tmpdir(), "sluice-out-"));
    mkdirSync(join(out, "second.yaml"));
    expect(() => writeOutputFiles(out, [{ path: "first.yaml", contents: "1\n" }, { path: "second.yaml", contents: "2\n" }])).toThrow(/is a folder/);
    expect(readdirSync(out)).toEqual(["second.yaml"]);
  });

  it("writes nothing when one file cannot be written", () => {
    const out = mkdtempSync(join(tmpdir(), "sluice-out-"));
    writeFileSync(join(out, "blocker"), "a file where a folder is needed\n");
    expect(() => writeOutputFiles(out, [{ path: "first.yaml", contents: "1\n" }, { path: "blocker/second.yaml", contents: "2\n" }])).toThrow();
    expect(existsSync(join(out, "first.yaml"))).toBe(false);
    expect(readdirSync(out)).toEqual(["blocker"]);
  });
});

