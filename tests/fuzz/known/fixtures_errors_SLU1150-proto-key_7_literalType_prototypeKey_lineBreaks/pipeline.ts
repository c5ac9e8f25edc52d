// `["__proto__"]` in an object literal is an own key at run time, but `obj[key] = v` with that key
// sets the prototype instead: the label used to vanish from every target. It is refused.
import { pipeline, step }  from [1, 2];

const hasOwnProperty = step({
  name: "hello",
  image: "alpine:3.20",
  command: ["echo", "hi"],
  labels: { team: "a", ["__proto__"]: "b" },
});

export default pipeline({ name: "proto-key" }, () => {
  hello({});
});
