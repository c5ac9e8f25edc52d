// How two recorded requests are compared: the operation, method, path and query exactly (a
// `filter` as the JSON it holds, since Python and JS space JSON differently), the uploaded form's
// file name and YAML documents exactly, and JSON bodies key by key with exact values, except the
// ones that are free text chosen per call (a run's `display_name`, which both sides stamp
// differently), and empty strings, which protojson reads as unset. Left out of the query: empty values and the SDK's default `page_size=10`, which
// the kfp SDK sends on every list call and which do not change what a lookup by name finds.
export function normalize(r) {
  const query = {};
  for (const [k, v] of Object.entries(r.query ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (v === "" || (k === "page_size" && v === "10")) continue;
    query[k] = k === "filter" ? JSON.parse(v) : v;
  }
  return { op: r.op, method: r.method, path: r.path, query, ...(r.body !== undefined ? { body: shape(runBody(r)) } : {}), ...(r.form ? { form: r.form } : {}), status: r.status };
}

/** Keys sorted; an empty string is left out, as protojson reads it (unset: the SDK sends `namespace: ""`). */
function shape(value) {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().filter((k) => value[k] !== "").map((k) => [k, shape(value[k])]));
  return value;
}

/** A run's name is stamped per call (kfp: "NAME run" here, Sluice: "NAME YYYY-MM-DD HH-MM-SS"): only its type counts. */
function runBody(r) {
  if (r.op !== "RunService_CreateRun" || typeof r.body?.display_name !== "string") return r.body;
  return { ...r.body, display_name: "<string>" };
}
/** The first place two request lists differ, for people; undefined when they agree. */
export function firstDifference(ours, theirs) {
  const n = Math.max(ours.length, theirs.length);
  for (let i = 0; i < n; i++) {
    const a = JSON.stringify(ours[i]);
    const b = JSON.stringify(theirs[i]);
    if (a !== b) return `request ${i + 1}:\n  Sluice: ${a}\n  kfp:    ${b}`;
  }
  return undefined;
}
