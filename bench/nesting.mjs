// How deep each kind of nesting can go before the JavaScript stack overflows, with the front
// end's limits lifted: the measurement the limits in packages/core/src/frontend/limits.ts are set
// from (docs/frontend.md, "Limits"). Run after `pnpm run build`:
//   node bench/nesting.mjs
// It copies packages/core/dist to packages/core/.nesting-probe with every limit set out of reach,
// and for each shape finds, by bisection in a fresh `node` (default stack, as the CLI runs), the
// largest N that the front end and every back end read without an overflow (a back end may refuse
// with a located error), and prints what each stage did there and one step past it, with the
// largest stack cost (DEPTH_COST units) the front end reached. Nothing is written elsewhere.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const probe = join(root, "packages/core/.nesting-probe");

const HEADER = `import { param, pipeline, step } from "@sluice/core";\nconst a = step({ name: "a", image: "alpine", inputs: { x: param.int({ default: 1 }) }, command: ["echo"], args: ({ inputs }) => [inputs.x] });\n`;
const inBody = (text, params = ", params: { n: param.int({ default: 1 }) }") => `${HEADER}export default pipeline({ name: "p"${params} }, ({ params }) => {\n${text}\n});\n`;
export const SHAPES = {
  // A nested pipeline with a param, called with the caller's param: the case one shared limit stopped at 21.
  "nested pipelines with params": (n) =>
    `${HEADER}const p0 = pipeline({ name: "p0", params: { n: param.int() } }, ({ params }) => { a({ x: params.n }); });\n` +
    Array.from({ length: n }, (_, i) => `const p${i + 1} = pipeline({ name: "p${i + 1}", params: { n: param.int() } }, ({ params }) => { p${i}({ n: params.n }); });\n`).join("") +
    `export default pipeline({ name: "top", params: { n: param.int({ default: 1 }) } }, ({ params }) => { p${n}({ n: params.n }); });\n`,
  "nested ifs": (n) => inBody(`${"if (params.n > 0) {\n".repeat(n)}a({});${"}".repeat(n)}`),
  "nested for loops": (n) => inBody(`${Array.from({ length: n }, (_, i) => `for (const x${i} of [1]) {\n`).join("")}a({ x: x${n - 1} });${"}".repeat(n)}`),
  "consts naming consts": (n) => `const c0 = 1;\n${Array.from({ length: n }, (_, i) => `const c${i + 1} = c${i};\n`).join("")}${inBody(`a({ x: c${n} });`, "")}`,
  "a chain of && in a condition": (n) => inBody(`if (params.n > 0${" && params.n > 0".repeat(n)}) { a({}); }`),
  "a chain of + in a value": (n) => inBody(`a({ x: 1${" + 1".repeat(n)} });`, ""),
};

/** One probe in a fresh process: "ok <total depth>", "overflow <where>" or "error <text>". */
function probeOnce(shape, n) {
  const dir = mkdtempSync(join(tmpdir(), "sluice-nesting-"));
  writeFileSync(join(dir, "pipeline.ts"), SHAPES[shape](n));
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", dir], { encoding: "utf8" });
  rmSync(dir, { recursive: true, force: true });
  return (child.stdout.trim() || `error ${child.stderr.trim().split("\n").slice(-3).join(" ")}`).split("\n").pop();
}

async function child(dir) {
  const fe = await import(join(probe, "frontend/index.js"));
  const { FrontendContext } = await import(join(probe, "frontend/context.js"));
  let deepest = 0;
  const deeper = FrontendContext.prototype.deeper;
  FrontendContext.prototype.deeper = function (node, f, kind) {
    return deeper.call(this, node, () => ((deepest = Math.max(deepest, this.stackCost)), f()), kind);
  };
  let result;
  try {
    result = fe.analyzePipelineFile(join(dir, "pipeline.ts"), { projectRoot: dir });
  } catch (e) {
    return console.log(e instanceof RangeError ? "front end overflow" : `front end error ${e}`);
  }
  if (!result.ir) return console.log(`error ${result.diagnostics.map((d) => d.code).join(",")}`);
  // Every back end is tried, also after one refuses (a located error is a fine outcome; only an
  // overflow or an exception is not).
  const stages = [`front end ok ${deepest}`];
  for (const target of ["argo", "kubeflow", "airflow"]) {
    const backend = (await import(join(root, `packages/compiler-${target}/dist/index.js`))).default;
    try {
      const out = backend.compile(result.ir, backend.options.parse({}));
      const error = out.diagnostics.find((d) => d.severity === "error");
      stages.push(error ? `${target} refused ${error.code}` : `${target} ok`);
    } catch (e) {
      stages.push(e instanceof RangeError ? `${target} overflow` : `${target} error ${e}`);
    }
  }
  console.log(stages.join(", "));
}

const fine = (line) => line.startsWith("front end ok") && !/overflow|error/.test(line);

function main() {
  rmSync(probe, { recursive: true, force: true });
  cpSync(join(root, "packages/core/dist"), probe, { recursive: true });
  const limits = join(probe, "frontend/limits.js");
  writeFileSync(limits, readFileSync(limits, "utf8").replace(/DEPTH_LIMITS = \{[^}]*\}/, "DEPTH_LIMITS = { pipelines: 1e9, blocks: 1e9, values: 1e9 }").replace(/DEPTH_BUDGET = \d+/, "DEPTH_BUDGET = 1e9").replace(/CONDITION_LIMIT = \d+/, "CONDITION_LIMIT = 1e9").replace(/BRACKET_LIMIT = \d+/, "BRACKET_LIMIT = 1e9"));
  try {
    for (const shape of Object.keys(SHAPES)) {
      let [lo, hi] = [1, 8];
      while (fine(probeOnce(shape, hi))) [lo, hi] = [hi, hi * 2];
      while (hi - lo > Math.max(1, lo / 50)) {
        const mid = Math.floor((lo + hi) / 2);
        if (fine(probeOnce(shape, mid))) lo = mid;
        else hi = mid;
      }
      console.log(`${shape}:\n  ${lo}: ${probeOnce(shape, lo)}\n  ${hi}: ${probeOnce(shape, hi)}`);
    }
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "--child") await child(process.argv[3]);
  else main();
}
