import type { Diagnostic } from "./diagnostic.js";
import { formatDiagnostic, formatDiagnosticLine, formatDiagnosticLines, formatDiagnosticsJson, formatDiagnosticsReport } from "./format.js";

const source = ["import { pipeline } from \"@sluice/core\";", "export default pipeline({ name: \"x\" }, () => {", "  train({ foo: 1 });", "});"].join("\n");
const sources = new Map([["fixtures/x/pipeline.ts", source]]);
const unknownInput: Diagnostic = {
  code: "SLU1203",
  severity: "error",
  message: 'unknown input "foo" of step "train"',
  span: { file: "fixtures/x/pipeline.ts", line: 3, column: 11, length: 3 },
  hint: "the inputs of train are data, lr",
};

describe("formatDiagnostic", () => {
  it("prints location, severity, code and message, then a code frame underlining the span", () => {
    expect(formatDiagnostic(unknownInput, sources)).toBe(
      [
        'fixtures/x/pipeline.ts:3:11 - error SLU1203: unknown input "foo" of step "train"',
        "",
        "3     train({ foo: 1 });",
        "              ~~~",
        "  hint: the inputs of train are data, lr",
        "",
      ].join("\n"),
    );
  });

  it("leaves the frame out when the source is unknown or the line is out of range", () => {
    expect(formatDiagnostic(unknownInput)).not.toContain("~");
    expect(formatDiagnostic({ ...unknownInput, span: { ...unknownInput.span!, line: 99 } }, sources)).not.toContain("~");
  });

  it("underlines at least one character, and no further than the end of the line", () => {
    const atEnd = formatDiagnostic({ ...unknownInput, span: { file: "fixtures/x/pipeline.ts", line: 3, column: 3, length: 500 } }, sources);
    expect(atEnd.split("\n")[3]).toBe("      " + "~".repeat("train({ foo: 1 });".length));
    const noLength = formatDiagnostic({ ...unknownInput, span: { file: "fixtures/x/pipeline.ts", line: 3, column: 3 } }, sources);
    expect(noLength.split("\n")[3]).toBe("      ~");
  });

  it("prints diagnostics without a span and related locations", () => {
    const d: Diagnostic = { code: "SLU9003", severity: "error", message: "unknown target", related: [{ message: "first defined here", span: { file: "a.ts", line: 1, column: 2 } }] };
    expect(formatDiagnostic(d)).toBe("error SLU9003: unknown target\n  a.ts:1:2: first defined here\n");
  });

  it("applies the styles it is given", () => {
    const upper = { error: (t: string) => t.toUpperCase(), warning: (t: string) => t, location: (t: string) => `<${t}>`, gutter: (t: string) => t, marker: (t: string) => t, hint: (t: string) => t };
    expect(formatDiagnostic(unknownInput, sources, upper).split("\n")[0]).toBe('<fixtures/x/pipeline.ts:3:11> - ERROR SLU1203: unknown input "foo" of step "train"');
  });
});

describe("formatDiagnosticLine", () => {
  it("is one stable line: code, location, message, with newlines escaped", () => {
    expect(formatDiagnosticLine({ ...unknownInput, message: "two\nlines" })).toBe("SLU1203 fixtures/x/pipeline.ts:3:11 two\\nlines");
    expect(formatDiagnosticLines([unknownInput, { code: "SLU9001", severity: "error", message: "m" }])).toBe(
      'SLU1203 fixtures/x/pipeline.ts:3:11 unknown input "foo" of step "train"\nSLU9001 m\n',
    );
  });
});

describe("reports", () => {
  it("counts errors and warnings", () => {
    const warning: Diagnostic = { code: "SLU2001", severity: "warning", message: "w" };
    expect(formatDiagnosticsReport([unknownInput, warning], sources)).toMatch(/Found 1 error, 1 warning\.\n$/);
    expect(formatDiagnosticsReport([warning])).toMatch(/\nFound 1 warning\.\n$/);
    expect(formatDiagnosticsReport([])).toBe("");
  });

  it("serializes to JSON that parses back to the same diagnostics", () => {
    expect(JSON.parse(formatDiagnosticsJson([unknownInput]))).toEqual([unknownInput]);
  });
});
