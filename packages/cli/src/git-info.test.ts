import { execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gitTopLevel, readGitInfo, stripCredentials } from "./git-info.js";

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, encoding: "utf8" }).trim();
}

describe("stripCredentials", () => {
  it.each([
    ["https://user:token@github.com/acme/ml.git", "https://github.com/acme/ml.git"],
    ["https://ghp_secret@github.com/acme/ml.git", "https://github.com/acme/ml.git"],
    ["https://u:p@ss@host.example/x", "https://host.example/x"],
    ["ssh://git@host.example:22/acme/ml.git", "ssh://host.example:22/acme/ml.git"],
    ["https://github.com/acme/ml.git", "https://github.com/acme/ml.git"],
    ["git@github.com:acme/ml.git", "git@github.com:acme/ml.git"],
    ["/srv/git/ml.git", "/srv/git/ml.git"],
  ])("%s -> %s", (url, expected) => {
    expect(stripCredentials(url)).toBe(expected);
  });
});

describe("readGitInfo", () => {
  it("records commit, branch, dirty flag and the remote without credentials", () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "sluice-git-")));
    git(dir, "init", "-q", "-b", "main");
    writeFileSync(join(dir, "pipeline.ts"), "export {};\n");
    git(dir, "add", "pipeline.ts");
    git(dir, "commit", "-q", "-m", "first");
    git(dir, "remote", "add", "origin", "https://bot:s3cret@git.example.com/acme/ml.git");
    const commit = git(dir, "rev-parse", "HEAD");
    expect(readGitInfo(dir)).toEqual({ commit, branch: "main", dirty: false, remote: "https://git.example.com/acme/ml.git" });
    expect(gitTopLevel(dir)).toBe(dir);

    writeFileSync(join(dir, "pipeline.ts"), "export const x = 1;\n");
    expect(readGitInfo(dir)?.dirty).toBe(true);
  });

  it("has no branch on a detached HEAD, and nothing at all outside a repository", () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "sluice-git-")));
    expect(readGitInfo(dir)).toBeUndefined();
    expect(gitTopLevel(dir)).toBeUndefined();
    git(dir, "init", "-q");
    expect(readGitInfo(dir)).toBeUndefined(); // no commit yet: nothing to trace back to
    writeFileSync(join(dir, "a.txt"), "a\n");
    git(dir, "add", "a.txt");
    git(dir, "commit", "-q", "-m", "a");
    git(dir, "checkout", "-q", "--detach");
    const info = readGitInfo(dir);
    expect(info?.branch).toBeUndefined();
    expect(info?.remote).toBeUndefined();
  });
});
