/**
 * Stand-ins for a graded module that is called directly (the trusted in-process mode of
 * target.ts, and the live course's browser worker): one function per export of the reference,
 * each saying in a sentence why it cannot run (the module did not load, or lacks the export),
 * and the module's own errors turned into `SubmittedError`s (name and message), as they arrive
 * from the sandbox; and, as across the sandbox, the module works on copies of its arguments. No Node module here: the browser bundles it.
 */
import { copyArgument, noteArgumentChange } from "../sandbox/changes";
import { SubmittedError } from "../sandbox/link";
import { GradeFailure } from "./failure";

/** `mod`'s functions behind `reference`'s names; `where` names the file in the sentences. */
export function directStandIns<M extends object>(
  mod: Record<string, unknown>,
  reference: M,
  where: string,
  loadError = "",
): M {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(reference)) {
    const fn = mod[key];
    out[key] = (...args: unknown[]) => {
      if (loadError) throw new GradeFailure(`${where} ${loadError}.`);
      if (typeof fn !== "function") {
        throw new GradeFailure(`${where} does not export a function named ${key}.`);
      }
      // the submission gets copies: the grader's objects stay as they were (see changes.ts)
      const copies = args.map(copyArgument);
      try {
        const value = (fn as (...a: unknown[]) => unknown)(...copies);
        args.forEach((a, i) => noteArgumentChange(a, copies[i]));
        return value;
      } catch (e) {
        if (e instanceof GradeFailure) throw e;
        const err = e instanceof Error ? e : new Error(String(e));
        throw new SubmittedError(err.name, err.message);
      }
    };
  }
  return out as M;
}
