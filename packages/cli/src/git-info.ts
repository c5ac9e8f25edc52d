import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { GitInfo } from "@sluice/core/backend";
import { stripCredentials } from "./strip-credentials.js";

export { stripCredentials };

/**
 * The git state recorded as `metadata.git`, so that every run can be traced to the code that
 * made it. Outside a repository (or without git installed) there is simply no git state: that
 * is not an error.
 */
export function readGitInfo(dir: string): GitInfo | undefined {
  if (!mayBeInRepository(dir)) return undefined;
  const commit = git(dir, ["rev-parse", "--verify", "--quiet", "HEAD"]);
  if (!commit) return undefined; // not a repository, or one without commits yet
  const branch = git(dir, ["symbolic-ref", "--quiet", "--short", "HEAD"]); // absent when detached
  // Untracked files count: the commit alone would not reproduce what was compiled. If status
  // itself fails, saying "dirty" is the claim that cannot mislead.
  const dirty = git(dir, ["status", "--porcelain"]) !== "";
  const remote = defaultRemoteUrl(dir);
  return { commit, ...(branch ? { branch } : {}), dirty, ...(remote ? { remote: stripCredentials(remote) } : {}) };
}

/** The repository's top-level folder, which spans and IR paths are relative to. */
export function gitTopLevel(dir: string): string | undefined {
  if (!mayBeInRepository(dir)) return undefined;
  return git(dir, ["rev-parse", "--show-toplevel"]) || undefined;
}

/**
 * False only when git would surely say "not a git repository": no `.git` (folder or file) in
 * `dir` or above it, and no GIT_DIR pointing elsewhere. Saves starting git for every compile
 * outside a repository (a temporary folder, as thousands of test runs use); inside one, git
 * itself answers.
 */
function mayBeInRepository(dir: string): boolean {
  if (process.env.GIT_DIR) return true;
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return true;
    if (dirname(d) === d) return false;
  }
}

/** The URL of `origin`, or else of the first remote in alphabetical order. */
function defaultRemoteUrl(dir: string): string | undefined {
  const names = (git(dir, ["remote"]) ?? "").split("\n").filter(Boolean).sort();
  const name = names.includes("origin") ? "origin" : names[0];
  return name ? git(dir, ["remote", "get-url", name]) || undefined : undefined;
}

/** git's trimmed output, or undefined when git failed (not a repository, no git installed). */
function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}
