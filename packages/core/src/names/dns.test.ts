import fc from "fast-check";
import { dns1123Label, findCollisions, isDns1123Label } from "./dns.js";

describe("dns1123Label", () => {
  it("keeps a name that is already valid", () => {
    expect(dns1123Label("train-model-2")).toBe("train-model-2");
  });

  it("lowercases, replaces invalid runs and marks the change with a hash", () => {
    const name = dns1123Label("Train_Model");
    expect(name).toMatch(/^train-model-[0-9a-f]{6}$/);
  });

  it("tells apart names that sanitize alike (argo#9670: upper case broke pod names)", () => {
    expect(dns1123Label("Train_A")).not.toBe(dns1123Label("train-a"));
    expect(dns1123Label("train-a")).toBe("train-a");
  });

  it("always gives a valid label within the length budget, deterministically", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.integer({ min: 8, max: 63 }), (raw, max) => {
        const name = dns1123Label(raw, max);
        expect(isDns1123Label(name, max)).toBe(true);
        expect(dns1123Label(raw, max)).toBe(name);
      }),
    );
  });
});

describe("findCollisions", () => {
  it("reports sanitized names shared by different originals", () => {
    expect(findCollisions([{ original: "a", sanitized: "x" }, { original: "b", sanitized: "x" }, { original: "c", sanitized: "y" }])).toEqual([{ sanitized: "x", originals: ["a", "b"] }]);
  });
});
