// Relative imports with `.js`, without an extension, with `.ts`, and of a folder's index: the
// front end and `--typecheck` (Bundler resolution) accept all four, and agree (resolution.test.ts).
import { pipeline, step } from "@sluice/core";
import { echo } from "./lib/steps.js";
import { echo as again } from "./lib/steps";
import { IMAGE } from "./lib/image.ts";
import { GREETING } from "./lib/helpers";

const shout = step({ name: "shout", image: IMAGE, command: ["echo", GREETING] });

export default pipeline({ name: "relative-imports" }, () => {
  echo({ message: GREETING });
  again({ message: "again" }, { name: "echo-again" });
  shout({});
});
