/**
 * A map with its keys in code-point order, as kfp writes maps. Most maps a build makes (a task's
 * inputs, a pod's labels) have one or two keys already in order: those are returned as they are,
 * and only the others are copied in sorted order.
 */
export function sortedRecord<T>(map: Record<string, T>): Record<string, T> {
  const keys = Object.keys(map);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return map;
}
