import * as fs from "fs";
import * as path from "path";
import { OptkitError } from "../util/check";

/**
 * The course's root folder: walk up from `start` (default `process.cwd()`) to the first folder
 * whose package.json is named "optkit". Works the same under vitest, ts-node and the notebook
 * kernel, which all start somewhere inside the course.
 */
export function findCourseRoot(start: string = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      try {
        const parsed = JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: unknown };
        if (parsed.name === "optkit") return dir;
      } catch {
        // not JSON we can read: keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new OptkitError(
        "start",
        `expected a folder inside the optkit course (a package.json named "optkit" above it), got ${start}`,
      );
    }
    dir = parent;
  }
}
