import type { Pipeline } from "../ir/index.js";
import { settingSpan } from "./setting-span.js";

const irWith = (source: Pipeline["metadata"]["source"]) => ({ metadata: { source } }) as Pipeline;

describe("settingSpan", () => {
  const ir = irWith({ file: "p.ts", export: "default", span: "p.ts:5:16", settings: { schedule: "p.ts:6:3", "schedule.timezone": "p.ts:6:40" } });

  it("points at the setting itself when its span is known", () => {
    expect(settingSpan(ir, "schedule.timezone")).toBe("p.ts:6:40");
  });

  it("falls back to the object holding it, then to the pipeline definition", () => {
    expect(settingSpan(ir, "schedule.catchup")).toBe("p.ts:6:3");
    expect(settingSpan(ir, "defaults.parallelism")).toBe("p.ts:5:16");
    expect(settingSpan(ir)).toBe("p.ts:5:16");
  });

  it("uses the file's start only for IR written without spans", () => {
    expect(settingSpan(irWith({ file: "p.ts", export: "default" }), "schedule")).toBe("p.ts:1:1");
  });

  it("never reads a setting path from the object prototype", () => {
    expect(settingSpan(irWith({ file: "p.ts", export: "default", settings: {} }), "constructor")).toBe("p.ts:1:1");
  });
});
