import { createHash, randomBytes } from "node:crypto";
import { chmodSync, copyFileSync, constants, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/**
 * The content-addressed artifact folder: every file lives once at `sha256/ab/cdef…`. A folder
 * artifact is a manifest (its sorted relative paths, their hashes and sizes) stored the same way,
 * whose hash names the folder; identical data, file or folder, is stored once.
 */
export interface DirManifest {
  sluiceDir: 1;
  entries: { path: string; sha256: string; size: number; executable: boolean }[];
}

export interface StoredObject {
  sha256: string;
  size: number;
  dir: boolean;
}

export class ContentStore {
  constructor(readonly root: string) {}

  objectPath(sha256: string): string {
    const hex = sha256.replace(/^sha256:/, "");
    return join(this.root, "sha256", hex.slice(0, 2), hex.slice(2));
  }

  has(sha256: string): boolean {
    return existsSync(this.objectPath(sha256));
  }

  /** Stores a file or folder written by a step; returns its hash (`sha256:` + hex). */
  async put(path: string): Promise<StoredObject> {
    const st = statSync(path);
    if (!st.isDirectory()) return { ...(await this.putFile(path)), dir: false };
    const entries: DirManifest["entries"] = [];
    let size = 0;
    for (const file of listFiles(path)) {
      const obj = await this.putFile(file);
      entries.push({ path: relative(path, file).split("\\").join("/"), sha256: obj.sha256, size: obj.size, executable: (statSync(file).mode & 0o100) !== 0 });
      size += obj.size;
    }
    const manifest: DirManifest = { sluiceDir: 1, entries };
    const text = Buffer.from(JSON.stringify(manifest));
    const sha256 = "sha256:" + createHash("sha256").update(text).digest("hex");
    this.writeObject(sha256, (tmp) => writeFileSync(tmp, text));
    return { sha256, size, dir: true };
  }

  /** Copies an object out to `dest` (a file, or a folder rebuilt from its manifest). */
  materialize(obj: { sha256: string; dir: boolean }, dest: string): void {
    mkdirSync(dirname(dest), { recursive: true });
    if (!obj.dir) {
      copyFileSync(this.objectPath(obj.sha256), dest, constants.COPYFILE_FICLONE);
      return;
    }
    mkdirSync(dest, { recursive: true });
    for (const e of this.manifest(obj.sha256).entries) {
      const target = join(dest, e.path);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(this.objectPath(e.sha256), target, constants.COPYFILE_FICLONE);
      if (e.executable) chmodSync(target, 0o755);
    }
  }

  manifest(sha256: string): DirManifest {
    return JSON.parse(readFileSync(this.objectPath(sha256), "utf8")) as DirManifest;
  }

  /** Every object hash on disk (for gc). */
  allObjects(): string[] {
    const base = join(this.root, "sha256");
    if (!existsSync(base)) return [];
    const out: string[] = [];
    for (const prefix of readdirSync(base)) for (const rest of readdirSync(join(base, prefix))) if (!rest.includes(".tmp-")) out.push(`sha256:${prefix}${rest}`);
    return out;
  }

  remove(sha256: string): void {
    rmSync(this.objectPath(sha256), { force: true });
  }

  private async putFile(path: string): Promise<{ sha256: string; size: number }> {
    const hash = createHash("sha256");
    let size = 0;
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    const sha256 = "sha256:" + hash.digest("hex");
    this.writeObject(sha256, (tmp) => copyFileSync(path, tmp, constants.COPYFILE_FICLONE));
    return { sha256, size };
  }

  /** Writes through a temporary name and renames, so a reader never sees half an object. */
  private writeObject(sha256: string, write: (tmp: string) => void): void {
    const target = this.objectPath(sha256);
    if (existsSync(target)) return;
    mkdirSync(dirname(target), { recursive: true });
    const tmp = `${target}.tmp-${randomBytes(6).toString("hex")}`;
    write(tmp);
    renameSync(tmp, target);
  }
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
