/**
 * `npm run grade:similarity-install`: install the similarity engine of `grade:batch --similarity`
 * (Dolos's core, web-tree-sitter and the TypeScript grammar, about 50 MB) into
 * instructor/similarity/engine/ from its own lockfile, apart from the course's
 * dependencies (which every student installs). Install scripts are skipped: only the
 * grammar's WebAssembly build is used, so nothing is compiled.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { ENGINE_DIR, engineMissing } from "./dolos";
import { runCommand } from "../../lib/util/cli-args";

function main(): void {
  const started = Date.now();
  const args = ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", ENGINE_DIR];
  console.log(`similarity:install: npm ${args.join(" ")}`);
  execFileSync("npm", args, { stdio: "inherit", shell: process.platform === "win32" });
  const missing = engineMissing();
  if (missing) throw new Error(missing);
  const where = path.relative(process.cwd(), ENGINE_DIR);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`similarity:install: Dolos installed in ${where}/node_modules in ${secs} s`);
}

if (require.main === module)
  runCommand("grade:similarity-install", "usage: npm run grade:similarity-install", main);
