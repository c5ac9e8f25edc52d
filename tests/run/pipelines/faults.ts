// Pipelines for the local-run fault tests (tests/run-faults.test.ts). Each export is one case.
import { artifact, param, pipeline, secret, step } from "@sluice/core";

const writeInt = step({
  name: "write-int",
  image: "alpine:3.20",
  outputs: { n: param.int() },
  command: ["sh", "-c", 'printf abc > "$0"'],
  args: ({ outputs }) => [outputs.n.path],
});

export const badOutput = pipeline({ name: "bad-output" }, () => {
  writeInt({});
});

const boom = step({
  name: "boom",
  image: "alpine:3.20",
  inputs: { code: param.int() },
  command: ["sh", "-c", 'echo "first line"; echo "about to fail" >&2; exit "$0"'],
  args: ({ inputs }) => [inputs.code],
});

const after = step({ name: "after", image: "alpine:3.20", command: ["echo", "must not run"] });

export const failing = pipeline({ name: "failing", params: { code: param.int({ default: 7 }) } }, ({ params }) => {
  const b = boom({ code: params.code });
  after({}, { after: [b] });
});

// The step starts a grandchild in its process group and records its pid; a timeout must kill both.
const hang = step({
  name: "hang",
  image: "alpine:3.20",
  inputs: { pidFile: param.string() },
  command: ["sh", "-c", 'sleep 300 & echo $! > "$0"; wait'],
  args: ({ inputs }) => [inputs.pidFile],
  timeout: "2s",
});

export const timeout = pipeline({ name: "timeout", params: { pidFile: param.string() } }, ({ params }) => {
  hang({ pidFile: params.pidFile });
});

// Fails until its third attempt (a counter file outside the task's clean folder).
const flaky = step({
  name: "flaky",
  image: "alpine:3.20",
  inputs: { counter: param.string() },
  command: ["sh", "-c", 'n=$(cat "$0" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$0"; echo "attempt $n"; [ "$n" -ge 3 ]'],
  args: ({ inputs }) => [inputs.counter],
  retry: { limit: 3, backoff: { duration: "1s", factor: 2 } },
  cache: false,
});

export const retry = pipeline({ name: "retry", params: { counter: param.string() } }, ({ params }) => {
  flaky({ counter: params.counter });
});

// Writes a marker once it runs, then waits: the signal tests send SIGINT or SIGKILL then.
const slow = step({
  name: "slow",
  image: "alpine:3.20",
  inputs: { marker: param.string(), tag: param.string() },
  command: ["sh", "-c", 'echo started > "$0"; sleep 300'],
  args: ({ inputs }) => [inputs.marker, inputs.tag],
  cache: false,
});

const quick = step({
  name: "quick",
  image: "alpine:3.20",
  inputs: { tag: param.string() },
  outputs: { out: param.string() },
  command: ["sh", "-c", 'sleep 0.2; printf "%s" "$0" > "$1"'],
  args: ({ inputs, outputs }) => [inputs.tag, outputs.out.path],
  cache: false,
});

export const slowRun = pipeline({ name: "slow-run", params: { marker: param.string(), tag: param.string({ default: "x" }) } }, ({ params }) => {
  const q = quick({ tag: params.tag });
  slow({ marker: params.marker, tag: q.outputs.out });
});

export const quickRun = pipeline({ name: "quick-run", params: { tag: param.string() } }, ({ params }) => {
  for (const i of ["a", "b", "c", "d"]) {
    quick({ tag: `${params.tag}-${i}` });
  }
});

const useSecret = step({
  name: "use-secret",
  image: "alpine:3.20",
  // Prints a digest of the secret, so the test can tell it arrived, and then the secret itself,
  // which the log must not keep.
  command: ["sh", "-c", 'test -n "$API_TOKEN" && printf %s "$API_TOKEN" | sha256sum && echo "leaked: $API_TOKEN"'],
  env: { API_TOKEN: secret("api", "token"), PLAIN: "visible" },
});

export const secrets = pipeline({ name: "secrets" }, () => {
  useSecret({});
});

// At most two tasks at once, whatever --jobs says.
export const limited = pipeline({ name: "limited", defaults: { parallelism: 2 }, params: { tag: param.string({ default: "p" }) } }, ({ params }) => {
  for (const i of ["a", "b", "c", "d", "e"]) {
    quick({ tag: `${params.tag}-${i}` });
  }
});

// A pipeline param that is an artifact: `--param data=PATH` stores the file and passes it in.
const readData = step({
  name: "read-data",
  image: "alpine:3.20",
  inputs: { data: artifact.dataset() },
  outputs: { lines: param.int() },
  command: ["sh", "-c", 'wc -l < "$0" | tr -d " " > "$1"'],
  args: ({ inputs, outputs }) => [inputs.data, outputs.lines.path],
});

export const artifactParam = pipeline({ name: "artifact-param", params: { data: artifact.dataset() } }, ({ params }) => {
  readData({ data: params.data });
});
