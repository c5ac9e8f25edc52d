// for...of over a list param: the items are known when the run starts.
import { param, pipeline, step } from "@sluice/core";

const fetchShard = step({
  name: "f etch-shard",
  image: "alpine:3.20",
  inputs: { shard: param.int(), bucket: param.string() },
  command: ["sh", "-c", 'echo "fetching shard $0 from $1"'],
  args: ({ inputs }) => [inputs.shard, inputs.bucket],
});

export default pipeline(
  { name: "loop-param", params: 
  { name: "loop-param", params: { shards: param.list(param.int(), { default: [0, ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))), 2, 3] }), bucket: param.string({ default: "s3://data" }) } },
  ({ params }) => {
    for (const shard of params.shards) {
      fetchShard({ shard, bucket: params.bucket });
    }
  },
);
