/** The process exit codes of `sluice`, as documented in docs/cli.md. */
export const EXIT_OK = 0;
/** The pipeline has errors (front end, back end, or writing the output). */
export const EXIT_COMPILE_ERRORS = 1;
/** The command line itself is wrong: unknown option, bad value, missing file. */
export const EXIT_USAGE = 2;
/** A bug in Sluice (sysexits' EX_SOFTWARE): never a user's mistake. */
export const EXIT_INTERNAL = 70;
