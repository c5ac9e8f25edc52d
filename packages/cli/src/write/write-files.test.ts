import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeOutputFiles } from "../write-files.js";
import { makeDirs } from "./make-dirs.js";
import { recoverStaleWrites } from "./recover.js";
import { stagePid } from "./stage.js";

const NEW = [
  { path: "p.ir.yaml", contents: "new ir\n" },
  { path: "p.argo.yaml", contents: "new argo\n" },
  { path: "sub/p.py", contents: "new py\n" },
];

function outWithOldFiles(): string {
  const out = mkdtempSync(join(tmpdir(), "sluice-out-"));
  writeFileSync(join(out, "p.ir.yaml"), "old ir\n");
  writeFileSync(join(out, "p.argo.yaml"), "old argo\n");
  writeFileSync(join(out, "unrelated.txt"), "keep\n");
  return out;
}

/** Every file under `dir` with its contents, sorted: the whole observable state of --out. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (name.isDirectory()) walk(join(d, name.name), `${prefix}${name.name}/`);
      else out[`${prefix}${name.name}`] = readFileSync(join(d, name.name), "utf8");
    }
    if (prefix && readdirSync(d).length === 0) out[prefix] = "(empty folder)";
  };
  walk(dir, "");
  return out;
}

/** A PID that is certainly not running: a child that has already exited. */
function deadPid(): number {
  return Number(execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }));
}

describe("writeOutputFiles: all or nothing", () => {
  it("replaces every file and leaves nothing else behind", () => {
    const out = outWithOldFiles();
    writeOutputFiles(out, NEW);
    expect(snapshot(out)).toEqual({ "p.argo.yaml": "new argo\n", "p.ir.yaml": "new ir\n", "sub/p.py": "new py\n", "unrelated.txt": "keep\n" });
  });

  it.each([0, 1, 2, 3, 4])("restores every replaced file when rename number %i fails", (failAt) => {
    const out = outWithOldFiles();
    const before = snapshot(out);
    let n = 0;
    const rename = (from: string, to: string) => {
      if (n++ === failAt) throw Object.assign(new Error(`EIO: i/o error, rename '${from}' -> '${to}'`), { code: "EIO" });
      renameSync(from, to);
    };
    expect(() => writeOutputFiles(out, NEW, { rename })).toThrow(/EIO/);
    expect(snapshot(out)).toEqual(before);
  });

  it("removes the output folder it created when the write fails", () => {
    const parent = mkdtempSync(join(tmpdir(), "sluice-out-"));
    const rename = () => {
      throw Object.assign(new Error("EIO"), { code: "EIO" });
    };
    expect(() => writeOutputFiles(join(parent, "a/b"), NEW, { rename })).toThrow();
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe("recoverStaleWrites", () => {
  it("rolls back a write whose process died between two renames (what SIGKILL leaves)", () => {
    const out = mkdtempSync(join(tmpdir(), "sluice-out-"));
    const stage = join(out, `.sluice-write-${deadPid()}-0000abcd`);
    // The journal's order: a.yaml (replaced, done), b.yaml (new, done), c.yaml (replaced, not yet).
    mkdirSync(join(stage, "old"), { recursive: true });
    mkdirSync(join(stage, "new"), { recursive: true });
    writeFileSync(join(stage, "journal.json"), JSON.stringify({ files: [{ path: "a.yaml", existed: true }, { path: "b.yaml", existed: false }, { path: "c.yaml", existed: true }], createdDirs: [] }));
    writeFileSync(join(stage, "old/a.yaml"), "old a\n");
    writeFileSync(join(out, "a.yaml"), "new a\n");
    writeFileSync(join(out, "b.yaml"), "new b\n");
    writeFileSync(join(stage, "new/c.yaml"), "new c\n");
    writeFileSync(join(out, "c.yaml"), "old c\n");
    expect(recoverStaleWrites(out)).toEqual([stage.split("/").pop()]);
    expect(snapshot(out)).toEqual({ "a.yaml": "old a\n", "c.yaml": "old c\n" });
  });

  it("removes old-style .NAME.PID.tmp files of dead processes, and keeps a live process's", () => {
    const out = mkdtempSync(join(tmpdir(), "sluice-out-"));
    const dead = deadPid();
    writeFileSync(join(out, `.p.argo.yaml.${dead}.tmp`), "half");
    writeFileSync(join(out, `.p.argo.yaml.${process.pid}.tmp`), "mine");
    mkdirSync(join(out, `.sluice-write-${dead}-12345678`));
    expect(recoverStaleWrites(out).sort()).toEqual([`.p.argo.yaml.${dead}.tmp`, `.sluice-write-${dead}-12345678`]);
    expect(readdirSync(out)).toEqual([`.p.argo.yaml.${process.pid}.tmp`]);
  });

  it("reads the PID from stage and temp names only", () => {
    expect(stagePid(".sluice-write-123-0a1b")).toBe(123);
    expect(stagePid(".x.yaml.99.tmp")).toBe(99);
    expect(stagePid("p.ir.yaml")).toBeUndefined();
    expect(stagePid(".sluice-write-abc")).toBeUndefined();
  });
});

describe("makeDirs", () => {
  it("fails at once where mkdir -p would spin (a parent that refuses new entries)", () => {
    expect(() => makeDirs("/proc/sluice-test/x")).toThrow(/ENOENT.*\/proc\/sluice-test/);
  });

  it("says so when a file stands where a folder is needed", () => {
    const out = mkdtempSync(join(tmpdir(), "sluice-out-"));
    writeFileSync(join(out, "f"), "");
    expect(() => makeDirs(join(out, "f"))).toThrow(/is a file, not a folder/);
    expect(() => makeDirs(join(out, "f/g"))).toThrow(/ENOTDIR/);
    expect(existsSync(join(out, "f"))).toBe(true);
  });
});
