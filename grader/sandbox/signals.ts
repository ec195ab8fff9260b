/**
 * A Node process that receives SIGUSR1 opens its inspector on 127.0.0.1:9229, and whoever
 * connects there runs code in it. A submission's process may signal the processes of the user
 * it runs as (Node's permission model does not stop signals; bubblewrap's PID namespace and an
 * unprivileged user do), and it knows its parent's pid: without those layers, one signal and a
 * local connection would run the student's code in the grading worker, beside the checks and
 * the reporter. Every process of the grader's that starts, hosts or reports a grading run calls
 * this first: with a listener of its own installed, SIGUSR1 no longer starts the inspector.
 */
let refused = false;

export function refuseDebuggerSignal(): void {
  if (refused || process.platform === "win32") return;
  refused = true;
  process.on("SIGUSR1", () => undefined);
}
