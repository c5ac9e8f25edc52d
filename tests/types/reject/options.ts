// Misspelt or mistyped options: in a step definition, a param, a call, a pipeline. The compiler
// stops at the first bad definition of a step, so it reports fewer of these than tsc does.
import { param, pipeline, step } from "@sluice/core";

const hello = step({
  name: "hello",
  image: "busybox",
  inputs: { who: param.string({ defualt: "world" }) }, // error TS2561 SLU1103
  timeout: "30 minutes", // error TS2322
  resources: { cpu: "1", gpus: 1 }, // error TS2561
});

// tsc reports one unknown property per object literal, so this one has its own step.
export const retried = step({ name: "retried", image: "busybox", retries: 3 }); // error TS2353

const notify = step({ name: "notify", image: "busybox", kind: "notifier" }); // error TS2322 SLU1103

export default pipeline(
  {
    name: "options",
    schedule: { cron: "0 3 * * *", timezone: "UTC", concurrency: "Forbid" }, // error TS2353 SLU1103
    defaults: { serviceAcount: "runner" }, // error TS2561 SLU1103
  },
  () => {
    hello({ who: "you" }, { retri: { limit: 1 } }); // error TS2561
    hello({ who: "you" }, { retry: { limit: 1, backof: "30s" } }); // error TS2561
    hello({ who: "you" }, { after: ["hello"] }); // error TS2322
    notify({});
  },
);
