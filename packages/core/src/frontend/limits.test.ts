// Nesting a user writes never overflows the stack: every form the parser or the front end recurses
// on, at ten times the limit and more, ends as a located SLU1010 (or another coded diagnostic),
// never as an exception; just inside the limit, the file compiles.
import { analyzeSources, codesAt, HEADER } from "./test-helpers.js";
import { NESTING_LIMIT, tooDeepBracket } from "./limits.js";

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
    const result = analyzeSources({ "pipeline.ts": withStep(`${"(".repeat(NESTING_LIMIT + 50)}"x"${")".repeat(NESTING_LIMIT + 50)}`) });
    const column = withStep("").split("\n")[1]!.indexOf('"echo", ') + '"echo", '.length + NESTING_LIMIT - 2;
    expect(codesAt(result)).toEqual([`SLU1010@2:${column}`]);
  });
});

describe("nesting inside the limit", () => {
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
    const many = "(".repeat(NESTING_LIMIT + 1);
    const text = `const s = "${many}"; // ${many}\n/* ${many} */ const t = \`${many}\${1}${many}\`; const r = /\\(${"\\(".repeat(NESTING_LIMIT)}/; const d = 4 / 2;`;
    expect(tooDeepBracket(text)).toBeUndefined();
  });

  it("counts the `${` of a template as a level", () => {
    const text = `const t = ${"`${".repeat(NESTING_LIMIT + 1)}1${"}`".repeat(NESTING_LIMIT + 1)};`;
    expect(tooDeepBracket(text)).toEqual({ offset: 10 + NESTING_LIMIT * 3, length: 3 });
  });
});
