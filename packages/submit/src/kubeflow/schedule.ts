import type { Schedule } from "@sluice/core/backend";

/** KFP's ceiling for `max_concurrency` (the API refuses more than 10). */
const MAX_CONCURRENCY = 10;

/** The schedule part of a v2beta1 RecurringRun. */
export interface RecurringTrigger {
  trigger: { cron_schedule: { cron: string } };
  /** int64 in the API; sent as a JSON number, as the kfp SDK does (protojson reads either). */
  max_concurrency: number;
  no_catchup: boolean;
  /** What KFP cannot keep of the schedule, said to the user at submit. */
  notes: string[];
}

/**
 * A pipeline's schedule as a KFP recurring run. KFP's scheduler parses six-field crons (seconds
 * first, robfig/cron), so a five-field cron gets `0` seconds; `@daily`-style descriptors are
 * kept. KFP has no time zone per schedule and no "replace the running one": those are said, not
 * silently dropped.
 */
export function buildTrigger(schedule: Schedule): RecurringTrigger {
  const fields = schedule.cron.trim().split(/\s+/);
  const cron = schedule.cron.trim().startsWith("@") || fields.length !== 5 ? schedule.cron.trim() : `0 ${fields.join(" ")}`;
  const notes: string[] = [];
  if (schedule.timezone && schedule.timezone !== "UTC" && schedule.timezone !== "Etc/UTC") {
    notes.push(`KFP recurring runs have no time zone: "${schedule.cron}" runs in the time zone of KFP's scheduler (UTC unless its deployment sets TZ), not ${schedule.timezone}`);
  }
  const policy = schedule.concurrencyPolicy ?? "Forbid";
  if (policy === "Replace") notes.push("KFP cannot replace a running run by the next one (concurrencyPolicy Replace): at most one runs at a time, the next waits");
  return {
    trigger: { cron_schedule: { cron } },
    max_concurrency: policy === "Allow" ? MAX_CONCURRENCY : 1,
    no_catchup: !(schedule.catchup ?? false),
    notes,
  };
}
