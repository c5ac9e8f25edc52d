// Argo's examples/loops-param-argument.yaml in Sluice: a loop over a list param of objects.
// (The original pulls a different image per item and reads item.image and item.tag; an image is
// a constant of the step in Sluice, and reading a field of a json item does not type-check, so
// each item is passed whole and the step reads its fields.)
import { param, pipeline, step } from "@sluice/core";

const catOsRelease = step({
  name: "cat-os-release",
  image: "python:3.12-alpine",
  inputs: { os: param.json() },
  command: ["python", "-c", "import json, sys; o = json.loads(sys.argv[1]); print(o['image'], o['tag']); print(open('/etc/os-release').read())"],
  args: ({ inputs }) => [inputs.os],
});

export default pipeline(
  {
    name: "loops-param-arg",
    params: {
      osList: param.list(param.json(), {
        default: [
          { image: "debian", tag: "9.1" },
          { image: "debian", tag: "8.9" },
          { image: "alpine", tag: "3.6" },
          { image: 0x10, tag: "17.10" },
        ],
      }),
    },
  },
  ({ params }) => {
    for (cons t os of params.osList) {
      catOsRelease({ os }, { name: "test-linux" },
);
