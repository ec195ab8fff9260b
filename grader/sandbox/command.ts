/**
 * The sandbox a submission runs in, in layers (the README's threat model lists what each one
 * stops):
 * - always: a process of its own (./link.ts), an empty environment, Node's permission model
 *   (read only the compiled submission and the packages the library needs at run time, the
 *   closure of package.json's "dependencies" in the lockfile; no writes, no child
 *   processes, no worker threads, no native addons, no WASI), a heap limit (V8), a data-segment
 *   limit (RLIMIT_DATA, which also caps array buffers) and a CPU-time limit (RLIMIT_CPU);
 * - when the grader runs as root without bubblewrap (Gradescope's container, say): an
 *   unprivileged user (65534, "nobody"), so that the submission can neither signal the grader's
 *   processes (./signals.ts) nor write its files (`OPTKIT_GRADE_UNPRIVILEGED=0` turns this off);
 * - on Linux with bubblewrap (`bwrap`): no network, new PID/IPC/UTS namespaces, a new session,
 *   a private /tmp, and a file system holding only the system's libraries, Node, the compiled
 *   submission and those packages, all read-only (`OPTKIT_GRADE_BWRAP=0` turns this layer off).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface SandboxLimits {
  /** V8's old-space limit [1024 MB] */
  heapMb: number;
  /** RLIMIT_DATA: all writable private memory, array buffers included [2048 MB] */
  dataMb: number;
  /** RLIMIT_CPU of the process [120 s] */
  cpuSeconds: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { heapMb: 1024, dataMb: 2048, cpuSeconds: 120 };

export interface SandboxCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** the layers in force, e.g. ["process", "permissions", "limits", "bubblewrap"] */
  layers: string[];
  /** the user and group to run as (the unprivileged layer), else the grader's own */
  uid?: number;
  gid?: number;
}

/** Where the compiled submission appears inside bubblewrap's file system. */
const INSIDE = "/submission";

/** Node 22.13+ and 23.5+ have `--permission`; Node 20 and older 22 the experimental flag. */
export function permissionFlag(version = process.versions.node): string {
  const [major, minor] = version.split(".").map(Number);
  const stable = major >= 24 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13);
  return stable ? "--permission" : "--experimental-permission";
}

const SYSTEM_DIRS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

/** bubblewrap's arguments for a read-only view of the system, Node and `binds`. */
function bwrapArgs(binds: [string, string][], chdir = "/"): string[] {
  // /tmp first: a bind below it (Node unpacked under /tmp, say) must stay visible
  const args = ["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"];
  args.push("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp");
  for (const dir of SYSTEM_DIRS) {
    const st = fs.lstatSync(dir, { throwIfNoEntry: false });
    if (st?.isSymbolicLink()) args.push("--symlink", fs.readlinkSync(dir), dir);
    else if (st?.isDirectory()) args.push("--ro-bind", dir, dir);
  }
  if (fs.existsSync("/etc/ld.so.cache"))
    args.push("--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache");
  const nodeDir = path.dirname(path.dirname(fs.realpathSync(process.execPath)));
  if (!SYSTEM_DIRS.some((d) => nodeDir === d || nodeDir.startsWith(`${d}/`))) {
    args.push("--ro-bind", nodeDir, nodeDir);
  }
  for (const [from, to] of binds) args.push("--ro-bind", from, to);
  args.push("--chdir", chdir);
  return args;
}

let bwrapWorks: boolean | undefined;

/**
 * Is bubblewrap installed and allowed to make namespaces here (not in every container)?
 * OPTKIT_GRADE_BWRAP=0 turns it off; =1 says a probe already succeeded (the grading run tells
 * its suites, so each need not probe again).
 */
export function bubblewrapAvailable(): boolean {
  if (process.env.OPTKIT_GRADE_BWRAP === "0" || process.platform !== "linux") return false;
  if (process.env.OPTKIT_GRADE_BWRAP === "1") return true;
  if (bwrapWorks === undefined) {
    const probe = spawnSync("bwrap", [...bwrapArgs([]), "--", process.execPath, "-e", "0"], {
      stdio: "ignore",
      timeout: 10_000,
    });
    bwrapWorks = probe.status === 0;
  }
  return bwrapWorks;
}

/** The unprivileged user and group ("nobody" on Debian and Ubuntu). */
export const UNPRIVILEGED = 65534;

let unprivilegedWorks: boolean | undefined;

/**
 * Does the submission run as the unprivileged user? When the grader is root and bubblewrap is
 * missing, and a probe shows that Node runs as that user and reads a folder made like the
 * compiled submission's and the course's packages at `root`. OPTKIT_GRADE_UNPRIVILEGED=0 turns
 * it off; =1 says a probe already succeeded (as for OPTKIT_GRADE_BWRAP).
 */
