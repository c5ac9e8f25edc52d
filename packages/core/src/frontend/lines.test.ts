// Lines and columns as editors show them: LF, CRLF and CR break lines; U+2028/U+2029 do not; a
// BOM takes no column. Checked on the spans of real diagnostics, and on the helpers.
import { lineAndColumn, lineStarts, withoutBom } from "./lines.js";
import { analyzeSources, codesAt, HEADER } from "./test-helpers.js";

const BAD = `export default pipeline({ name: "p" }, () => { missing({}); });\n`;
const column = BAD.indexOf("missing") + 1;

describe("line counting", () => {
  it("breaks at LF, CRLF and CR, and not at U+2028 or U+2029", () => {
    expect(lineStarts("a\nb\r\nc\rd\u2028e\u2029f")).toEqual([0, 2, 5, 7]);
    expect(lineAndColumn("a\r\nbc", 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn("x\u2028y", 2)).toEqual({ line: 1, column: 3 });
  });

  it("drops a leading BOM only", () => {
    expect(withoutBom("\ufeffa\ufeff")).toBe("a\ufeff");
    expect(withoutBom("a")).toBe("a");
  });

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("reports the line an editor shows with %s line ends", (_name, eol) => {
    const text = `${HEADER}/* a\u2028b\u2029c */\n${BAD}`.replace(/\n/g, eol);
    expect(codesAt(analyzeSources({ "pipeline.ts": text }))).toEqual([`SLU1106@3:${column}`]);
  });

  it("does not count a BOM as a column of line 1", () => {
    expect(codesAt(analyzeSources({ "pipeline.ts": `\ufeff${BAD.replace("export", HEADER.trim() + " export")}` }))).toEqual([`SLU1106@1:${HEADER.trim().length + 1 + column}`]);
  });
});
