import { cronWorkflowName, generateNamePrefix, labelValue, NameTable, paramName, taskName, templateName } from "./names.js";

describe("Argo names", () => {
  it("templates are lowercase DNS-1123 labels; a changed name keeps a hash of the original", () => {
    expect(templateName("train")).toBe("train");
    expect(templateName("Train_A")).toMatch(/^train-a-[0-9a-f]{6}$/);
    expect(templateName("Train_A")).not.toBe(templateName("train-a"));
    expect(templateName("x".repeat(80)).length).toBeLessThanOrEqual(63);
  });

  it("DAG task names begin with a letter (Argo refuses a leading digit with depends), deterministically", () => {
    expect(taskName("train")).toBe("train");
    expect(taskName("*/0 * * * *")).toMatch(/^x-0-[0-9a-f]{6}$/);
    expect(taskName("*/0 * * * *")).toBe(taskName("*/0 * * * *"));
    expect(taskName("3d")).toMatch(/^x-3d-[0-9a-f]{6}$/);
    expect(taskName("3d")).not.toBe(taskName("x-3d"));
    expect(taskName("x-3d")).toBe("x-3d");
    for (const name of ["0", "9".repeat(80), "1 a", "٣"]) {
      expect(taskName(name)).toMatch(/^[a-z]([a-z0-9-]*[a-z0-9])?$/);
      expect(taskName(name).length).toBeLessThanOrEqual(63);
    }
  });

  it("parameter names keep camelCase and underscores (Argo allows them)", () => {
    expect(paramName("testSize")).toBe("testSize");
    expect(paramName("a_b-c")).toBe("a_b-c");
    expect(paramName("a.b")).toMatch(/^a-b-[0-9a-f]{6}$/);
  });

  it("CronWorkflow names fit 52 characters, generateName prefixes 58", () => {
    expect(cronWorkflowName("n".repeat(60)).length).toBeLessThanOrEqual(52);
    expect(generateNamePrefix("n".repeat(63)).length).toBeLessThanOrEqual(58);
  });

  it("label values hold only label characters and at most 63 of them", () => {
    expect(labelValue("sha256:abc")).toBe("sha256-abc");
    expect(labelValue("a".repeat(70))).toHaveLength(63);
  });

  it("collisions after sanitizing are reported once, with both originals", () => {
    const t = new NameTable("template names");
    t.claim("step a", "a", "p.ts:1:1");
    t.claim("step a", "a", "p.ts:1:1");
    expect(t.diagnostics()).toEqual([]);
    t.claim("group a", "a", "p.ts:2:1");
    const [d] = t.diagnostics();
    expect(d?.code).toBe("SLU2001");
    expect(d?.span?.line).toBe(2);
  });
});
