// Lines and columns as editors count them. TypeScript's own `getLineAndCharacterOfPosition` also
// breaks lines at U+2028 and U+2029 (ECMAScript line terminators), but VS Code, vim and the
// code frames Sluice prints (diagnostics/format.ts) break only at LF, CRLF and CR: a diagnostic
// after a U+2028 pointed at a line past the end of the file. Columns count UTF-16 code units
// from 1, as tsc and VS Code do.

/** Offsets where each line starts, breaking at LF, CRLF and CR only. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** The 1-based line and column of an offset, given the text's line starts. */
export function lineAndColumnAt(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** The same for a text read once (no cache). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  return lineAndColumnAt(lineStarts(text), offset);
}

/** File text without a leading UTF-8 byte-order mark, which editors do not show as a column. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
