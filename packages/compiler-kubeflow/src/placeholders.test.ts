import { escapeKubernetesVars, inputValue, launcherKeys, unexpectedKeys } from "./placeholders.js";

const keys = launcherKeys({ inputParameters: ["x", "n"], inputArtifacts: ["data"], outputParameters: ["y"], outputArtifacts: ["model"] });

describe("launcher placeholders", () => {
  it("every launcher key begins with {{$, which unexpectedKeys looks for first", () => {
    for (const key of keys) expect(key.startsWith("{{$")).toBe(true);
  });

  it("finds literal keys beyond the intended placeholders, counted as split() counts them", () => {
    const x = inputValue("x");
    expect(unexpectedKeys("--x", [], keys)).toEqual([]);
    expect(unexpectedKeys(`--x=${x}`, [x], keys)).toEqual([]);
    expect(unexpectedKeys(`--x=${x}${x}`, [x], keys)).toEqual([x]);
    expect(unexpectedKeys("{{$}}", [], keys)).toEqual(["{{$}}"]);
    expect(unexpectedKeys("{{$}}}}", [], keys)).toEqual(["{{$}}"]);
    expect(unexpectedKeys("{{$.inputs", [], keys)).toEqual([]);
  });

  it("doubles only the $ Kubernetes would consume", () => {
    expect(escapeKubernetesVars("plain")).toBe("plain");
    expect(escapeKubernetesVars("$(HOME) $$ $x")).toBe("$$(HOME) $$$ $x");
  });
});
