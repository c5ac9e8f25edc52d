/**
 * The SLU96xx codes of the workflow commands (`diff`, `compile --watch`, `graph`, `init`), kept
 * in their own range so they never collide with the other SLU9xxx command-line codes. All are
 * usage errors (exit 2); the catalogue is docs/diagnostics.md.
 */
export const WORKFLOW_CODES = {
  /** `sluice diff --against DIR`: DIR does not exist or is not a folder. */
  againstNotFound: "SLU9601",
  /** `sluice graph --format`: not one of mermaid, dot, svg, png. */
  badGraphFormat: "SLU9602",
  /** `sluice init DIR`: DIR exists and is not empty. */
  initNotEmpty: "SLU9603",
  /** `sluice graph --format png` without `--out`: binary output is not written to a terminal. */
  binaryToStdout: "SLU9604",
  /** `sluice init --sluice-from DIR`: a Sluice package has no tarball in DIR. */
  noTarballs: "SLU9605",
} as const;
