/**
 * `npm run grade:desk -- <gradebook>`: the grading desk for written answers, served on loopback
 * (127.0.0.1) to the graders' browsers. One page (./page.ts): per question, the answers one after
 * another (j / k), rubric items applied with 1-9, the question and its reference beside, the
 * rubric editable in place, regrade requests answered with an override. Students appear by their
 * anonymous id unless --names. Several graders may use it at once: each write is compare-and-set
 * (./store.ts), a stale one is refused and the page reloads that record.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import {
  numberOption,
  parseCommandLine,
  runCommand,
  UsageError,
  usageText,
} from "../../lib/util/cli-args";
import { handleApi } from "./api";
import { DESK_PAGE } from "./page";
import { readQuestions, writtenDir } from "./store";

const OPTIONS = {
  port: { type: "string", value: "<n>", help: "the port on 127.0.0.1 (8470; 0 picks a free one)" },
  names: { type: "boolean", help: "show students' names beside their ids (anonymous by default)" },
} as const;

export const USAGE = usageText("npm run grade:desk -- <gradebook folder> [options]", OPTIONS);

export interface Desk {
  url: string;
  close(): Promise<void>;
}

/** Serve the desk for `gradebook` (after `grade:batch` wrote its written/ folder). */
export async function startDesk(gradebook: string, port = 8470, names = false): Promise<Desk> {
  const dir = path.resolve(gradebook);
  if (!fs.existsSync(path.join(writtenDir(dir), "questions.json"))) {
    throw new Error(
      `${dir}: no written/questions.json; run grade:batch with --out ${gradebook} first`,
    );
  }
  if (readQuestions(dir).length === 0) throw new Error(`${dir}: no written questions to grade`);
  let origin = "";
  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? "";
    if (`http://${host}` !== origin) {
      // a page reached through another name (DNS rebinding) gets nothing
      res.writeHead(403).end("wrong host");
      return;
    }
    handleApi(dir, names, origin, req, res)
      .then((handled) => {
        if (handled) return;
        if (req.method === "GET" && (req.url === "/" || req.url === "/index.html")) {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(DESK_PAGE);
        } else {
          res.writeHead(404).end("not found");
        }
      })
      .catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(e));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin + "/",
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), OPTIONS);
  if (positionals.length !== 1) throw new UsageError("expected one gradebook folder");
  const port = numberOption(
    "port",
    values.port,
    (x) => Number.isInteger(x) && x >= 0 && x < 65536,
    "a port",
  );
  const desk = await startDesk(positionals[0], port, values.names ?? false);
  console.log(
    `grade:desk: ${desk.url} (Ctrl-C stops it); marks go to ${path.join(positionals[0], "written")}/`,
  );
}

if (require.main === module) runCommand("grade:desk", USAGE, main);
