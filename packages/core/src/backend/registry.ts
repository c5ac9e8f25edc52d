import type { Backend } from "./backend.js";

/**
 * Looks a target name up: a built-in one by name, or any other as a package whose default
 * export (or `backend` export) is a Backend (`--target @acme/sluice-tekton`).
 */
export async function resolveBackend(name: string, builtins: readonly Backend<any>[]): Promise<Backend<any> | undefined> {
  const builtin = builtins.find((b) => b.name === name);
  if (builtin) return builtin;
  if (!name.startsWith("@") && !name.includes("/") && !name.startsWith("sluice-")) return undefined;
  try {
    const mod = (await import(name)) as { default?: Backend<any>; backend?: Backend<any> };
    const candidate = mod.backend ?? mod.default;
    return candidate && typeof candidate.compile === "function" ? candidate : undefined;
  } catch {
    return undefined;
  }
}
