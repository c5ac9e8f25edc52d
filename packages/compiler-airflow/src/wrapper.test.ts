import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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

// The pod's scripts poll each other's marker files once a second; the tests poll twenty times as
// often, to wait less. Nothing depends on the interval (each side waits for a file, not a time).
const POLL = "do sleep 1; done";
const FAST_POLL = "do sleep 0.05; done";

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
    // A folder of its own: a fixed path in /tmp would be shared with any other run on the machine.
    const dir = mkdtempSync(join(tmpdir(), "sluice-wrapper-"));
    try {
      const script = xcomWrapperScript(component).replaceAll("/tmp/sluice/outputs", `${dir}/outputs`).replaceAll("/airflow/xcom", `${dir}/xcom`);
      expect(() => execFileSync("/bin/sh", ["-c", script, "sluice-step", "uri", "sh", "-c", "exit 3"], { stdio: "pipe" })).toThrow();
      expect(existsSync(join(dir, "xcom", "return.json"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("object-store move: the step's wrapper and the transfer sidecar together", () => {
  const moving: Component = {
    ...component,
    inputs: [{ name: "data", type: { category: "artifact", kind: "dataset" } }],
    outputs: [{ name: "model", type: { category: "artifact", kind: "model" } }],
  };
  /** A stand-in for `aws s3 cp`: s3://<key> is the file or folder <store>/<key>. */
  const fakeAws = String.raw`#!/bin/sh
shift; shift; rec=0
while case "$1" in --*) true;; *) false;; esac; do [ "$1" = --recursive ] && rec=1; shift; done
map() { case "$1" in s3://*) printf '%s' "$STORE/${"$"}{1#s3://}";; *) printf '%s' "$1";; esac; }
s=$(map "$1"); d=$(map "$2"); d=${"$"}{d%/}
if [ "$rec" = 1 ]; then [ -d "$s" ] || exit 1; mkdir -p "$d"; cp -R "$s/." "$d"; else [ -f "$s" ] || exit 1; mkdir -p "${"$"}{d%/*}"; cp "$s" "$d"; fi
`;

  it("downloads the input to a local path before the command and uploads the output after it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "move-"));
    try {
      const { spawn } = await import("node:child_process");
      const { mkdirSync, writeFileSync, chmodSync } = await import("node:fs");
      const { transferScript } = await import("./transfer.js");
      mkdirSync(join(dir, "bin"));
      writeFileSync(join(dir, "bin", "aws"), fakeAws);
      chmodSync(join(dir, "bin", "aws"), 0o755);
      mkdirSync(join(dir, "store", "b", "run"), { recursive: true });
      writeFileSync(join(dir, "store", "b", "run", "data"), "a,b\n1,2\n");
      const local = (s: string) => s.replaceAll("/tmp/sluice", `${dir}/pod`).replaceAll("/airflow/xcom", `${dir}/xcom`).replaceAll(POLL, FAST_POLL);
      const env = { ...process.env, PATH: `${dir}/bin:${process.env.PATH}`, STORE: join(dir, "store") };
      mkdirSync(join(dir, "pod", "transfer"), { recursive: true });
      const sidecar = spawn("/bin/sh", ["-c", local(transferScript(moving))], { env });
      const exited = new Promise<number | null>((resolve) => sidecar.on("exit", resolve));
      // The step: copies its input into a model folder, as a real step would read and write local paths.
      const step = ["sh", "-c", 'mkdir -p "$2" && cp "$1" "$2/weights"', "step", `${dir}/pod/inputs/data`, `${dir}/pod/outputs/model`];
      execFileSync("/bin/sh", ["-c", local(xcomWrapperScript(moving, "sidecar")), "sluice-step", "s3://b/run/data", "s3://b/run/model", ...step], { env, timeout: 120000 });
      expect(await exited).toBe(0);
      expect(readFileSync(join(dir, "store", "b", "run", "model", "weights"), "utf8")).toBe("a,b\n1,2\n");
      expect(JSON.parse(readFileSync(join(dir, "xcom", "return.json"), "utf8"))).toEqual({ model: "s3://b/run/model" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails the step before its command when an input cannot be downloaded", async () => {
    const dir = mkdtempSync(join(tmpdir(), "move-"));
    try {
      const { spawn } = await import("node:child_process");
      const { mkdirSync, writeFileSync, chmodSync, existsSync } = await import("node:fs");
      const { transferScript } = await import("./transfer.js");
      mkdirSync(join(dir, "bin"));
      writeFileSync(join(dir, "bin", "aws"), fakeAws);
      chmodSync(join(dir, "bin", "aws"), 0o755);
      const local = (s: string) => s.replaceAll("/tmp/sluice", `${dir}/pod`).replaceAll("/airflow/xcom", `${dir}/xcom`).replaceAll(POLL, FAST_POLL);
      const env = { ...process.env, PATH: `${dir}/bin:${process.env.PATH}`, STORE: join(dir, "store") };
      const sidecar = spawn("/bin/sh", ["-c", local(transferScript(moving))], { env, stdio: "ignore" });
      const exited = new Promise<number | null>((resolve) => sidecar.on("exit", resolve));
      const step = ["sh", "-c", `touch ${dir}/ran`];
      expect(() => execFileSync("/bin/sh", ["-c", local(xcomWrapperScript(moving, "sidecar")), "sluice-step", "s3://b/missing", "s3://b/out", ...step], { env, stdio: "pipe", timeout: 120000 })).toThrow();
      expect(await exited).toBe(1);
      expect(existsSync(join(dir, "ran"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a list of artifacts arrives as a folder with one entry per item", () => {
  const listing: Component = {
    ...component,
    inputs: [{ name: "models", type: { category: "artifactList", kind: "model" } }],
    outputs: [],
  };
  const fakeAws = String.raw`#!/bin/sh
shift; shift; rec=0
while case "$1" in --*) true;; *) false;; esac; do [ "$1" = --recursive ] && rec=1; shift; done
map() { case "$1" in s3://*) printf '%s' "$STORE/${"$"}{1#s3://}";; *) printf '%s' "$1";; esac; }
s=$(map "$1"); d=$(map "$2"); d=${"$"}{d%/}
if [ "$rec" = 1 ]; then [ -d "$s" ] || exit 1; mkdir -p "$d"; cp -R "$s/." "$d"; else [ -f "$s" ] || exit 1; mkdir -p "${"$"}{d%/*}"; cp "$s" "$d"; fi
`;

  it("object-store mode: the sidecar downloads each item to <folder>/<index>, in item order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "list-"));
    try {
      const { spawn } = await import("node:child_process");
      const { mkdirSync, writeFileSync, chmodSync } = await import("node:fs");
      const { transferScript } = await import("./transfer.js");
      mkdirSync(join(dir, "bin"));
      writeFileSync(join(dir, "bin", "aws"), fakeAws);
      chmodSync(join(dir, "bin", "aws"), 0o755);
      for (const [i, text] of ["first", "second", "third"].entries()) {
        mkdirSync(join(dir, "store", "b", String(i)), { recursive: true });
        writeFileSync(join(dir, "store", "b", String(i), "model"), text);
      }
      const local = (s: string) => s.replaceAll("/tmp/sluice", `${dir}/pod`).replaceAll("/airflow/xcom", `${dir}/xcom`).replaceAll(POLL, FAST_POLL);
      const env = { ...process.env, PATH: `${dir}/bin:${process.env.PATH}`, STORE: join(dir, "store") };
      const sidecar = spawn("/bin/sh", ["-c", local(transferScript(listing))], { env });
      const exited = new Promise<number | null>((resolve) => sidecar.on("exit", resolve));
      // Jinja's tojson of the fan-in, as the wrapper receives it.
      const list = JSON.stringify(["s3://b/0/model", "s3://b/1/model", "s3://b/2/model"]).replaceAll(",", ", ");
      const step = ["sh", "-c", `cat "$1/0" "$1/1" "$1/2" > ${dir}/seen`, "step", `${dir}/pod/inputs/models`];
      execFileSync("/bin/sh", ["-c", local(xcomWrapperScript(listing, "sidecar")), "sluice-step", list, ...step], { env, timeout: 120000 });
      expect(await exited).toBe(0);
      expect(readFileSync(join(dir, "seen"), "utf8")).toBe("firstsecondthird");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("volume mode: the wrapper links each item on the volume as <folder>/<index>", async () => {
    const dir = mkdtempSync(join(tmpdir(), "list-"));
    try {
      const { mkdirSync, writeFileSync } = await import("node:fs");
      for (const [i, text] of ["a", "b"].entries()) {
        mkdirSync(join(dir, "vol", String(i)), { recursive: true });
        writeFileSync(join(dir, "vol", String(i), "model"), text);
      }
      const local = (s: string) => s.replaceAll("/tmp/sluice", `${dir}/pod`).replaceAll("/airflow/xcom", `${dir}/xcom`).replaceAll(POLL, FAST_POLL);
      const list = JSON.stringify([join(dir, "vol", "0", "model"), join(dir, "vol", "1", "model")]);
      const step = ["sh", "-c", `cat "$1/0" "$1/1" > ${dir}/seen`, "step", `${dir}/pod/inputs/models`];
      execFileSync("/bin/sh", ["-c", local(xcomWrapperScript(listing, "volume")), "sluice-step", list, ...step], { timeout: 120000 });
      expect(readFileSync(join(dir, "seen"), "utf8")).toBe("ab");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
