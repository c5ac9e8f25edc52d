// gRPC-gateway error bodies explained for people, by HTTP status; the token never comes back out.
import { explainKfpError } from "./api-errors.js";

const ctx = { what: "upload pipeline churn", server: "http://kfp.lab/pipeline", token: "tok-123456" };
const rpc = (code: number, message: string) => JSON.stringify({ code, message, details: [] });

describe("explainKfpError", () => {
  it.each([
    [401, rpc(16, "Unauthenticated: no user identity header"), "SLU9512", /did not accept the credentials/],
    [403, rpc(7, "User 'bob@lab' is not authorized with reason: no access to namespace ml"), "SLU9513", /refused upload pipeline churn \(403\): KFP said: User 'bob@lab' is not authorized/],
    [404, rpc(5, "ResourceNotFoundError: run abc not found"), "SLU9516", /has no such object/],
    [409, rpc(6, "AlreadyExistsError: pipeline churn"), "SLU9517", /already exists \(409\)/],
    [400, rpc(3, "InvalidInputError: unrecognized input parameter: epoch"), "SLU9518", /as invalid \(400\): KFP said: InvalidInputError/],
    [422, rpc(3, "bad"), "SLU9518", /as invalid \(422\)/],
    [503, rpc(14, "upstream connect error"), "SLU9599", /answered 503/],
  ])("%i with a google.rpc.Status body", (status, body, code, message) => {
    const e = explainKfpError(status, body, ctx);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it("a 404 that is not a KFP error body means the URL does not lead to the KFP API (SLU9514)", () => {
    const e = explainKfpError(404, "404 page not found", ctx);
    expect([e.code, e.hint]).toEqual(["SLU9514", expect.stringMatching(/\/pipeline/)]);
  });

  it("a proxy's HTML page is cut down to its text", () => {
    const e = explainKfpError(502, "<html><body><h1>Bad Gateway</h1></body></html>", ctx);
    expect(e.message).toBe("Kubeflow Pipelines at http://kfp.lab/pipeline answered 502 to upload pipeline churn: KFP said: Bad Gateway");
  });

  it("never repeats the token, even if the server echoed it", () => {
    const e = explainKfpError(401, rpc(16, "token tok-123456 is expired"), ctx);
    expect(`${e.message} ${e.hint}`).not.toContain("tok-123456");
    expect(e.message).toContain("token <token> is expired");
  });
});
