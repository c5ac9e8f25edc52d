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
    ["https://oauth2:glpat-abc123@gitlab.com/acme/ml.git", "https://gitlab.com/acme/ml.git"],
    ["https://x-access-token:ghs_abc@github.com/acme/ml", "https://github.com/acme/ml"],
    ["https://u:p@ss@host.example/x", "https://host.example/x"],
    ["https://u:p%40ss@host.example/x", "https://host.example/x"],
    ["https://u:pa/ss@host.example/x", "https://host.example/x"],
    ["https://u:pa/s@s@host.example:8443/x", "https://host.example:8443/x"],
    ["https://host.example/acme/ml.git?access_token=ghp_secret", "https://host.example/acme/ml.git"],
    ["https://host.example/acme/ml.git?private_token=glpat&x=1", "https://host.example/acme/ml.git"],
    ["https://host.example/acme/ml.git#token=abc", "https://host.example/acme/ml.git"],
    ["https://u:t@host.example/x?token=a#b", "https://host.example/x"],
    ["HTTPS://User:Token@Host.Example/x", "HTTPS://Host.Example/x"],
    ["http://token@10.0.0.1:3000/x.git", "http://10.0.0.1:3000/x.git"],
    ["ssh://git@host.example:22/acme/ml.git", "ssh://host.example:22/acme/ml.git"],
    ["ssh://git:s3cret@host.example/acme/ml.git", "ssh://host.example/acme/ml.git"],
    ["git+ssh://u:p@host.example/x", "git+ssh://host.example/x"],
    ["git://host.example/x.git?key=abc", "git://host.example/x.git"],
    ["https://host.example:8443/org/repo@v2", "https://host.example:8443/org/repo@v2"],
    ["https://host.example/org/repo@v2", "https://host.example/org/repo@v2"],
    ["https://github.com/acme/ml.git", "https://github.com/acme/ml.git"],
    ["git@github.com:acme/ml.git", "git@github.com:acme/ml.git"],
    ["user:token@github.com:acme/ml.git", "github.com:acme/ml.git"],
    ["git@github.com:acme/ml.git?token=x", "git@github.com:acme/ml.git"],
    ["github.com:acme/ml.git", "github.com:acme/ml.git"],
    ["file:///srv/git/ml.git", "file:///srv/git/ml.git"],
    ["/srv/git/ml.git", "/srv/git/ml.git"],
    ["../ml.git", "../ml.git"],
    ["C:/repos/ml.git", "C:/repos/ml.git"],
  ])("%s -> %s", (url, expected) => {
    expect(stripCredentials(url)).toBe(expected);
  });

  // Whatever the form, no secret that was written in the URL survives.
  it.each(["https://a:SECRET@h/x", "https://h/x?access_token=SECRET", "https://h/x#SECRET", "a:SECRET@h:x", "ssh://u:SECRET@h:22/x", "https://u:SE/CRET@h/x?t=SECRET", "https://SECRET@h"])(
    "drops the secret from %s",
    (url) => expect(stripCredentials(url)).not.toMatch(/SECRET|SE\/CRET/),
  );
});

describe("readGitInfo", () => {
  it("records commit, branch, dirty flag and the remote without credentials", () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "sluice-git-")));
    git(dir, "init", "-q", "-b", "main");
    writeFileSync(join(dir, "pipeline.ts"), "export {};\n");
    git(dir, "add", "pipeline.ts");
    git(dir, "commit", "-q", "-m", "first");
    git(dir, "remote", "add", "origin", "https://bot:s3cret@git.example.com/acme/ml.git?access_token=s3cret");
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
