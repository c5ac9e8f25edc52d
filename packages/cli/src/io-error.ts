/** A file-system error as one line that names the failing operation, its code and the path. */
export function describeIoError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (!(error instanceof Error)) return String(error);
  // Node's own messages already read "ENOENT: no such file or directory, mkdir '/proc/x'".
  if (e.code && !e.message.startsWith(e.code)) return `${e.code}: ${e.message}`;
  return e.message;
}
