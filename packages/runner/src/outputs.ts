import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fitsType, type Component, type ComponentOutput, type JsonValue } from "@sluice/core/backend";
import type { ContentStore, StoredObject } from "./store/cas.js";
import type { ArtifactValue, Value } from "./types.js";

export class OutputError extends Error {}

/**
 * Reads what a step wrote to its output paths: a parameter is the file's text (a string loses one
 * trailing newline; other types are JSON, as on every target), an artifact is stored by content.
 */
export async function collectOutputs(component: Component, outputsDir: string, cas: ContentStore): Promise<{ values: Record<string, Value>; stored: { name: string; idx: number; obj: StoredObject; kind: string }[] }> {
  const values: Record<string, Value> = {};
  const stored: { name: string; idx: number; obj: StoredObject; kind: string }[] = [];
  for (const out of component.outputs) {
    const path = join(outputsDir, out.name);
    if (!existsSync(path)) throw new OutputError(`the step did not write its output "${out.name}" (expected at ${path})`);
    const t = out.type;
    if (t.category === "param" || t.category === "paramList") values[out.name] = readParam(out, readFileSync(path, "utf8"));
    else if (t.category === "artifact") {
      const obj = await cas.put(path);
      stored.push({ name: out.name, idx: 0, obj, kind: t.kind });
      values[out.name] = artifactValue(obj, t.kind);
    } else {
      // A list of artifacts is a folder whose entries, in name order, are the items.
      const items: ArtifactValue[] = [];
      const names = readdirSync(path).sort();
      for (const [idx, name] of names.entries()) {
        const obj = await cas.put(join(path, name));
        stored.push({ name: out.name, idx, obj, kind: t.kind });
        items.push(artifactValue(obj, t.kind));
      }
      values[out.name] = items;
    }
  }
  return { values, stored };
}

export function artifactValue(obj: StoredObject, kind: ArtifactValue["artifact"]["kind"]): ArtifactValue {
  return { artifact: { sha256: obj.sha256, size: obj.size, dir: obj.dir, kind } };
}

function readParam(out: ComponentOutput, text: string): JsonValue {
  const t = out.type as Extract<ComponentOutput["type"], { category: "param" | "paramList" }>;
  if (t.category === "param" && t.type === "string") return text.endsWith("\n") ? text.slice(0, -1) : text;
  const trimmed = text.trim();
  let v: JsonValue;
  try {
    v = JSON.parse(trimmed) as JsonValue;
  } catch {
    // Python's str(True) is the one non-JSON spelling steps commonly write.
    if (t.category === "param" && t.type === "bool" && (trimmed === "True" || trimmed === "False")) return trimmed === "True";
    throw new OutputError(`output "${out.name}" is declared ${describe(out)} but the step wrote ${JSON.stringify(trimmed.slice(0, 80))}, which is not JSON`);
  }
  if (!fitsType(t, v)) throw new OutputError(`output "${out.name}" is declared ${describe(out)} but the step wrote ${JSON.stringify(trimmed.slice(0, 80))}`);
  return v;
}


function describe(out: ComponentOutput): string {
  return out.type.category === "paramList" ? `list<${out.type.items}>` : out.type.category === "param" ? out.type.type : out.type.kind;
}
