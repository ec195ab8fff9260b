/**
 * A tiny static file server for the rendered course, on the loopback interface only.
 *
 * It answers GET and HEAD with files under its folder and nothing else: a request whose path
 * cannot be decoded, holds a NUL or is not a plain path gets 400, an over-long one 414, and
 * anything missing, a folder, or outside the folder (`..`, encoded or not, or a symbolic link
 * that leads out) gets 404. A bad request never stops the server.
 */
import { createReadStream, realpathSync, statSync } from "fs";
import { createServer, IncomingMessage, Server, ServerResponse } from "http";
import { extname, join, sep } from "path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".png": "image/png",
  ".json": "application/json",
  ".ts": "text/plain; charset=utf-8",
};

/** Longest request path (before decoding) the server looks at. */
export const MAX_PATH_LENGTH = 2048;

function reply(res: ServerResponse, status: number, text: string, headers = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers }).end(text);
}

/**
 * The file a request path names inside `root` (a real path, no links), or the status to answer.
 * `rawPath` is the request target as sent, e.g. `/01-derivatives.html?x=1`.
 */
export function resolveRequest(
  root: string,
  rawPath: string,
): { file: string; size: number } | { status: number } {
  if (rawPath.length > MAX_PATH_LENGTH) return { status: 414 };
  if (!rawPath.startsWith("/") || rawPath.startsWith("//")) return { status: 400 };
  let path: string;
  try {
    path = decodeURIComponent(rawPath.split(/[?#]/, 1)[0]);
  } catch {
    return { status: 400 }; // malformed percent-encoding, e.g. /%E0%A4%A
  }
  if (path.includes("\0")) return { status: 400 };
  // Browsers remove dot segments before sending; one that arrives is not a page of the site.
  if (path.split(/[/\\]/).some((s) => s === "..")) return { status: 404 };
  try {
    const file = realpathSync(join(root, path.endsWith("/") ? path + "index.html" : path));
    const stat = statSync(file);
    if (!file.startsWith(root + sep) || !stat.isFile()) return { status: 404 };
    return { file, size: stat.size };
  } catch {
    return { status: 404 }; // missing, or a name the file system refuses
  }
}

function answer(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== "GET" && req.method !== "HEAD") {
    reply(res, 405, "method not allowed", { allow: "GET, HEAD" });
    return;
  }
  const found = resolveRequest(root, req.url ?? "/");
  if ("status" in found) {
    reply(res, found.status, found.status === 404 ? "not found" : "bad request");
    return;
  }
  const headers = {
    "content-type": TYPES[extname(found.file)] ?? "application/octet-stream",
    "content-length": found.size,
  };
  if (req.method === "HEAD") {
    res.writeHead(200, headers).end();
    return;
  }
  const stream = createReadStream(found.file);
  stream.once("error", () => {
    if (res.headersSent) res.destroy();
    else reply(res, 404, "not found");
  });
  stream.once("open", () => {
    res.writeHead(200, headers);
    stream.pipe(res);
  });
}

/** Serve `dir` on 127.0.0.1:`port` (0 picks a free port); resolves to the server and its URL. */
export function serve(dir: string, port: number): Promise<{ server: Server; url: string }> {
  const root = realpathSync(dir);
  const server = createServer((req, res) => {
    try {
      answer(root, req, res);
    } catch {
      if (res.headersSent) res.destroy();
      else reply(res, 500, "internal error");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      resolve({ server, url: `http://127.0.0.1:${actual}/` });
    });
  });
}
