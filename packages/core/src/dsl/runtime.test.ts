// The runtime of "@sluice/core" is inert: the compiler reads pipeline files without running them,
// but a user may still import and run one (a test, a REPL), and that must neither fail nor start
// any work. These tests pin that down.
import { artifact, file, param, pipeline, secret, step, trainer } from "./index.js";

const train = trainer({
  name: "train",
  image: "busybox",
  inputs: { lr: param.float({ default: 0.1 }), data: artifact.dataset() },
  outputs: { model: artifact.model(), loss: param.float() },
});

describe("the DSL at run time", () => {
  it("keeps a step's definition, with the kind a helper names", () => {
    expect(train.definition.kind).toBe("trainer");
    expect(train.definition.inputs?.lr).toEqual({ category: "param", type: "float", default: 0.1 });
    expect(train.definition.outputs?.model).toEqual({ category: "artifact", kind: "model" });
  });

  it("describes list types by their items", () => {
    expect(param.list(param.int(), { default: [1] })).toEqual({ category: "param", type: "list", items: { category: "param", type: "int" }, default: [1] });
    expect(artifact.list(artifact.model())).toEqual({ category: "artifact", kind: "model", list: true });
  });

  it("returns a task naming every declared output when a step is called", () => {
    const task = train({ data: undefined as never });
    expect(task.name).toBe("train");
    expect(Object.keys(task.outputs).sort()).toEqual(["loss", "model"]);
    expect(train({ data: undefined as never }, { name: "train-small" }).name).toBe("train-small");
  });

  it("never runs a pipeline body", () => {
    let ran = false;
    const p = pipeline({ name: "p" }, () => {
      ran = true;
    });
    p({});
    expect(ran).toBe(false);
    expect(p.config.name).toBe("p");
  });

  it("describes secrets and files without reading anything", () => {
    expect(secret("hf", "token")).toEqual({ secret: "hf", key: "token" });
    expect(file("./does-not-exist.py")).toEqual({ file: "./does-not-exist.py" });
    expect(step({ name: "s", image: "busybox" }).definition.kind).toBeUndefined();
  });
});
