// Imported by ../relative-imports.ts in every spelling the front end and --typecheck accept.
import { param, step } from "@sluice/core";

export const echo = step({ name: "echo", image: "alpine:3.20", inputs: { message: param.string() }, command: ["echo"], args: ({ inputs }) => [inputs.message] });
