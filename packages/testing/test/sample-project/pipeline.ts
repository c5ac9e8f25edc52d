import { pipeline, param } from "@sluice/core";
import { prepare, train } from "./steps.js";

export default pipeline({
  name: "sample-train",
  params: { source: param.string({ default: "s3://acme/data.csv" }), rates: param.list(param.float(), { default: [0.01, 0.1] }) },
}, ({ params }) => {
  const data = prepare({ source: params.source }).outputs.data;
  for (const lr of params.rates) train({ data, lr });
});
