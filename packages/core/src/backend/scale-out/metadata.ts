// metadata of every scale-out resource: the back end's name and labels, then the user's labels
// and annotations (a user key wins: it is what the user asked for by name).
import { setOwn } from "../../records/own-keys.js";
import type { ScaleOutMeta } from "./types.js";

export function resourceMetadata(meta: ScaleOutMeta): Record<string, unknown> & { name: string } {
  const labels = merge(meta.labels, meta.settings.labels);
  const annotations = merge(meta.annotations, meta.settings.annotations);
  return {
    name: meta.name,
    ...(meta.namespace ? { namespace: meta.namespace } : {}),
    ...(labels ? { labels } : {}),
    ...(annotations ? { annotations } : {}),
    ...(meta.ownerReferences?.length ? { ownerReferences: meta.ownerReferences } : {}),
  };
}

function merge(...layers: (Record<string, string> | undefined)[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const layer of layers) for (const [k, v] of Object.entries(layer ?? {})) setOwn(out, k, v);
  return Object.keys(out).length ? out : undefined;
}
