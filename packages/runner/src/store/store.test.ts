// The store on its own: migrations are versioned, artifacts are stored once by content.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ContentStore } from "./cas.js";
import { schemaVersion } from "./db.js";
import { MIGRATIONS } from "./migrations.js";
import { RunStore } from "./run-store.js";

describe("run store", () => {
  it("brings a new store to the newest migration, in WAL mode, and reopens without redoing it", () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-store-"));
    const a = new RunStore(dir);
    expect(schemaVersion(a.db)).toBe(MIGRATIONS.length);
    expect(a.db.pragma("journal_mode", { simple: true })).toBe("wal");
    a.close();
    const b = new RunStore(dir);
    expect(schemaVersion(b.db)).toBe(MIGRATIONS.length);
    expect(b.db.pragma("integrity_check", { simple: true })).toBe("ok");
    b.close();
  });

  it("stores identical files once, at sha256/ab/cdef…, and a folder as a manifest of its files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-cas-"));
    const cas = new ContentStore(join(dir, "store"));
    writeFileSync(join(dir, "a"), "same bytes");
    writeFileSync(join(dir, "b"), "same bytes");
    const a = await cas.put(join(dir, "a"));
    const b = await cas.put(join(dir, "b"));
    expect(a).toEqual(b);
    expect(a.sha256).toBe("sha256:" + createHash("sha256").update("same bytes").digest("hex"));
    expect(cas.objectPath(a.sha256)).toBe(join(dir, "store", "sha256", a.sha256.slice(7, 9), a.sha256.slice(9)));
    mkdirSync(join(dir, "folder", "sub"), { recursive: true });
    writeFileSync(join(dir, "folder", "x"), "same bytes");
    writeFileSync(join(dir, "folder", "sub", "y"), "other");
    const folder = await cas.put(join(dir, "folder"));
    expect(folder.dir).toBe(true);
    expect(cas.manifest(folder.sha256).entries.map((e) => [e.path, e.sha256 === a.sha256])).toEqual([
      ["sub/y", false],
      ["x", true],
    ]);
    cas.materialize(folder, join(dir, "copy"));
    expect((await cas.put(join(dir, "copy"))).sha256).toBe(folder.sha256);
  });
});
