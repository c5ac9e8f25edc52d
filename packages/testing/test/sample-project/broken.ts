import { pipeline } from "@sluice/core";
import { prepare } from "./steps.js";

export default pipeline({ name: "broken" }, () => {
  prepare({ source: "s3://x", sauce: "typo" });
});
