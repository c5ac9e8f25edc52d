// The harness of the submit conformance scripts (submit-argo, submit-airflow, submit-kubeflow):
// PASS/FAIL per check, then the "N passed, N failed, N skipped" line scripts/test-all.sh counts.
let passed = 0;
let failed = 0;

/** Runs one check; a thrown error fails it, with the first lines of its stack. */
export async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`PASS ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(error?.stack ?? error).split("\n").slice(0, 12).join("\n     ")}`);
  }
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Prints the totals (`label: ...` first, for a person reading a long log) and exits 0 only if all passed. */
export function finish(label) {
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  console.log(`${passed} passed, ${failed} failed, 0 skipped`);
  process.exit(failed === 0 ? 0 : 1);
}
