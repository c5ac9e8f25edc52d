import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { EXIT_COMPILE_ERRORS, EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { printReport } from "../report.js";
import { UsageError } from "../usage-error.js";
import { writeOutputFiles } from "../write-files.js";
import { WORKFLOW_CODES } from "./workflow-codes.js";

/** The template, shipped in the package (`templates/init`); names npm would drop are renamed on write. */
const TEMPLATE_DIR = fileURLToPath(new URL("../../templates/init", import.meta.url));
const RENAMED: Record<string, string> = { gitignore: ".gitignore", "github/workflows/sluice.yml": ".github/workflows/sluice.yml" };
/** The packages a new project depends on, by the placeholder their version takes. */
const PACKAGES = ["core", "cli", "testing", "compiler-argo", "compiler-kubeflow", "compiler-airflow", "graph", "runner", "submit"] as const;
/**
 * Where the template's snapshot test keeps its files: `@sluice/testing`'s folder for the test
 * named "pipeline compiles to every target". Written here so that CI passes before anyone has
 * run the tests locally; the packaging test runs that test with `--ci` to keep the two in step.
 */
const SNAPSHOT_DIR = "pipelines/__pipelines__/pipeline-compiles-to-every-target";

interface InitOptions {
  sluiceFrom?: string;
}

/** `sluice init [DIR]`: a new project that type-checks, tests, compiles and passes its CI at once. */
export function registerInitCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  return program
    .command("init")
    .description("create a new pipeline project: package.json, tsconfig.json, a first pipeline, its snapshot test, a CI workflow, a README")
    .argument("[dir]", "the folder to create the project in (must be empty or absent)", ".")
    .option("--sluice-from <dir>", "depend on the Sluice package tarballs in this folder (from pnpm pack) instead of the registry")
    .action(async (dir: string, opts: InitOptions) => setExitCode(await runInit(io, dir, opts)));
}

async function runInit(io: CliIo, dirArg: string, opts: InitOptions): Promise<number> {
  try {
    const dir = resolve(io.cwd, dirArg);
    if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
      throw new UsageError(WORKFLOW_CODES.initNotEmpty, `"${dirArg}" is not an empty folder`, "sluice init never overwrites anything: give it a new or empty folder");
    }
    const name = projectName(dir);
    const versions = packageVersions(io, opts);
    const files = templateFiles().map((path) => ({ path: RENAMED[path] ?? path, contents: fill(readFileSync(join(TEMPLATE_DIR, path), "utf8"), name, versions) }));
    if (opts.sluiceFrom !== undefined) addLocalPackages(files, versions);
    mkdirSync(dir, { recursive: true });
    writeOutputFiles(dir, files);
    // The first compile, into deploy/ (what `sluice diff` checks) and into the test's snapshot.
    const compiled = await compileFirstPipeline(dir);
    if (!compiled.ok) {
      // A template that does not compile is a bug in Sluice: leave nothing half-made behind.
      for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
      printReport(io, "text", { ok: false, files: [], diagnostics: compiled.diagnostics });
      return EXIT_COMPILE_ERRORS;
    }
    writeOutputFiles(join(dir, "deploy"), compiled.files);
    writeOutputFiles(join(dir, SNAPSHOT_DIR), compiled.files);
    const shown = relative(io.cwd, dir) || ".";
    io.stdout(`created ${name} in ${shown}/: ${files.length} files, deploy/ and the test's snapshot\n`);
    io.stdout(`next: cd ${shown} && npm install && npm test && npm run diff\n`);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    printReport(io, "text", { ok: false, files: [], diagnostics: [error.toDiagnostic()] });
    return EXIT_USAGE;
  }
}

async function compileFirstPipeline(dir: string) {
  // Loaded on use: the front end pulls in the TypeScript compiler.
  const [{ compileWithConfig }, { gitTopLevel }] = await Promise.all([import("../testing/compile-fixture.js"), import("../git-info.js")]);
  // Paths relative to the repository the project will live in, as `sluice compile` and `synth` do.
  const outcome = compileWithConfig(join(dir, "pipelines/pipeline.ts"), gitTopLevel(dir) ?? dir, {}, "sluice init");
  return { ok: !outcome.diagnostics.some((d) => d.severity === "error"), files: outcome.files, diagnostics: outcome.diagnostics };
}

/** The folder's name as an npm package and pipeline name: lower case, letters, digits, dashes. */
function projectName(dir: string): string {
  const name = basename(dir).toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 50);
  return /^[a-z]/.test(name) ? name : `pipeline-${name || "project"}`.replace(/-+$/, "");
}

/** `^<this CLI's version>` from the registry, or `file:` tarballs from `--sluice-from`. */
function packageVersions(io: CliIo, opts: InitOptions): Record<string, string> {
  if (opts.sluiceFrom === undefined) {
    const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
    return Object.fromEntries(PACKAGES.map((p) => [p, `^${version}`]));
  }
  const from = resolve(io.cwd, opts.sluiceFrom);
  const tarballs = existsSync(from) ? readdirSync(from) : [];
  return Object.fromEntries(
    PACKAGES.map((p) => {
      const tarball = tarballs.find((t) => new RegExp(`^sluice-${p}-\\d[^/]*\\.tgz$`).test(t));
      if (!tarball) throw new UsageError(WORKFLOW_CODES.noTarballs, `no tarball of @sluice/${p} (sluice-${p}-<version>.tgz) in "${opts.sluiceFrom}"`, "make them with pnpm pack in each package");
      return [p, `file:${join(from, tarball)}`];
    }),
  );
}

/**
 * Tarballs are not on a registry, so npm cannot fetch the Sluice packages the CLI depends on
 * (`@sluice/compiler-argo`, ...) by version: each is listed in the project too, from its tarball.
 */
function addLocalPackages(files: { path: string; contents: string }[], versions: Record<string, string>): void {
  const file = files.find((f) => f.path === "package.json")!;
  const pkg = JSON.parse(file.contents) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  for (const p of PACKAGES) if (!pkg.dependencies[`@sluice/${p}`] && !pkg.devDependencies[`@sluice/${p}`]) pkg.devDependencies[`@sluice/${p}`] = versions[p]!;
  pkg.devDependencies = Object.fromEntries(Object.entries(pkg.devDependencies).sort(([a], [b]) => a.localeCompare(b)));
  file.contents = JSON.stringify(pkg, null, 2) + "\n";
}

function fill(text: string, name: string, versions: Record<string, string>): string {
  return text.replace(/\{\{name\}\}/g, name).replace(/\{\{sluice:([a-z-]+)\}\}/g, (_m, p: string) => versions[p] ?? "");
}

function templateFiles(): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(TEMPLATE_DIR, full).split("\\").join("/"));
    }
  };
  walk(TEMPLATE_DIR);
  return out.sort();
}
