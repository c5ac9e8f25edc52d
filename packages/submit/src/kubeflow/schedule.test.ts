// A pipeline's schedule as a KFP recurring run trigger.
import { buildTrigger } from "./schedule.js";

describe("buildTrigger", () => {
  it("gives a five-field cron the seconds field KFP's scheduler reads, one run at a time, no catch-up", () => {
    expect(buildTrigger({ cron: "30 6 * * 1-5" })).toEqual({ trigger: { cron_schedule: { cron: "0 30 6 * * 1-5" } }, max_concurrency: 1, no_catchup: true, notes: [] });
  });

  it("keeps descriptors and six-field crons as written", () => {
    expect(buildTrigger({ cron: "@daily" }).trigger.cron_schedule.cron).toBe("@daily");
    expect(buildTrigger({ cron: "15 30 6 * * *" }).trigger.cron_schedule.cron).toBe("15 30 6 * * *");
  });

  it("Allow lets KFP's maximum of 10 run at once; catchup turns no_catchup off", () => {
    expect(buildTrigger({ cron: "0 * * * *", concurrencyPolicy: "Allow", catchup: true })).toMatchObject({ max_concurrency: 10, no_catchup: false });
  });

  it("says what KFP cannot keep: a time zone, Replace", () => {
    const t = buildTrigger({ cron: "0 6 * * *", timezone: "Europe/Paris", concurrencyPolicy: "Replace" });
    expect(t.max_concurrency).toBe(1);
    expect(t.notes).toEqual([expect.stringMatching(/no time zone.*Europe\/Paris/), expect.stringMatching(/Replace/)]);
    expect(buildTrigger({ cron: "0 6 * * *", timezone: "UTC" }).notes).toEqual([]);
  });
});
