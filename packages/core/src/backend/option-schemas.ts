import { z } from "zod";

/**
 * Value schemas shared by the back ends' option objects (`--<backend>-<key>` on the command
 * line). Each refuses what the target would refuse later, or silently misread, so that a bad
 * flag is a usage error naming the flag (exit 2) rather than an output the target rejects.
 */

/** A calendar date `YYYY-MM-DD` that exists (`2025-02-30` does not). */
export const calendarDate = z.string().refine(isCalendarDate, { message: "must be a real calendar date written YYYY-MM-DD (for example 2025-01-31)" });

export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC, so no time zone can shift it.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A container image reference as a container runtime parses it: `[host[:port]/]path[:tag][@digest]`,
 * path components lower case (the distribution reference grammar). No spaces, no empty parts.
 */
export const imageReference = z.string().refine(isImageReference, { message: "must be a container image reference such as python:3.12-slim or ghcr.io/acme/tool:1.0" });

const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const HOST = "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]+)?/)";
const IMAGE = new RegExp(`^${HOST}?${COMPONENT}(?:/${COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[+._-][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`);

export function isImageReference(text: string): boolean {
  return text.length <= 255 && IMAGE.test(text);
}

/** Text that is not empty and not only white space. */
export const nonBlank = z.string().refine((s) => s.trim().length > 0, { message: "must not be empty" });

/**
 * A Kubernetes label key: an optional DNS-subdomain prefix and `/`, then a name of at most 63
 * characters (alphanumerics, `-`, `_`, `.`, starting and ending alphanumeric).
 */
export const labelKey = z.string().refine(isLabelKey, { message: "must be a Kubernetes label key such as nvidia.com/gpu.product" });

export function isLabelKey(text: string): boolean {
  const slash = text.lastIndexOf("/");
  const prefix = slash >= 0 ? text.slice(0, slash) : undefined;
  const name = slash >= 0 ? text.slice(slash + 1) : text;
  if (!/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/.test(name)) return false;
  if (prefix === undefined) return true;
  return prefix.length <= 253 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(prefix);
}
