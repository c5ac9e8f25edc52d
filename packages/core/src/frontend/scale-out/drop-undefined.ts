/** The object without its undefined fields, so that the IR holds only what was written (zod strict, byte-stable YAML). */
export function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
