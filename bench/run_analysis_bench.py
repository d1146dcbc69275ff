#!/usr/bin/python3
"""Runs Nestmap's analysis_bench and python-igraph (bench/igraph_peer.py) on the
same generated graphs, one after the other (never at once), three times each,
(once on the 100k graph) and prints the median milliseconds and the ratio
Nestmap / igraph.

    bench/run_analysis_bench.py [--bin build/release/bench/analysis_bench] [--max-nodes N]
Needs Debian's python3-igraph (scripts/install-deps.sh bench)."""
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = sys.argv[sys.argv.index("--bin") + 1] if "--bin" in sys.argv else os.path.join(
    HERE, "..", "build", "release", "bench", "analysis_bench")
GRAPHS = [(1000, 5000), (10000, 50000), (100000, 500000)]
if "--max-nodes" in sys.argv:  # igraph's Louvain takes minutes at 100k: skip the big graph when iterating
    GRAPHS = [g for g in GRAPHS if g[0] <= int(sys.argv[sys.argv.index("--max-nodes") + 1])]
RUNS = 3


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return {name: float(value) for name, value in (line.split() for line in out.splitlines() if line.strip())}


def medians(cmd, runs=RUNS):
    results = [run(cmd) for _ in range(runs)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def main():
    with tempfile.TemporaryDirectory() as tmp:
        print("| graph (nodes/edges) | algorithm | Nestmap ms | igraph ms | ratio |")
        print("|---|---|---|---|---|")
        for n, m in GRAPHS:
            path = os.path.join(tmp, f"g{n}.txt")
            subprocess.run([BIN, "--generate", str(n), str(m), "42", path], check=True)
            extra = ["--skip-betweenness"] if n >= 100000 else []
            # igraph's Louvain needs minutes on the 100k graph: one run each there.
            runs = 1 if n >= 100000 else RUNS
            ours = medians([BIN, path] + extra, runs)
            theirs = medians(["/usr/bin/python3", os.path.join(HERE, "igraph_peer.py"), path] + extra, runs)
            for algo in ours:
                if algo == "louvain_modularity":
                    print(f"| {n // 1000}k/{m // 1000}k | Louvain modularity | {ours[algo]:.4f} | "
                          f"{theirs[algo]:.4f} | {100 * (ours[algo] / theirs[algo] - 1):+.1f} % |")
                    continue
                if algo not in theirs:  # ours only (e.g. cut points with whom they cut off, and blocks)
                    print(f"| {n // 1000}k/{m // 1000}k | {algo} | {ours[algo]:.1f} | — | — |")
                    continue
                ratio = ours[algo] / theirs[algo]
                print(f"| {n // 1000}k/{m // 1000}k | {algo} | {ours[algo]:.1f} | {theirs[algo]:.1f} | {ratio:.2f}× |")
        snap = medians([BIN, "--snapshot", "100000", "500000"])
        print(f"\nGraphSnapshot::fromModel, 100k actors / 500k ties: {snap['snapshot']:.1f} ms (median of {RUNS}×5)")


if __name__ == "__main__":
    main()
