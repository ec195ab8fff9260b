import { courseRootFrom } from "./files";

/**
 * The course's root folder: walk up from `start` (default `process.cwd()`) to the first folder
 * whose package.json is named "optkit". Works the same under vitest, ts-node and the notebook
 * kernel, which all start somewhere inside the course.
 */
export function findCourseRoot(start?: string): string {
  return courseRootFrom(start);
}