export function runsUnprivileged(root = process.cwd()): boolean {
  if (process.getuid?.() !== 0 || bubblewrapAvailable()) return false;
  if (process.env.OPTKIT_GRADE_UNPRIVILEGED === "0") return false;
  if (process.env.OPTKIT_GRADE_UNPRIVILEGED === "1") return true;
  if (unprivilegedWorks === undefined) {
    const probe = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-probe-"));
    try {
      fs.writeFileSync(path.join(probe, "probe.js"), "module.exports = 1;\n");
      openToAll(probe);
      const packages = fs.realpathSync(path.join(root, "node_modules"));
      const files = [
        path.join(probe, "probe.js"),
        ...runtimePackages(root).map((n) => path.join(packages, n)),
      ];
      const code = `const fs = require("fs"); for (const f of ${JSON.stringify(files)}) fs.statSync(f).isDirectory() ? fs.readdirSync(f) : fs.readFileSync(f);`;
      const r = spawnSync(process.execPath, ["-e", code], {
        uid: UNPRIVILEGED,
        gid: UNPRIVILEGED,
        stdio: "ignore",
        timeout: 10_000,
      });
      unprivilegedWorks = r.status === 0;
    } catch {
      unprivilegedWorks = false;
    } finally {
      fs.rmSync(probe, { recursive: true, force: true });
    }
  }
  return unprivilegedWorks;
}

/** Make the folder `dir` readable (not writable) by every user: the unprivileged one reads it. */
function openToAll(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) openToAll(p);
    else if (d.isFile()) fs.chmodSync(p, 0o644);
  }
}

/** The layers `sandboxCommand` puts in force on this machine (packages of the course at `root`). */
export function sandboxLayers(root = process.cwd()): string[] {
  const layers = ["process", "permissions", "limits"];
  if (bubblewrapAvailable()) layers.push("bubblewrap");
  else if (runsUnprivileged(root)) layers.push("unprivileged user");
  return layers;
}

/**
 * The packages the library may load at run time: package.json's "dependencies" and, through
 * the lockfile, theirs (folder names under node_modules; nested copies live inside these).
 */
export function runtimePackages(root: string): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
    packages: Record<string, { dependencies?: object; optionalDependencies?: object }>;
  };
  const entry = (name: string) => lock.packages[`node_modules/${name}`];
  const deps = (e: { dependencies?: object; optionalDependencies?: object } | undefined) =>
    Object.keys({ ...e?.dependencies, ...e?.optionalDependencies });
  const seen = new Set<string>();
  const queue = deps(lock.packages[""]);
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (seen.has(name) || !entry(name)) continue;
    seen.add(name);
    queue.push(...deps(entry(name)));
  }
  return [...seen].filter((n) => fs.existsSync(path.join(root, "node_modules", n))).sort();
}

/**
 * The command that runs `module` (e.g. "exercises/03-newton.js") of the compiled submission in
 * `dir` (./compile.ts) with the run-time packages of the course at `root` readable.
 */
export function sandboxCommand(
  dir: string,
  root: string,
  module: string,
  limits: SandboxLimits = DEFAULT_LIMITS,
): SandboxCommand {
  const bwrap = bubblewrapAvailable();
  const base = bwrap ? INSIDE : dir;
  const nodeModules = fs.realpathSync(path.join(root, "node_modules"));
  const packages = bwrap ? `${INSIDE}/node_modules` : nodeModules;
  const names = runtimePackages(root);
  // bubblewrap mounts each package over an empty folder of the compiled submission
  for (const n of names) fs.mkdirSync(path.join(dir, "node_modules", n), { recursive: true });
  const node = [
    permissionFlag(),
    `--allow-fs-read=${base}`,
    ...names.map((n) => `--allow-fs-read=${path.join(packages, n)}`),
    `--max-old-space-size=${limits.heapMb}`,
    path.join(base, "host", "host.js"),
    module,
  ];
  const limit = `ulimit -t ${limits.cpuSeconds} && ulimit -d ${limits.dataMb * 1024} && exec "$@"`;
  const inner = bwrap
    ? [
        "bwrap",
        ...bwrapArgs(
          [
            [dir, INSIDE],
            [nodeModules, packages],
          ],
          INSIDE,
        ),
        "--",
        process.execPath,
        ...node,
      ]
    : [process.execPath, ...node];
  const unprivileged = !bwrap && runsUnprivileged(root);
  if (unprivileged) openToAll(dir);
  return {
    command: "/bin/sh",
    args: ["-c", limit, "sh", ...inner],
    // NODE_PATH: how the compiled library finds its packages (nothing else is passed on)
    env: { NODE_PATH: packages },
    cwd: dir,
    layers: sandboxLayers(root),
    ...(unprivileged ? { uid: UNPRIVILEGED, gid: UNPRIVILEGED } : {}),
  };
}
