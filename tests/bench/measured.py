"""What a command costs, measured by the measure helper (measure.c), so
that its CPU time and peak memory are its own and not the Python
benchmark's that starts it: shared by the benchmarks that print them."""
import statistics
import subprocess


def measured(helper, cmd, runs, cwd=None, timeout=600, limit_bytes=0, ok=("0", "1")):
    """(median CPU seconds, best CPU seconds, peak KiB) of runs runs, and
    None; or None and the reason when a run ran out of time (timeout
    seconds), out of its address-space limit (limit_bytes; 0: none) or
    ended with an exit code not in ok."""
    cpus, peaks = [], []
    call = [helper, "--timeout", str(int(timeout)), "--limit", str(int(limit_bytes))]
    for _ in range(runs):
        out = subprocess.run(call + cmd, cwd=cwd, capture_output=True, text=True,
                             check=True).stdout.split()
        if out[2] == "timeout":
            return None, f"over {timeout:.0f} s"
        if out[2] not in ok:
            return None, f"exit {out[2]}"
        cpus.append(float(out[0]))
        peaks.append(int(out[1]))
    return (statistics.median(cpus), min(cpus), max(peaks)), None
