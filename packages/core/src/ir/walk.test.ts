import { readFileSync } from "node:fs";
import { loadIr } from "./serialize.js";
import { allNodes, dataDependencies, effectiveSettings, walkNodes } from "./walk.js";

const { ir } = loadIr(readFileSync(new URL("../../../../docs/ir-example.yaml", import.meta.url), "utf8"));

describe("walkNodes", () => {
  it("visits every node in source order with the groups around it", () => {
    const seen: string[] = [];
    walkNodes(ir!.spec.root, (n, scope) => seen.push(`${scope.map((s) => s.id).join("/")}:${n.id}`));
    expect(seen).toEqual([
      ":exit-handler-1",
      "exit-handler-1:preprocess",
      "exit-handler-1:for-each-lr",
      "exit-handler-1/for-each-lr:train",
      "exit-handler-1:evaluate",
      "exit-handler-1:condition-1",
      "exit-handler-1/condition-1-then:deploy",
      "exit-handler-1/condition-1-then:smoke-test",
      "exit-handler-1/condition-1-else:notify",
      "exit-handler-1:cleanup",
    ]);
  });
});

describe("dataDependencies", () => {
  it("lists task outputs and loop fan-ins, without explicit after edges", () => {
    const byId = new Map(allNodes(ir!.spec.root).map((n) => [n.id, n]));
    expect(dataDependencies(byId.get("evaluate")!)).toEqual(["for-each-lr", "preprocess"]);
    expect(dataDependencies(byId.get("smoke-test")!)).toEqual(["evaluate"]);
    expect(dataDependencies(byId.get("condition-1")!)).toEqual(["evaluate"]);
    expect(dataDependencies(byId.get("notify")!)).toEqual(["evaluate"]);
  });
});

describe("effectiveSettings", () => {
  it("lets later layers replace settings but merges env and labels by key", () => {
    const merged = effectiveSettings(
      { retry: { limit: 1 }, env: [{ name: "A", value: "1" }], labels: { team: "ml" } },
      { retry: { limit: 3 }, env: [{ name: "B", value: "2" }] },
      { env: [{ name: "A", value: "override" }], labels: { run: "x" }, cache: false },
    );
    expect(merged).toEqual({
      retry: { limit: 3 },
      env: [{ name: "A", value: "override" }, { name: "B", value: "2" }],
      labels: { team: "ml", run: "x" },
      cache: false,
    });
  });
});
