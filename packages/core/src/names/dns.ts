import { createHash } from "node:crypto";

/**
 * Kubernetes names, one function per kind of name (see docs/language.md, "Names"):
 * - DNS-1123 label: lowercase alphanumerics and '-', starting and ending alphanumeric, at most 63.
 * - DNS-1123 subdomain: labels joined with '.', at most 253.
 * A name that had to change gets a short hash of the original appended, so two names that
 * sanitize alike (`Train_A`, `train-a`) still differ; callers check collisions afterwards.
 */
export function dns1123Label(name: string, maxLength = 63): string {
  // Most names are labels already (`train`, `comp-s1`): ASCII lowercase, nothing to replace or
  // trim, so sanitizing leaves them unchanged unless it collapses a `--`.
  if (isDns1123Label(name, maxLength) && !name.includes("--")) return name;
  const cleaned = asciiFolded(name)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (cleaned === name && cleaned.length <= maxLength && cleaned.length > 0) return cleaned;
  return withHashSuffix(cleaned || "x", name, maxLength);
}

/**
 * Accented letters without their accents (`Données` -> `Donnees`), so that a readable head
 * survives sanitizing; anything still outside ASCII is replaced by the callers.
 */
export function asciiFolded(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}+/gu, "");
}

/** Appends `-<hash of original>` within maxLength, trimming the readable part as needed. */
export function withHashSuffix(readable: string, original: string, maxLength: number): string {
  const suffix = shortHash(original);
  const room = Math.max(1, maxLength - suffix.length - 1);
  const head = readable.slice(0, room).replace(/-+$/g, "") || "x";
  return `${head}-${suffix}`;
}

/** Six hex characters of sha256: enough to tell apart the names of one pipeline. */
export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 6);
}

export function isDns1123Label(name: string, maxLength = 63): boolean {
  return name.length <= maxLength && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name);
}

/**
 * Finds names that two different originals map to after sanitizing. Returns each collision as
 * the sanitized name and the originals that produced it.
 */
export function findCollisions(pairs: readonly { original: string; sanitized: string }[]): { sanitized: string; originals: string[] }[] {
  const by = new Map<string, string[]>();
  for (const { original, sanitized } of pairs) {
    const list = by.get(sanitized) ?? [];
    if (!list.includes(original)) list.push(original);
    by.set(sanitized, list);
  }
  return [...by.entries()].filter(([, o]) => o.length > 1).map(([sanitized, originals]) => ({ sanitized, originals }));
}
