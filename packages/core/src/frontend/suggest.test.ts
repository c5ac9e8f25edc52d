import { closest, didYouMean } from "./suggest.js";

describe("did you mean", () => {
  it("offers the closest name within a typo's distance", () => {
    expect(closest("learningRtae", ["learningRate", "epochs"])).toBe("learningRate");
    expect(closest("imgae", ["image", "inputs"])).toBe("image");
    expect(closest("IMAGE", ["image"])).toBe("image");
    expect(closest("gpu", ["cpu", "memory"])).toBe("cpu");
    expect(didYouMean("timout", ["timeout", "retry"])).toBe("; did you mean `timeout`?");
  });

  it("offers nothing for a different word", () => {
    expect(closest("banana", ["image", "inputs"])).toBeUndefined();
    expect(didYouMean("x", [])).toBe("");
  });
});
