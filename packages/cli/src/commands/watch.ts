import { watch, type FSWatcher } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import type { OutputFile } from "@sluice/core/backend";
import { compilePipeline, type CompileRequest } from "../compile-pipeline.js";
import { buildCompileRequest, parseFormat, type PipelineCommandOptions } from "../compile-request.js";
import { EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { displayPath, printReport } from "../report.js";
import { CLI_CODES, UsageError } from "../usage-error.js";
import { writeOutputFiles } from "../write-files.js";

/**
 * `sluice compile FILE --watch`: compiles, then recompiles on every save of the pipeline file or
 * of anything the front end read for it (imported modules, `file()` scripts), and writes and
 * prints only the files whose bytes changed. Saves close together (editors write a file in
 * several steps) are folded into one recompile. A failed recompile prints its diagnostics and
 * leaves the last good files in place. Runs until interrupted (Ctrl-C) or `stop` is signalled.
 */
export async function runWatch(io: CliIo, fileArg: string, opts: PipelineCommandOptions, outDir: string, stop?: AbortSignal): Promise<number> {
  let request: CompileRequest;
  try {
    if (parseFormat(opts.format) === "json") throw new UsageError(CLI_CODES.badFormat, "--watch reports in text only", "leave out --format json");
    request = await buildCompileRequest(io, fileArg, opts);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    printReport(io, "text", { ok: false, files: [], diagnostics: [error.toDiagnostic()] });
    return EXIT_USAGE;
  }
  const out = resolve(io.cwd, outDir);
  const session = new WatchSession(io, request, out);
  session.recompile();
  io.stdout(`watching ${session.watchedCount()} files for changes (Ctrl-C to stop)\n`);
  await new Promise<void>((done) => {
    const finish = () => {
      session.close();
      process.off("SIGINT", finish);
      process.off("SIGTERM", finish);
      done();
    };
    if (stop) stop.addEventListener("abort", finish, { once: true });
    process.on("SIGINT", finish);
    process.on("SIGTERM", finish);
  });
  return EXIT_OK;
}

/**
 * How long to wait after a change event for the next one before recompiling. An editor's save is
 * a burst of events a few milliseconds apart (truncate and write, or write a temporary file and
 * rename it over); 20 ms folds it, as webpack's watcher does by default (aggregateTimeout), and is
 * part of every save's latency, so it is kept that short (it was 40 ms).
 */
export const DEBOUNCE_MS = 20;

class WatchSession {
  /** The bytes last written, by output path: what "changed" is measured against. */
  private written = new Map<string, string>();
  private watchers = new Map<string, FSWatcher>();
  private watched = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: CliIo,
    private readonly request: CompileRequest,
    private readonly out: string,
  ) {}

  recompile(): void {
    const started = performance.now();
    const outcome = compilePipeline(this.request);
    this.watch([this.request.file, ...[...outcome.sources.keys()].map((p) => (isAbsolute(p) ? p : join(this.request.projectRoot, p)))]);
    const ms = Math.round(performance.now() - started);
    if (outcome.diagnostics.some((d) => d.severity === "error")) {
      printReport(this.io, "text", { ok: false, files: [], diagnostics: outcome.diagnostics, sources: outcome.sources, projectRoot: this.request.projectRoot });
      this.io.stdout(`compile failed (${ms} ms); the files in ${displayPath(this.io, this.out)} are left as they were\n`);
      return;
    }
    const changed = outcome.files.filter((f) => this.written.get(f.path) !== f.contents);
    const gone = [...this.written.keys()].filter((p) => !outcome.files.some((f) => f.path === p));
    if (changed.length === 0 && gone.length === 0) {
      this.io.stdout(`no change in the output (${ms} ms)\n`);
      return;
    }
    if (!this.write(changed)) return;
    for (const f of changed) this.written.set(f.path, f.contents);
    for (const p of gone) this.written.delete(p);
    for (const f of changed) this.io.stdout(`wrote ${displayPath(this.io, join(this.out, f.path))}\n`);
    for (const p of gone) this.io.stdout(`no longer produced: ${displayPath(this.io, join(this.out, p))} (left in place)\n`);
    this.io.stdout(`compiled in ${ms} ms\n`);
  }

  watchedCount(): number {
    return this.watched.size;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private write(files: OutputFile[]): boolean {
    try {
      writeOutputFiles(this.out, files);
      return true;
    } catch (error) {
      this.io.stderr(`error SLU9006: cannot write the output files to "${displayPath(this.io, this.out)}": ${(error as Error).message}\n`);
      return false;
    }
  }

  /**
   * Watches the folders of the files (not the files: an editor that saves by renaming a new file
   * over the old one would end a watch on the file itself), and reacts to events for those names.
   */
  private watch(files: string[]): void {
    this.watched = new Set(files);
    for (const dir of new Set(files.map((f) => dirname(f)))) {
      if (this.watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, (_event, name) => {
          if (name === null || this.watched.has(join(dir, basename(name.toString())))) this.schedule();
        });
        this.watchers.set(dir, watcher);
      } catch {
        // A folder that vanished: nothing to watch there until a recompile reads it again.
      }
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.recompile();
    }, DEBOUNCE_MS);
  }
}
