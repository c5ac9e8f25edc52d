import { cronProblem, durationSeconds, isQuantity } from "./values-check.js";

describe("value checks", () => {
  it("accepts the cron forms every target reads and names what is wrong otherwise", () => {
    for (const ok of ["0 3 * * *", "*/15 0-6,22 1 JAN-MAR mon-fri", "30 6 * * 1-5", "@daily", "0 0 * * 7"]) expect(cronProblem(ok)).toBeUndefined();
    expect(cronProblem("75 3 * * *")).toContain("minute");
    expect(cronProblem("0 3 * *")).toContain("5 fields");
    expect(cronProblem("@every 1h")).toContain("macro");
    expect(cronProblem("0 3 * * 1/x")).toContain("step");
  });

  it("reads durations as whole seconds", () => {
    expect([durationSeconds("30s"), durationSeconds("30m"), durationSeconds("2h"), durationSeconds("1d"), durationSeconds(45), durationSeconds("1.5m")]).toEqual([30, 1800, 7200, 86400, 45, 90]);
    expect([durationSeconds("30 minutes"), durationSeconds(0), durationSeconds(-5), durationSeconds("1.5s"), durationSeconds(true)]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it("accepts Kubernetes quantities only", () => {
    for (const ok of ["1", "500m", "1.5", "2Gi", "512Mi", "1e3", "8G"]) expect(isQuantity(ok)).toBe(true);
    for (const bad of ["16GB", "-1", "1 Gi", "", "Gi", "2gi"]) expect(isQuantity(bad)).toBe(false);
  });
});
