import { nodeSelectorWithGpu } from "./gpu-node-selector.js";

describe("nodeSelectorWithGpu", () => {
  const gpu = (type?: string) => ({ resources: { gpu: { count: 1, resource: "nvidia.com/gpu", ...(type ? { type } : {}) } } });

  it("selects the GPU model on the given label", () => {
    expect(nodeSelectorWithGpu(gpu("NVIDIA-A100-SXM4-40GB"), "nvidia.com/gpu.product")).toEqual({ "nvidia.com/gpu.product": "NVIDIA-A100-SXM4-40GB" });
  });

  it("keeps the step's own selector, whose entry for the same label wins", () => {
    expect(nodeSelectorWithGpu({ ...gpu("t4"), nodeSelector: { pool: "gpu" } }, "l")).toEqual({ l: "t4", pool: "gpu" });
    expect(nodeSelectorWithGpu({ ...gpu("t4"), nodeSelector: { l: "a100" } }, "l")).toEqual({ l: "a100" });
  });

  it("is undefined when there is nothing to select on", () => {
    expect(nodeSelectorWithGpu(gpu(), "l")).toBeUndefined();
    expect(nodeSelectorWithGpu({ nodeSelector: {} }, "l")).toBeUndefined();
  });
});
