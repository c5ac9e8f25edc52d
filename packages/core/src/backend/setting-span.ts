import type { Pipeline } from "../ir/index.js";

/**
 * The span of a pipeline-level setting, for a back-end diagnostic about it: the setting itself
 * (`schedule.timezone`), else the object holding it (`schedule`), else the pipeline definition.
 * Only IR written by hand without spans falls back to the file's first character.
 */
export function settingSpan(ir: Pipeline, path?: string): string {
  const { settings, span, file } = ir.metadata.source;
  for (let p = path; p; p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : undefined) {
    const at = settings && Object.hasOwn(settings, p) ? settings[p] : undefined;
    if (at !== undefined) return at;
  }
  return span ?? `${file}:1:1`;
}
