// The `sluice` command end to end: the built CLI (packages/cli/dist/bin.js) in a child process,
// as a user runs it. Exit codes, no partial files on error, JSON output, code frames.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { backendFlags, builtinBackends, findGoodCases, listFiles } from "../packages/cli/src/index.js";
import { CLI_CODES } from "../packages/cli/src/usage-error.js";

const bin = fileURLToPath(new URL("../packages/cli/dist/bin.js", import.meta.url));

function sluice(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? tmpdir(), encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...options.env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A folder outside any git repository with one pipeline file in it. */
function project(pipeline: string): string {
  const dir = mkdtempSync(join(tmpdir(), "sluice-cli-"));
  writeFileSync(join(dir, "pipeline.ts"), pipeline);
  return dir;
}

// Wrong on purpose: `lr` is a float input, given a string. tsc reports it; the pipeline must fail.
const illTyped = `import { pipeline, step, param, artifact } from "@sluice/core";
export const train = step({
  name: "train",
  image: "python:3.12",
  inputs: { lr: param.float() },
  outputs: { model: artifact.model() },
});
export default pipeline({ name: "ill-typed" }, () => {
  train({ lr: "fast" });
});
`;

const hello = `import { pipeline, step } from "@sluice/core";
const hello = step({ name: "hello", image: "alpine:3.20", command: ["echo", "hi"] });
export default pipeline({ name: "hello-cli" }, () => {
  hello({});
});
export const other = pipeline({ name: "other-cli" }, () => {
  hello({});
});
`;

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe("sluice --help", () => {
  it.each([[[]], [["compile"]], [["validate"]]])("works for %j and exits 0", (command) => {
    const r = sluice([...command, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: sluice/);
  });

  it("lists the targets and the exit codes", () => {
    const r = sluice(["compile", "--help"]);
    expect(r.stdout).toContain("--target");
    expect(r.stdout).toContain("--no-git");
    expect(sluice(["--help"]).stdout).toContain("Exit codes");
  });
});

describe("usage errors exit 2 without a stack trace", () => {
  it("an unknown option", () => {
    const r = sluice(["compile", "x.ts", "--bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
    noStackTrace(r.stderr);
  });

  it("an unknown option, as JSON when --format json is given", () => {
    const r = sluice(["compile", "x.ts", "--format", "json", "--bogus"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, files: [], diagnostics: [{ code: "SLU9008", severity: "error", message: "unknown option '--bogus'" }] });
    expect(r.stderr).toBe("");
  });

  it("a missing pipeline file", () => {
    const r = sluice(["compile", "does-not-exist.ts"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error SLU9002");
  });

  it("an unknown target, reported as JSON when asked", () => {
    const dir = project(illTyped);
    const r = sluice(["compile", "pipeline.ts", "--target", "tekton", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { ok: boolean; diagnostics: { code: string }[] };
    expect(report.ok).toBe(false);
    expect(report.diagnostics.map((d) => d.code)).toEqual(["SLU9003"]);
    expect(r.stderr).toBe("");
  });

  it("a back-end option value its schema refuses, naming the flag", () => {
    const dir = project(illTyped);
    const r = sluice(["validate", "pipeline.ts", "--target", "kubeflow", "--kubeflow-cache-default", "maybe"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error SLU9004: --kubeflow-cache-default:");
    expect(sluice(["validate", "pipeline.ts", "--target", "ir", "--kubeflow-cache-default", "false"], { cwd: dir }).code).not.toBe(2);
  });

  it("an unknown --format", () => {
    const dir = project(illTyped);
    expect(sluice(["validate", "pipeline.ts", "--format", "xml"], { cwd: dir }).code).toBe(2);
  });

  it("no command at all", () => {
    expect(sluice([]).code).toBe(2);
  });
});

describe("compile errors exit 1 and write nothing", () => {
  it("reports TypeScript's errors with --typecheck, as a code frame under file:line:col", () => {
    const dir = project(illTyped);
    const r = sluice(["compile", "pipeline.ts", "--typecheck", "--out", "out"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pipeline\.ts:9:\d+ - error SLU1000: TS\d+: /m);
    expect(r.stderr).toMatch(/^9 +train\(\{ lr: "fast" \}\);\n +~+$/m);
    expect(existsSync(join(dir, "out"))).toBe(false);
    noStackTrace(r.stderr);
  });

  it("reports them as JSON with --format json, and nothing on stderr", () => {
    const dir = project(illTyped);
    const r = sluice(["compile", "pipeline.ts", "--typecheck", "--format", "json", "--out", "out"], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; files: string[]; diagnostics: { code: string; span?: { file: string; line: number } }[] };
    expect(report.ok).toBe(false);
    expect(report.files).toEqual([]);
    expect(report.diagnostics[0]).toMatchObject({ code: "SLU1000", span: { file: "pipeline.ts", line: 9 } });
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("validate never writes, whatever happens", () => {
    const dir = project(illTyped);
    const r = sluice(["validate", "pipeline.ts", "--typecheck"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(readdirSync(dir)).toEqual(["pipeline.ts"]);
  });
});

describe("successful compiles", () => {
  it("writes <name>.ir.yaml, exits 0, and records no git state outside a repository", () => {
    const dir = project(hello);
    const r = sluice(["compile", "pipeline.ts", "--target", "ir", "--out", "build"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("wrote build/hello-cli.ir.yaml\n");
    const ir = readFileSync(join(dir, "build/hello-cli.ir.yaml"), "utf8");
    expect(ir).toContain("file: pipeline.ts");
    expect(ir).not.toContain("git:");
  });

  it("compiles the export named by --export", () => {
    const dir = project(hello);
    const r = sluice(["compile", "pipeline.ts", "--target", "ir", "--export", "other", "--out", "."], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "other-cli.ir.yaml"))).toBe(true);
  });

  it("records the git commit inside a repository, with paths relative to its top level; --no-git leaves it out", () => {
    const dir = project(hello);
    mkdirSync(join(dir, "pipelines"));
    renameSync(join(dir, "pipeline.ts"), join(dir, "pipelines/pipeline.ts"));
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: dir, encoding: "utf8" }).trim();
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "pipeline");
    git("remote", "add", "origin", "https://ci-bot:hunter2@git.example.com/acme/ml.git");
    const commit = git("rev-parse", "HEAD");
    // Run from the sub-folder: spans stay relative to the repository, not the working folder.
    expect(sluice(["compile", "pipeline.ts", "--target", "ir", "--out", "../out"], { cwd: join(dir, "pipelines") }).code).toBe(0);
    const ir = readFileSync(join(dir, "out/hello-cli.ir.yaml"), "utf8");
    expect(ir).toContain(`commit: ${commit}`);
    expect(ir).toContain("remote: https://git.example.com/acme/ml.git");
    expect(ir).not.toContain("hunter2");
    expect(ir).toContain("file: pipelines/pipeline.ts");
    expect(sluice(["compile", "pipelines/pipeline.ts", "--target", "ir", "--out", "out2", "--no-git"], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, "out2/hello-cli.ir.yaml"), "utf8")).not.toContain("git:");
  });

  it("compiles with a third-party back end named on --target (a package name or a path)", () => {
    const dir = project(hello);
    const plugin = join(dir, "echo-backend.mjs");
    writeFileSync(
      plugin,
      `export const backend = { name: "echo", description: "writes the task count", options: { safeParse: (v) => ({ success: true, data: v }) },
  compile: (ir) => ({ files: [{ path: ir.metadata.name + ".echo.txt", contents: "tasks: " + ir.spec.root.length + "\\n" }], diagnostics: [] }) };\n`,
    );
    const r = sluice(["compile", "pipeline.ts", "--target", `ir,${plugin}`, "--out", "out"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "out/hello-cli.echo.txt"), "utf8")).toBe("tasks: 1\n");
    expect(existsSync(join(dir, "out/hello-cli.ir.yaml"))).toBe(true);
  });

  it("writes the very bytes the golden files hold, from whatever folder it is run in", () => {
    // A fixture compiled by the CLI with --no-git must equal its golden IR: the harness and the CLI
    // share one in-memory compile, and paths are relative to the repository, not the working folder.
    const repo = fileURLToPath(new URL("..", import.meta.url));
    const fixture = findGoodCases(repo).find((c) => c.config.export === undefined && listFiles(c.expectedDir).some((f) => f.endsWith(".ir.yaml")));
    if (!fixture) throw new Error("no fixture with an IR golden to compare with");
    const golden = listFiles(fixture.expectedDir).find((f) => f.endsWith(".ir.yaml"))!;
    for (const cwd of [repo, fixture.dir]) {
      const out = mkdtempSync(join(tmpdir(), "sluice-cli-out-"));
      const r = sluice(["compile", fixture.pipeline, "--target", "ir", "--no-git", "--out", out], { cwd });
      expect(r.code).toBe(0);
      expect(readFileSync(join(out, golden), "utf8")).toBe(readFileSync(join(fixture.expectedDir, golden), "utf8"));
    }
  });

  it("validate says so and writes nothing", () => {
    const dir = project(hello);
    const r = sluice(["validate", "pipeline.ts"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("hello-cli: no errors (checked: ir, argo, kubeflow, airflow)\n");
    expect(readdirSync(dir)).toEqual(["pipeline.ts"]);
  });

  it("a mistake the front end finds: exit 1, a located code frame, no files", () => {
    const dir = project(hello.replace('hello({});\n});\nexport const other', 'hello({ nope: 1 });\n});\nexport const other'));
    const r = sluice(["compile", "pipeline.ts", "--out", "out"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pipeline\.ts:4:\d+ - error SLU\d{4}: /m);
    expect(r.stderr).toMatch(/^4 +hello\(\{ nope: 1 \}\);\n +~+$/m);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

describe("internal errors", () => {
  // A back-end package whose option schema throws: a bug in Sluice or a plugin, not the user's.
  const plugin = (dir: string) => {
    const file = join(dir, "broken-backend.mjs");
    writeFileSync(file, `export default { name: "broken", description: "", options: { safeParse() { throw new Error("boom in plugin"); } }, compile() { return { files: [], diagnostics: [] }; } };\n`);
    return file;
  };

  it("exit 70 with a short report-this message and no stack", () => {
    const dir = project(illTyped);
    const r = sluice(["compile", "pipeline.ts", "--target", plugin(dir)], { cwd: dir });
    expect(r.code).toBe(70);
    expect(r.stderr).toContain("internal error, please report it");
    expect(r.stderr).toContain("boom in plugin");
    noStackTrace(r.stderr);
  });

  it("shows the stack with SLUICE_DEBUG=1", () => {
    const dir = project(illTyped);
    const r = sluice(["compile", "pipeline.ts", "--target", plugin(dir)], { cwd: dir, env: { SLUICE_DEBUG: "1" } });
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/^\s+at /m);
  });
});

describe("the CLI's documentation stays in step with the code", () => {
  const docs = (name: string) => readFileSync(fileURLToPath(new URL(`../docs/${name}`, import.meta.url)), "utf8");

  it("docs/cli.md names every back-end flag", () => {
    const flags = builtinBackends.flatMap((b) => backendFlags(b).map((f) => f.flag));
    expect(flags.filter((flag) => !docs("cli.md").includes(`\`${flag}\``))).toEqual([]);
  });

  it("docs/diagnostics.md lists every SLU9xxx code the CLI uses", () => {
    expect(Object.values(CLI_CODES).filter((code) => !docs("diagnostics.md").includes(`| ${code} |`))).toEqual([]);
  });
});
