// Which REST API the Airflow client speaks, asked of the server once: v2 (Airflow 3, bearer
// token) or v1 (Airflow 2.10, basic auth). A stand-in server records what it is asked; the real
// ones are conformance/submit-airflow (Airflow 3, then 2.10).
import { createServer, type IncomingMessage, type Server } from "node:http";
import { AirflowHttp } from "./http.js";

let server: Server;
let url: string;
let seen: { path: string; auth?: string }[];
let airflow2: boolean;

beforeEach(async () => {
  seen = [];
  server = createServer((req: IncomingMessage, res) => {
    seen.push({ path: req.url ?? "", ...(req.headers.authorization ? { auth: req.headers.authorization } : {}) });
    const v2 = req.url?.startsWith("/api/v2/") || req.url === "/auth/token";
    if (v2 === airflow2) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(req.url === "/auth/token" ? 201 : 200, { "Content-Type": "application/json" }).end(JSON.stringify(req.url === "/auth/token" ? { access_token: "jwt" } : { version: airflow2 ? "2.10.5" : "3.1.0" }));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterEach(() => new Promise<void>((done) => server.close(() => done())));

describe("AirflowHttp", () => {
  it("Airflow 3: REST API v2 with a token from /auth/token", async () => {
    airflow2 = false;
    const http = new AirflowHttp({ url, username: "admin", password: "pw" });
    await http.request("GET", "/version");
    expect([await http.api(), seen.map((s) => `${s.path} ${s.auth ?? "-"}`)]).toEqual(["v2", ["/api/v2/version -", "/auth/token -", "/api/v2/version Bearer jwt"]]);
  });

  it("Airflow 2.10 (no /api/v2): REST API v1 with basic auth, asked once", async () => {
    airflow2 = true;
    const http = new AirflowHttp({ url, username: "admin", password: "pw" });
    await http.request("GET", "/version");
    await http.request("GET", "/version");
    const basic = `Basic ${Buffer.from("admin:pw").toString("base64")}`;
    expect([await http.api(), seen.map((s) => `${s.path} ${s.auth ?? "-"}`)]).toEqual(["v1", ["/api/v2/version -", `/api/v1/version ${basic}`, `/api/v1/version ${basic}`]]);
  });
});
