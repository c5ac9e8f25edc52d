// Nesting a user writes never overflows the stack: every form the parser or the front end recurses
// on, at ten times the limit and more, ends as a located SLU1010 (or another coded diagnostic),
// never as an exception; at each kind's limit the file compiles, one level past it is SLU1010.
import { analyzeSources, codesAt, HEADER } from "./test-helpers.js";
import fc from "fast-check";
import { BRACKET_LIMIT, bracketDepthBound, CONDITION_LIMIT, DEPTH_LIMITS, firstTooDeepToken, tooDeepBracket } from "./limits.js";

const STEP = `const a = step({ name: "a", image: "alpine", command: ["echo"] });\n`;
const withStep = (value: string) => `${HEADER}const a = step({ name: "a", image: "alpine", command: ["echo", ${value}] });\nexport default pipeline({ name: "p" }, () => { a({}); });\n`;
const body = (text: string, params = "") => `${HEADER}${STEP}export default pipeline({ name: "p"${params} }, ({ params }) => {\n${text}\n});\n`;
const chainOfPipelines = (n: number) =>
  `${HEADER}${STEP}const p0 = pipeline({ name: "p0" }, () => { a({}); });\n` +
  Array.from({ length: n }, (_, i) => `const p${i + 1} = pipeline({ name: "p${i + 1}" }, () => { p${i}({}); });\n`).join("") +
  `export default pipeline({ name: "top" }, () => { p${n}({}); });\n`;
const chainOfConsts = (n: number) => `${HEADER}const c0 = "x";\n${Array.from({ length: n }, (_, i) => `const c${i + 1} = c${i};\n`).join("")}${STEP.replace('["echo"]', `["echo", c${n}]`)}export default pipeline({ name: "p" }, () => { a({}); });\n`;
const BOOL = `, params: { b: param.bool({ default: true }) }`;

const deep: Record<string, string> = {
  parentheses: withStep(`${"(".repeat(5000)}"x"${")".repeat(5000)}`),
  arrays: withStep(`${"[".repeat(5000)}${"]".repeat(5000)}`),
  templates: withStep(`${"`${".repeat(3000)}1${"}`".repeat(3000)}`),
  "prefix operators": withStep(`${"!".repeat(50000)}true`),
  "a chain of +": withStep(`"x"${' + "x"'.repeat(50000)}`),
  "consts naming consts": chainOfConsts(5000),
  "nested ifs": body(`${"if (params.b) {\n".repeat(3000)}a({});${"}".repeat(3000)}`, BOOL),
  "a chain of &&": body(`if (params.b${" && params.b".repeat(50000)}) { a({}); }`, BOOL),
  "member accesses": body(`a({}${".outputs".repeat(50000)});`),
  "nested pipelines": chainOfPipelines(3000),
};

describe("nesting past the limit", () => {
  it.each(Object.keys(deep))("%s: a located diagnostic, no exception", (name) => {
    const result = analyzeSources({ "pipeline.ts": deep[name]! });
    expect(result.ir).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const d of result.diagnostics) {
      expect(d.code).toMatch(/^SLU1\d{3}$/);
      expect(d.span?.file).toBe("pipeline.ts");
    }
  });

  it("reports brackets where the first one past the limit opens", () => {
    const result = analyzeSources({ "pipeline.ts": withStep(`${"(".repeat(BRACKET_LIMIT + 50)}"x"${")".repeat(BRACKET_LIMIT + 50)}`) });
    const column = withStep("").split("\n")[1]!.indexOf('"echo", ') + '"echo", '.length + BRACKET_LIMIT - 2;
    expect(codesAt(result)).toEqual([`SLU1010@2:${column}`]);
  });
});

// `n` nested pipelines below the compiled one, each passing a param on.
const chainWithParams = (n: number) =>
  `${HEADER}${STEP}const p1 = pipeline({ name: "p1", params: { n: param.int() } }, ({ params }) => { a({}); });\n` +
  Array.from({ length: n - 1 }, (_, i) => `const p${i + 2} = pipeline({ name: "p${i + 2}", params: { n: param.int() } }, ({ params }) => { p${i + 1}({ n: params.n }); });\n`).join("") +
  `export default pipeline({ name: "top", params: { n: param.int({ default: 1 }) } }, ({ params }) => { p${n}({ n: params.n }); });\n`;
// The pipeline body is the first block: `n - 1` ifs inside it make `n` blocks.
const blocks = (n: number) => body(`${"if (params.b)\n".repeat(n - 1)}a({});`, BOOL);
// `!(... && !(... && x))`: two levels per `!(... && ...)`, plus the comparison.
const condition = (levels: number) => {
  let c = "params.n > 0";
  for (let i = 0; i < Math.floor((levels - 1) / 2); i++) c = `!(params.n > ${i} && ${c})`;
  return body(`if (${levels % 2 === 0 ? `params.n > 0 && (${c})` : c}) { a({}); }`, ", params: { n: param.int({ default: 1 }) }");
};

