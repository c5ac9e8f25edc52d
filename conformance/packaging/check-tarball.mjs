// Reads one package tarball (pnpm pack) and checks what a user's npm would get: no workspace:
// specifiers left, every export and its types present, the bin present and executable by node.
import { execFileSync } from "node:child_process";
import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const tgz = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), "sluice-tarball-"));
execFileSync("tar", ["-xzf", tgz, "-C", dir]);
const root = join(dir, "package");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const problems = [];
const exists = (p) => {
  try {
    readFileSync(join(root, p));
    return true;
  } catch {
    return false;
  }
};
for (const field of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
  for (const [name, spec] of Object.entries(pkg[field] ?? {})) if (String(spec).startsWith("workspace:")) problems.push(`${field}.${name} is still "${spec}"`);
}
for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
  if (typeof target !== "object") continue;
  if (!target.types || !exists(target.types)) problems.push(`exports["${sub}"].types (${target.types}) is not in the tarball`);
  if (!target.default || !exists(target.default)) problems.push(`exports["${sub}"].default (${target.default}) is not in the tarball`);
}
if (pkg.types && !exists(pkg.types)) problems.push(`types (${pkg.types}) is not in the tarball`);
for (const [name, path] of Object.entries(pkg.bin ?? {})) {
  if (!exists(path)) problems.push(`bin ${name} (${path}) is not in the tarball`);
  else if (!readFileSync(join(root, path), "utf8").startsWith("#!/usr/bin/env node")) problems.push(`bin ${name} (${path}) has no #!/usr/bin/env node line`);
}
// Tests are not shipped.
const listing = execFileSync("tar", ["-tzf", tgz], { encoding: "utf8" });
if (/\.test\.(js|d\.ts)$/m.test(listing)) problems.push("compiled test files are in the tarball");
if (problems.length > 0) {
  console.log(`${pkg.name}:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`${pkg.name}@${pkg.version}: ok`);
