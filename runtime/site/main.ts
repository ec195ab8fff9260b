/**
 * `npm run build:site`: build the live course into build/site/ (see build.ts) and stop. Publish the
 * folder as it is on any static web server (GitHub Pages included): the README says how.
 */
import { join } from "path";
import { ROOT } from "../kernel/spec";
import { buildSite } from "./build";

async function main(): Promise<number> {
  const out = join(ROOT, "build", "site");
  const t0 = Date.now();
  const failed = await buildSite(ROOT, out);
  console.log(`\nbuilt ${out} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (failed.length > 0) console.log(`error output in ${failed.join(", ")} (shown above)`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
