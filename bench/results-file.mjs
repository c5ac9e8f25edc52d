// bench/RESULTS.md holds one section per runner between `<!-- NAME:start ... -->` and
// `<!-- NAME:end -->` markers (report.mjs keeps the others when it rewrites the front-end part).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;

/** Replaces section `name` of bench/RESULTS.md with `section` (markers included), or appends it. */
export function writeResultsSection(name, section) {
  const path = join(root, "bench/RESULTS.md");
  const current = readFileSync(path, "utf8");
  const start = current.indexOf(`<!-- ${name}:start`);
  const endMarker = `<!-- ${name}:end -->`;
  const end = current.indexOf(endMarker);
  const next = start >= 0 && end > start ? current.slice(0, start) + section + current.slice(end + endMarker.length + 1) : current.trimEnd() + "\n\n" + section;
  writeFileSync(path, next);
  return path;
}
