import { existsSync, readFileSync } from "node:fs";
import { allNodes, effectiveSettings, errorAt, findComponent, type Diagnostic, type Pipeline } from "@sluice/core/backend";
import { RUN_CODES } from "./codes.js";

/**
 * Secret env vars of a local run. A step's `env: { HF_TOKEN: secret("hf", "token") }` gets HF_TOKEN
 * from the env file (`--env-file`, default `.sluice/secrets.env`: `NAME=value` lines, `#`
 * comments) or else from Sluice's own environment. Values are passed to the process and never
 * written to the store. A secret found nowhere is an error before anything runs.
 */
export function loadSecrets(ir: Pipeline, envFile: string | undefined, env: Readonly<Record<string, string | undefined>>): { secrets: Record<string, string>; diagnostics: Diagnostic[] } {
  const fromFile = envFile && existsSync(envFile) ? parseEnvFile(readFileSync(envFile, "utf8")) : {};
  const secrets: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const bodies = [ir.spec.root, ...ir.spec.subPipelines.map((s) => s.root)];
  for (const node of bodies.flatMap((b) => allNodes(b))) {
    if (node.type !== "task") continue;
    const component = findComponent(ir, node.component);
    for (const e of effectiveSettings(ir.spec.defaults, component, node.options).env ?? []) {
      if (!("secret" in e) || seen.has(e.name)) continue;
      seen.add(e.name);
      const v = fromFile[e.name] ?? env[e.name];
      if (v === undefined) diagnostics.push(errorAt(RUN_CODES.missingSecret, `step "${component.name}" needs the secret ${e.secret.name}/${e.secret.key} as ${e.name}, which is neither in ${envFile ?? "the env file"} nor in the environment`, component.span, `add ${e.name}=... to ${envFile ?? ".sluice/secrets.env"} or export ${e.name}`));
      else secrets[e.name] = v;
    }
  }
  return { secrets, diagnostics };
}

export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2]!;
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    out[m[1]!] = v;
  }
  return out;
}