describe("each limit, measured at the limit and one past it", () => {
  it.each([
    ["nested pipeline calls", chainWithParams, DEPTH_LIMITS.pipelines, "4:83"],
    ["blocks in one body", blocks, DEPTH_LIMITS.blocks, `${DEPTH_LIMITS.blocks + 4}:1`],
    // the step's definition takes four levels (the call, its object, `command`'s array, the
    // element `c{n}`), then each const named takes one more (the literal "x" at the end, none)
    ["consts naming consts", (n: number) => chainOfConsts(n - 4), DEPTH_LIMITS.values, "3:12"],
    ["levels of one condition", condition, CONDITION_LIMIT, "4:5"],
  ])("%s: at the limit it compiles, one level more is SLU1010", (_name, make, limit, at) => {
    expect(codesAt(analyzeSources({ "pipeline.ts": (make as (n: number) => string)(limit) }))).toEqual([]);
    expect(codesAt(analyzeSources({ "pipeline.ts": (make as (n: number) => string)(limit + 1) }))).toEqual([`SLU1010@${at}`]);
  });

  // `pipelines` nested pipelines, the innermost holding `ifs` nested ifs.
  const pipelinesOfIfs = (pipelines: number, ifs: number) =>
    `${HEADER}${STEP}const p0 = pipeline({ name: "p0", params: { b: param.bool() } }, ({ params }) => {\n${"if (params.b)\n".repeat(ifs)}a({});\n});\n` +
    Array.from({ length: pipelines }, (_, i) => `const p${i + 1} = pipeline({ name: "p${i + 1}", params: { b: param.bool() } }, ({ params }) => { p${i}({ b: params.b }); });\n`).join("") +
    `export default pipeline({ name: "top", params: { b: param.bool({ default: true }) } }, ({ params }) => { p${pipelines}({ b: params.b }); });\n`;

  it("a nested pipeline's body counts its own blocks: 20 pipelines of 60 nested ifs compile", () => {
    expect(codesAt(analyzeSources({ "pipeline.ts": pipelinesOfIfs(20, 59) }))).toEqual([]);
  });

  it("nesting of several kinds together stops at the stack budget, where it is crossed", () => {
    const result = analyzeSources({ "pipeline.ts": pipelinesOfIfs(60, 90) });
    expect(result.diagnostics.map((d) => [d.code, d.message.includes("units of nesting")])).toEqual([["SLU1010", true]]);
    // inside the innermost pipeline's ifs (lines 4 to 94), where the budget runs out
    expect(result.diagnostics[0]!.span!.line).toBeGreaterThan(3);
    expect(result.diagnostics[0]!.span!.line).toBeLessThan(95);
  });
});

describe("nesting inside the limits", () => {
  it.each([
    ["80 nested ifs", body(`${"if (params.b) {\n".repeat(80)}a({});${"}".repeat(80)}`, BOOL)],
    ["60 nested pipelines", chainOfPipelines(60)],
    ["150 consts naming consts", chainOfConsts(150)],
    ["150 parentheses", withStep(`${"(".repeat(150)}"x"${")".repeat(150)}`)],
  ])("%s compile", (_name, text) => {
    expect(analyzeSources({ "pipeline.ts": text }).diagnostics).toEqual([]);
  });
});

describe("the bracket scan", () => {
  it("skips brackets in strings, comments, templates and regular expressions", () => {
    const many = "(".repeat(BRACKET_LIMIT + 1);
    const text = `const s = "${many}"; // ${many}\n/* ${many} */ const t = \`${many}\${1}${many}\`; const r = /\\(${"\\(".repeat(BRACKET_LIMIT)}/; const d = 4 / 2;`;
    expect(tooDeepBracket(text)).toBeUndefined();
  });

  it("counts the `${` of a template as a level", () => {
    const text = `const t = ${"`${".repeat(BRACKET_LIMIT + 1)}1${"}`".repeat(BRACKET_LIMIT + 1)};`;
    expect(tooDeepBracket(text)).toEqual({ offset: 10 + BRACKET_LIMIT * 3, length: 3 });
  });
});

// The character scan that spares most files TypeScript's scanner must count exactly as the
// scanner does whenever it gives a number: on text made of every piece that changes what a
// bracket means (strings, escapes, comments, templates, line breaks), its depth is the depth
// past which the scanner finds a bracket too deep.
describe("the quick bracket count", () => {
  const piece = fc.constantFrom("(", ")", "[", "]", "{", "}", "'", '"', "`", "${", "\\", "\\\r\n", "//", "/*", "*/", "/", "\n", "\r", "\u2028", "x", " ", "$", "*", "1");
  it("agrees with TypeScript's scanner whenever it can tell", () => {
    let counted = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        const depth = bracketDepthBound(text);
        if (depth === Infinity) return;
        counted++;
        expect(firstTooDeepToken(text, depth)).toBeUndefined();
        if (depth > 0) expect(firstTooDeepToken(text, depth - 1)).toBeDefined();
      }),
      { numRuns: 5000 },
    );
    expect(counted).toBeGreaterThan(1000); // the property is not vacuous
  });

  it("leaves a division or a regular expression to the scanner", () => {
    expect(bracketDepthBound("const a = b / c;")).toBe(Infinity);
    expect(bracketDepthBound("const r = /((((/;")).toBe(Infinity);
    expect(bracketDepthBound("// a / b\nconst a = [(1)];")).toBe(2);
  });
});
