import { keysInSortedOrder, setOwn, sortedKeysAndValues } from "@sluice/core/backend";

/**
 * A map with its keys in code-point order, as kfp writes maps. Most maps a build makes (a task's
 * inputs, a pod's labels) have one or two keys already in order: those are returned as they are,
 * and only the others are copied in sorted order.
 */
export function sortedRecord<T>(map: Record<string, T>): Record<string, T> {
  if (keysInSortedOrder(map)) return map;
  const { keys, values, reordered } = sortedKeysAndValues(map);
  if (!reordered) return map;
  const out: Record<string, T> = {};
  keys.forEach((key, i) => setOwn(out, key, values[i] as T));
  return out;
}
