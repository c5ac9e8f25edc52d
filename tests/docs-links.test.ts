// Relative links in README.md and docs/**/*.md must point at files of the repository that exist, so that the
// README's tour and the diagnostics index never send a reader to a page that moved.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith(".md") ? [join(dir, e.name)] : []));
}

describe("documentation links", () => {
  const pages = [join(root, "README.md"), ...markdownFiles(join(root, "docs"))];

  it.each(pages.map((p) => [relative(root, p), p]))("%s links only to files that exist", (_name, page) => {
    const text = readFileSync(page, "utf8").replace(/```[\s\S]*?```/g, ""); // code blocks are not links
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target!) || target!.startsWith("#")) continue; // web links and anchors
      const path = join(dirname(page), decodeURIComponent(target!.split("#")[0]!));
      // Links out of the repository (to ../shared, which DESIGN.md places beside the checkout)
      // depend on where the checkout sits: only links inside it are checked, the same everywhere.
      if (relative(root, path).startsWith("..")) continue;
      if (!existsSync(path)) broken.push(target!);
    }
    expect(broken).toEqual([]);
  });
});
