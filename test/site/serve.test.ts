/**
 * The course server under hostile requests: malformed, over-long and path-traversal paths,
 * sent as raw bytes (an HTTP client would normalise them first). It must answer each one with
 * an error status, keep serving, and never send a byte of a file outside its folder.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { connect } from "net";
import { tmpdir } from "os";
import { join } from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "../../runtime/site/serve";

/** Text found only in files outside the site; no response may contain it. */
const SECRET = "outside-the-site-7f3a9c";

interface Answer {
  status: number;
  body: string;
}

/** Send `GET <target>` as raw bytes and read the whole answer. */
function rawGet(port: number, target: string, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    // A server that crashed or hangs never answers: fail instead of waiting forever.
    socket.setTimeout(10_000, () =>
      socket.destroy(new Error(`no answer to ${target.slice(0, 80)}`)),
    );
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!m) return reject(new Error(`no HTTP answer to ${JSON.stringify(target.slice(0, 80))}`));
      resolve({ status: Number(m[1]), body: text.slice(text.indexOf("\r\n\r\n") + 4) });
    });
    // write, not end: a half-closed socket makes Node drop the request unanswered
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

/** Ways to write "go up one folder" in a path, plain and encoded. */
const UPS = [
  "../",
  "..%2f",
  "..%2F",
  "%2e%2e/",
  "%2e%2e%2f",
  "%2E%2E%2F",
  ".%2e/",
  "%2e./",
  "..\\",
  "..%5c",
  "%2e%2e%5c",
  "..%252f",
  "%252e%252e%252f",
  "....//",
  "..;/",
  "%c0%ae%c0%ae/",
  "..%c0%af",
  "..%00/",
  "%2e%2e%00/",
];
/** Where those climbs aim: the system's password file and a file beside the site. */
const TARGETS = ["etc/passwd", "secret.txt", "outside/secret.txt"];
/** Paths whose percent-encoding or bytes are malformed. */
const MALFORMED = [
  "/%E0%A4%A",
  "/%",
  "/%%",
  "/%zz",
  "/%C0",
  "/%ED%A0%80",
  "/%FF%FE",
  "/a%",
  "/a%2",
  "/%00",
  "/index.html%00.png",
  "/%uD800",
  "/%E0%A4%A/index.html",
  "/sub/%E0%A4%A",
];

describe("the course server under bad requests", () => {
  let base: string;
  let site: string;
  let port: number;
  let close: () => void;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), "optkit-serve-"));
    site = join(base, "site");
    mkdirSync(join(site, "sub"), { recursive: true });
    mkdirSync(join(base, "outside"));
    writeFileSync(join(site, "index.html"), "<h1>course</h1>");
    writeFileSync(join(site, "sub", "a b.html"), "<p>sub page</p>");
    writeFileSync(join(base, "secret.txt"), SECRET);
    writeFileSync(join(base, "outside", "secret.txt"), SECRET);
    // Symbolic links that lead out of the site: to a file, to a folder, and to the root.
    symlinkSync(join(base, "secret.txt"), join(site, "leak.txt"));
    symlinkSync(join(base, "outside"), join(site, "out"));
    symlinkSync("/", join(site, "root"));
    const served = await serve(site, 0);
    port = Number(new URL(served.url).port);
    close = () => served.server.close();
  });

  afterAll(() => {
    close();
    rmSync(base, { recursive: true, force: true });
  });

  it("serves the site's own files, including encoded names", async () => {
    expect(await rawGet(port, "/")).toEqual({ status: 200, body: "<h1>course</h1>" });
    expect(await rawGet(port, "/index.html?x=1#top")).toEqual({
      status: 200,
      body: "<h1>course</h1>",
    });
    expect(await rawGet(port, "/sub/a%20b.html")).toEqual({ status: 200, body: "<p>sub page</p>" });
    expect((await rawGet(port, "/index.html", "HEAD")).status).toBe(200);
    expect((await rawGet(port, "/index.html", "POST")).status).toBe(405);
  });

  it("answers hundreds of malformed, over-long and traversal requests with 4xx, leaking nothing", async () => {
    const requests: string[] = [...MALFORMED];
    for (const up of UPS) {
      for (const depth of [1, 2, 3, 8]) {
        for (const target of TARGETS) {
          requests.push("/" + up.repeat(depth) + target, "/sub/" + up.repeat(depth) + target);
        }
      }
    }
    // Links out of the site, as files and as folders.
    requests.push("/leak.txt", "/out/secret.txt", "/root/etc/passwd", "/out/", "/root/");
    // Not a path at all, or a path the server should not read.
    requests.push("*", "http://127.0.0.1/../secret.txt", "//etc/passwd", "/sub", "/missing.html");
    // Over long: past the server's limit, and past Node's own header limit.
    requests.push("/" + "a".repeat(3000), "/" + "../".repeat(1000) + "etc/passwd");
    requests.push("/" + "%2e%2e%2f".repeat(4000) + "etc/passwd");
    expect(requests.length).toBeGreaterThan(300);

    const statuses = new Map<number, number>();
    for (const target of requests) {
      const { status, body } = await rawGet(port, target);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      expect([400, 404, 414, 431], target.slice(0, 80)).toContain(status);
      expect(body, target.slice(0, 80)).not.toContain(SECRET);
      expect(body, target.slice(0, 80)).not.toMatch(/root:.*:0:0:/);
    }
    // Each kind of refusal occurred, and the server still serves its pages afterwards.
    expect([...statuses.keys()].sort()).toEqual([400, 404, 414, 431]);
    expect(await rawGet(port, "/")).toEqual({ status: 200, body: "<h1>course</h1>" });
  });

  it("keeps serving while bad requests arrive at once", async () => {
    const bad = Array.from({ length: 100 }, (_, i) =>
      rawGet(port, i % 2 ? "/%E0%A4%A" : "/../../etc/passwd"),
    );
    const good = Array.from({ length: 20 }, () => rawGet(port, "/"));
    const answers = await Promise.all([...bad, ...good]);
    expect(answers.slice(0, 100).every((a) => a.status === 400 || a.status === 404)).toBe(true);
    expect(answers.slice(100).every((a) => a.status === 200 && a.body === "<h1>course</h1>")).toBe(
      true,
    );
  });
});
