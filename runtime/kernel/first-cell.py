"""Time the course kernel from its start to its first executed cell (used by bench:startup).

Usage: python3 first-cell.py KERNEL_NAME CELL_FILE
Prints one JSON line: seconds from starting the kernel to its first reply ("ready"), to the end
of the cell ("first_cell"), the kernel process's CPU seconds by then, and the cell's status.
Runs with the Python that runs `jupyter` (it needs jupyter_client).
"""
import json
import os
import sys
import time

from jupyter_client.manager import KernelManager


def cpu_seconds(pid):
    """utime + stime of a live process and its waited-for children, from /proc (Linux)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return None


def main():
    name, cell_file = sys.argv[1], sys.argv[2]
    with open(cell_file) as f:
        code = f.read()
    t0 = time.monotonic()
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        ready = time.monotonic() - t0
        msg_id = kc.execute(code)
        errors = []
        while True:
            msg = kc.get_iopub_msg(timeout=300)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream" and msg["content"].get("name") == "stderr":
                errors.append(msg["content"]["text"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        first_cell = time.monotonic() - t0
        while True:
            reply = kc.get_shell_msg(timeout=60)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        pid = getattr(km.provisioner, "pid", None) if hasattr(km, "provisioner") else None
        result = {
            "ready": round(ready, 3),
            "first_cell": round(first_cell, 3),
            "kernel_cpu": cpu_seconds(pid) if pid else None,
            "status": reply["content"]["status"],
            "stderr": "".join(errors)[:2000],
        }
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
