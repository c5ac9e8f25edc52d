/** Warnings about run-time values written in the pipeline file (SLU3102). */
import { errorAt, type Diagnostic } from "@sluice/core/backend";
import { Codes } from "./codes.js";

/** Whether a JSON value has a string containing `{{$`, the start of every KFP launcher key. */
export function holdsLauncherSyntax(value: unknown): boolean {
  if (typeof value === "string") return value.includes("{{$");
  if (Array.isArray(value)) return value.some(holdsLauncherSyntax);
  if (value && typeof value === "object") return Object.values(value).some(holdsLauncherSyntax);
  return false;
}

/**
 * Values that reach a step at run time are substituted by the launcher, which may then replace
 * placeholder text inside them (it replaces keys one after another): said, since no route avoids it.
 */
export function valueWarning(what: string, span: string): Diagnostic {
  return {
    ...errorAt(Codes.launcherPlaceholderInValue, `${what} contains "{{$", which the KFP launcher may replace when the value is passed to a step`, span, "literal arguments are safe; run-time values are not"),
    severity: "warning",
  };
}
