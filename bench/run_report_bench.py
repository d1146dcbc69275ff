#!/usr/bin/python3
"""Times `nestmap report demo.nestmap --out x.pdf` (the steering-group report as a PDF,
every prison's page with its nest laid out in memory) on a fresh demo map: five runs,
one after the other, and prints the median and the spread of the wall-clock time, the
pages and the size. The same for one prison only (--prison), and for the Markdown report.

    bench/run_report_bench.py [--bin build/release/src/nestmap] [--runs N]"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = sys.argv[sys.argv.index("--bin") + 1] if "--bin" in sys.argv else os.path.join(
    HERE, "..", "build", "release", "src", "nestmap")
RUNS = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
DAYS = ["--as-of", "2026-11-29", "--since", "2025-06-01"]


def timed(args):
    started = time.perf_counter()
    out = subprocess.run([BIN] + args, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - started, out


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    return next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:"))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        demo = os.path.join(tmp, "demo.nestmap")
        subprocess.run([BIN, "demo", demo], check=True, capture_output=True)
        print("| report | median s | min–max s | pages | size |")
        print("|---|---|---|---|---|")
        for label, out, extra in [("PDF, every prison", "x.pdf", []),
                                  ("PDF, one prison (--prison Gent)", "one.pdf", ["--prison", "Gent"]),
                                  ("Markdown", "x.md", [])]:
            target = os.path.join(tmp, out)
            times = [timed(["report", demo, "--out", target, "--force"] + DAYS + extra)[0] for _ in range(RUNS)]
            size = os.path.getsize(target)
            count = pages(target) if out.endswith(".pdf") else "—"
            print(f"| {label} | {statistics.median(times):.2f} | {min(times):.2f}–{max(times):.2f} | {count} | "
                  f"{size / 1024:.0f} KiB |")


if __name__ == "__main__":
    main()
