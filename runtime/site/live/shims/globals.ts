/**
 * Node globals that lib uses, for the browser bundle (esbuild's `inject`): `Buffer.from(base64)`
 * for the embedded WebAssembly kernels and `process` for `process.cpuUsage` (a worker measures
 * wall time instead: it has no clock of CPU time) and the plotly.js version.
 */
declare const OPTKIT_PLOTLY_VERSION: string;

export const Buffer = {
  from(text: string, encoding: "base64"): Uint8Array {
    if (encoding !== "base64") throw new Error(`Buffer.from: only base64 here, got ${encoding}`);
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  },
};

export const process = {
  env: { OPTKIT_PLOTLY_VERSION } as Record<string, string | undefined>,
  versions: {} as Record<string, string | undefined>,
  cwd: (): string => "/",
  cpuUsage(previous?: { user: number; system: number }): { user: number; system: number } {
    const user = Math.round(performance.now() * 1000) - (previous?.user ?? 0);
    return { user, system: 0 };
  },
};
