import { type Diagnostic, dns1123Label, errorAt, findCollisions, parseSpan, withHashSuffix } from "@sluice/core/backend";
import { Codes } from "./codes.js";

/**
 * How Sluice names things on Argo, one function per kind of name. Every function is
 * deterministic; a name that had to change keeps a readable head and gets a six-character hash
 * of the original (dns1123Label / withHashSuffix from core), so `Train_A` and `train-a` differ.
 * Two originals that still meet after that are a located error (NameTable).
 *
 * - templates and DAG tasks: DNS-1123 labels (lowercase; upper case breaks pod names, argo#9670),
 *   at most 63 characters. A DAG task name also begins with a letter: Argo refuses one that
 *   begins with a digit when tasks use `depends` (a step named `*\/0 * * * *` was `0-6b7a81`);
 *   such a name gets the head `x-` and, being changed, the hash of the original.
 * - parameters and artifacts: Argo's own rule `[-a-zA-Z0-9_]+`, so camelCase input names stay.
 * - Workflow `generateName`: at most 57 characters plus the dash (Kubernetes cuts prefixes at 58).
 * - CronWorkflow names: at most 52 characters (Argo appends a timestamp; metaflow#1818).
 * - label values: at most 63 of `[A-Za-z0-9._-]`, alphanumeric at both ends; the
 *   `sluice.dev/pipeline` label is the pipeline's template name (a DNS-1123 label is a label value).
 * - the output file: `<template name of the pipeline>.argo.yaml`, safe whatever the name holds.
 * - display: the Workflow's `workflows.argoproj.io/title` annotation holds the pipeline's
 *   `displayName`, else its original name when it had to change. DAG tasks have no display name.
 */
export function templateName(original: string): string {
  return dns1123Label(original, 63);
}

export function taskName(original: string): string {
  const label = dns1123Label(original, 63);
  if (!/^[0-9]/.test(label)) return label;
  return withHashSuffix(`x-${label === original ? label : label.replace(/-[0-9a-f]{6}$/, "")}`, original, 63);
}

export function volumeName(original: string): string {
  return dns1123Label(original, 63);
}

export function paramName(original: string): string {
  if (/^[-a-zA-Z0-9_]{1,128}$/.test(original)) return original;
  return withHashSuffix(original.replace(/[^-a-zA-Z0-9_]+/g, "-").replace(/^-+|-+$/g, "") || "p", original, 63);
}

export function fileStem(pipelineName: string): string {
  return templateName(pipelineName);
}

export function generateNamePrefix(pipelineName: string): string {
  return `${dns1123Label(pipelineName, 57)}-`;
}

export function cronWorkflowName(pipelineName: string): string {
  return dns1123Label(pipelineName, 52);
}

export function labelValue(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
  return cleaned;
}

/**
 * Names given out in one namespace (templates of a workflow, tasks of a DAG, inputs of a
 * template). `claim` returns the sanitized name; `diagnostics` reports originals that collide.
 */
export class NameTable {
  /**
   * The first claim of each original, in claim order. A Map, not a list searched on each claim:
   * a workflow claims a template name per task, and the search made 10,000 tasks cost O(n^2).
   */
  private readonly pairs = new Map<string, { original: string; sanitized: string; span?: string }>();

  constructor(private readonly what: string) {}

  claim(original: string, sanitized: string, span?: string): string {
    if (!this.pairs.has(original)) this.pairs.set(original, { original, sanitized, span });
    return sanitized;
  }

  diagnostics(): Diagnostic[] {
    return findCollisions([...this.pairs.values()]).map(({ sanitized, originals }) => {
      // Located at the second name given out; the first is a related location.
      const [first, second] = originals.map((o) => this.pairs.get(o)!);
      const d = errorAt(Codes.nameCollision, `${this.what} ${originals.map((o) => JSON.stringify(o)).join(" and ")} both become "${sanitized}" on Argo`, second!.span, "rename one of them");
      return { ...d, related: [{ message: `${JSON.stringify(first!.original)} is here`, ...(first!.span ? { span: parseSpan(first!.span) } : {}) }] };
    });
  }
}
