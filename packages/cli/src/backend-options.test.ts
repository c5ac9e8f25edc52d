import type { Backend } from "@sluice/core/backend";
import { z } from "zod";
import { backendFlags, kebabCase, parseBackendOptions } from "./backend-options.js";

const options = z
  .object({
    kind: z.enum(["workflow", "template"]).default("workflow").describe("what to emit"),
    version: z.union([z.literal(2), z.literal(3)]).default(3),
    artifactRepositoryRef: z.string().optional(),
    parallelism: z.number().int().positive().optional(),
    dryRun: z.boolean().optional(),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const fake: Backend<z.infer<typeof options>> = { name: "fake", description: "test", options, compile: () => ({ files: [], diagnostics: [] }) };

describe("backendFlags", () => {
  it("offers every key of the options object as --<backend>-<key-in-kebab-case>", () => {
    expect(backendFlags(fake).map((f) => f.flag)).toEqual(["--fake-kind", "--fake-version", "--fake-artifact-repository-ref", "--fake-parallelism", "--fake-dry-run", "--fake-labels"]);
    expect(backendFlags(fake)[0]?.description).toBe("what to emit");
  });

  it("looks through wrappers around the object, and offers nothing for other schemas", () => {
    expect(backendFlags({ ...fake, options: options.optional() as never }).length).toBe(6);
    expect(backendFlags({ ...fake, options: z.string() as never })).toEqual([]);
  });

  it("converts camelCase and snake_case keys", () => {
    expect(kebabCase("artifactRepositoryRef")).toBe("artifact-repository-ref");
    expect(kebabCase("pod_name")).toBe("pod-name");
  });
});

describe("parseBackendOptions", () => {
  it("lets the schema decide what command-line text means: text, number, boolean, JSON", () => {
    const parsed = parseBackendOptions(fake, { kind: "template", version: "2", parallelism: "4", dryRun: "true", labels: '{"team":"ml"}', artifactRepositoryRef: "42" });
    expect(parsed).toEqual({ ok: true, options: { kind: "template", version: 2, parallelism: 4, dryRun: true, labels: { team: "ml" }, artifactRepositoryRef: "42" } });
  });

  it("fills defaults when nothing is given", () => {
    expect(parseBackendOptions(fake, {})).toEqual({ ok: true, options: { kind: "workflow", version: 3 } });
  });

  it("names the flag in the message when a value is refused", () => {
    const parsed = parseBackendOptions(fake, { kind: "cron", parallelism: "-1" });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toContain("--fake-kind");
      expect(parsed.message).toContain("--fake-parallelism");
    }
  });

  it("accepts already-typed values, as fixture.json gives them", () => {
    expect(parseBackendOptions(fake, { version: 2, labels: { a: "b" } })).toEqual({ ok: true, options: { kind: "workflow", version: 2, labels: { a: "b" } } });
  });
});
