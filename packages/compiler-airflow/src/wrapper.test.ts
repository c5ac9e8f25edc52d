import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Component } from "@sluice/core/backend";
import { xcomWrapperScript } from "./wrapper.js";

/**
 * Runs the pod's XCom wrapper with the local /bin/sh and awk, its two fixed folders moved into a
 * temporary one, and checks the JSON it writes: what KubernetesPodOperator would push to XCom.
 */
const component: Component = {
  name: "c",
  kind: "custom",
  image: "x",
  implementation: { container: { command: ["sh"], args: [] } },
  inputs: [],
  outputs: [
    { name: "text", type: { category: "param", type: "string" } },
    { name: "count", type: { category: "param", type: "int" } },
    { name: "model", type: { category: "artifact", kind: "model" } },
  ],
  span: "x.ts:1:1",
};

describe("XCom wrapper", () => {
  it("runs the step's argv unchanged and turns its output files into one JSON object", () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-wrapper-"));
    try {
      const script = xcomWrapperScript(component).replaceAll("/tmp/sluice/outputs", `${dir}/outputs`).replaceAll("/airflow/xcom", `${dir}/xcom`);
      const text = 'quote " back\\slash\ttab\r\nline 2 é 😀 $(HOME) {{ x }}\n';
      // The step: writes its first argument as the text output and 42 as the count.
      const step = ["sh", "-c", `printf '%s' "$1" > ${dir}/outputs/text; echo 42 > ${dir}/outputs/count`, "step", text];
      execFileSync("/bin/sh", ["-c", script, "sluice-step", "s3://bucket/run/model", ...step]);
      const json = JSON.parse(readFileSync(join(dir, "xcom", "return.json"), "utf8"));
      expect(json).toEqual({ text: text.slice(0, -1), count: 42, model: "s3://bucket/run/model" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails when the step fails, so no XCom is pushed", () => {
    const script = xcomWrapperScript(component).replaceAll("/tmp/sluice/outputs", "/tmp/sluice-wrapper-x").replaceAll("/airflow/xcom", "/tmp/sluice-wrapper-x");
    expect(() => execFileSync("/bin/sh", ["-c", script, "sluice-step", "uri", "sh", "-c", "exit 3"], { stdio: "pipe" })).toThrow();
  });
});
