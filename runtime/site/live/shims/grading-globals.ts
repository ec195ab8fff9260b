/**
 * `process` for the grading suites in the browser (esbuild's `inject`): the harness replays the
 * reference outputs recorded when the site was built, from the files the worker fetched.
 */
export const process = {
  env: {
    OPTKIT_GRADE_REFERENCE: "fixtures",
    OPTKIT_GRADE_FIXTURES: "/grader/reference",
  } as Record<string, string | undefined>,
  cwd: (): string => "/",
};

/** `Buffer` as the grader's codec uses it: bytes from and to base64. */
class BrowserBuffer extends Uint8Array {
  static override from(...args: unknown[]): BrowserBuffer {
    const [src, a, b] = args;
    if (typeof src === "string") {
      if (a !== "base64") throw new Error(`Buffer.from: only base64 here, got ${String(a)}`);
      return new BrowserBuffer(Uint8Array.from(atob(src), (c) => c.charCodeAt(0)));
    }
    return new BrowserBuffer(new Uint8Array(src as ArrayBuffer, a as number, b as number));
  }
  override toString(encoding?: string): string {
    if (encoding !== "base64") throw new Error("Buffer#toString: only base64 here");
    let s = "";
    for (let i = 0; i < this.length; i++) s += String.fromCharCode(this[i]);
    return btoa(s);
  }
}
export { BrowserBuffer as Buffer };
