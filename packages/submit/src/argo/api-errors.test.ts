// The mapping from a Kubernetes Status to a coded error. The server's real answers are checked
// in conformance/submit-argo; here, the shapes the client library hands over.
import { explainApiError } from "./api-errors.js";

const ctx = { verb: "create", kind: "Workflow", namespace: "ml", name: "train-*", user: "alice", server: "https://k8s:6443" };
const fail = (code: number, status: object) => ({ code, body: JSON.stringify(status) });

describe("explainApiError", () => {
  it.each([
    [fail(401, { reason: "Unauthorized" }), "SLU9512"],
    [fail(403, { reason: "Forbidden", message: 'workflows.argoproj.io is forbidden: User "alice" cannot create resource "workflows"' }), "SLU9513"],
    [fail(404, { reason: "NotFound", message: "the server could not find the requested resource" }), "SLU9514"],
    [fail(403, { reason: "Forbidden", message: 'cronworkflows.argoproj.io "schedule" is forbidden: create not allowed while custom resource definition is terminating' }), "SLU9514"],
    [fail(404, { reason: "NotFound", details: { name: "ml", kind: "namespaces" } }), "SLU9515"],
    [fail(404, { reason: "NotFound", details: { name: "train-x", group: "argoproj.io", kind: "workflows" } }), "SLU9516"],
    [fail(409, { reason: "Conflict", message: 'Apply failed with 1 conflict: conflict with "kubectl"' }), "SLU9517"],
    [fail(422, { reason: "Invalid", details: { causes: [{ field: "spec.templates[1].parallelism", message: "must be of type integer" }] } }), "SLU9518"],
    [fail(400, { reason: "BadRequest", message: 'strict decoding error: unknown field "spec.x"' }), "SLU9519"],
    [fail(503, { message: "etcd is down" }), "SLU9599"],
    [Object.assign(new Error("fetch failed"), { cause: { code: "ECONNREFUSED" } }), "SLU9511"],
  ])("%# maps to its code", (error, code) => {
    expect(explainApiError(error, ctx).code).toBe(code);
  });

  it("403 quotes the server (who and what) and names the Role to ask for", () => {
    const e = explainApiError(fail(403, { message: 'User "alice" cannot create resource "workflows" in API group "argoproj.io" in the namespace "ml"' }), ctx);
    expect(e.message).toContain('User "alice" cannot create resource "workflows"');
    expect(e.hint).toContain('Role in "ml"');
  });

  it("422 lists each field error in the hint", () => {
    const e = explainApiError(fail(422, { details: { causes: [{ field: "a", message: "x" }, { field: "b", message: "y" }] } }), ctx);
    expect(e.hint).toBe("a: x; b: y");
  });
});
