#!/usr/bin/python3
"""Runs Nestmap's ForceAtlas2 (layout_bench) and graphology-layout-forceatlas2
(bench/graphology/fa2_peer.mjs) on the same generated graphs from the same
start positions for the same number of iterations, one after the other (never
at once), and prints milliseconds per iteration, the ratio Nestmap / graphology
and the quality of both final layouts (layout_bench --quality); then
MultilevelForceAtlas2 on the largest graph.

    bench/run_layout_bench.py [--bin build/release/bench/layout_bench] [--max-nodes N] [--node node]
                              [--sweep [--seeds K]]

Times are the median of three runs; graphology runs once on the 100k graph
(about a minute). Needs node and `npm ci` in bench/graphology
(scripts/install-deps.sh bench).

--sweep also prints the stress of both sides after 20, 50, 100, 200 and 500
iterations on the graphs up to 10k nodes, and on the 1k graph that of
graphology with θ 0 (every cell opened: exact repulsion), because
graphology's Barnes–Hut tree at θ 0.5 is far less exact than Nestmap's (about
three extra minutes). Nestmap runs there with both its speed laws: Global (the
default) and PerNode (graphology's). --seeds K makes the 1k rows means over K
generated graphs and starts (seeds 42, 43, ...), about a minute more per seed:
one start's stress moves by several 1e-4 with the smallest change in it."""
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def arg(flag, default):
    return sys.argv[sys.argv.index(flag) + 1] if flag in sys.argv else default


BIN = arg("--bin", os.path.join(HERE, "..", "build", "release", "bench", "layout_bench"))
NODE = arg("--node", "node")
PEER = os.path.join(HERE, "graphology", "fa2_peer.mjs")
# (nodes, edges, iterations): as many iterations on both sides.
GRAPHS = [(1000, 5000, 100), (10000, 50000, 100), (100000, 500000, 30)]
if "--max-nodes" in sys.argv:  # graphology needs about a minute on the 100k graph: skip it when iterating
    GRAPHS = [g for g in GRAPHS if g[0] <= int(arg("--max-nodes", "0"))]
RUNS = 3
SWEEP = [20, 50, 100, 200, 500]  # iteration counts of --sweep


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return {name: float(value) for name, value in (line.split() for line in out.splitlines() if line.strip())}


def median_ms(cmd, runs):
    return statistics.median(run(cmd)["ms_per_iter"] for _ in range(runs))


def stress_after(cmd, graph, out):
    """Runs `cmd` (which writes the positions to `out`) and returns the stress of those positions."""
    subprocess.run(cmd, check=True, capture_output=True)
    # Only the stress is wanted: no exact crossing count, few sampled pairs.
    return run([BIN, "--quality", graph, out, "--exact-edges", "0", "--samples", "1000"])["stress"]


def sweep(tmp, n, m, seeds):
    """Stress after each count of SWEEP, Nestmap against graphology (and graphology with θ 0 at 1k),
    the mean over the graphs and starts of `seeds`."""
    out = os.path.join(tmp, "sweep.pos")
    sides = [("Nestmap Global (default)", lambda g, s, k: [BIN, "--run", g, s, str(k), out]),
             ("Nestmap PerNode", lambda g, s, k: [BIN, "--run", g, s, str(k), out, "--per-node"]),
             ("graphology", lambda g, s, k: [NODE, PEER, g, s, str(k), out])]
    if n <= 1000:
        sides.append(("graphology θ 0 (exact)", lambda g, s, k: [NODE, PEER, g, s, str(k), out, "--theta", "0"]))
    graphs = []
    for seed in seeds:
        graph = os.path.join(tmp, f"g{n}.txt" if seed == 42 else f"g{n}-{seed}.txt")
        if not os.path.exists(graph):
            subprocess.run([BIN, "--generate", str(n), str(m), str(seed), graph, graph + ".start"], check=True)
        graphs.append(graph)
    rows = []
    for name, cmd in sides:
        means = [statistics.mean(stress_after(cmd(g, g + ".start", k), g, out) for g in graphs) for k in SWEEP]
        rows.append(f"| {label(n, m)} | {name} | " + " | ".join(f"{v:.4f}" for v in means) + " |")
    return rows


def label(n, m):
    return f"{n // 1000}k/{m // 1000}k"


def crossings(q):
    return f"{q['crossings']:.3g}" if q["crossings_exact"] else f"≈{q['crossings']:.3g}"


def main():
    if not os.path.isdir(os.path.join(HERE, "graphology", "node_modules")):
        sys.exit("run `npm ci` in bench/graphology first (scripts/install-deps.sh bench does)")
    rows, notes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n, m, iterations in GRAPHS:
            graph = os.path.join(tmp, f"g{n}.txt")
            start = graph + ".start"
            ours_out, theirs_out = os.path.join(tmp, f"nestmap{n}.pos"), os.path.join(tmp, f"graphology{n}.pos")
            subprocess.run([BIN, "--generate", str(n), str(m), "42", graph, start], check=True)
            load = os.getloadavg()[0]
            ours = median_ms([BIN, "--run", graph, start, str(iterations), ours_out], RUNS)
            theirs = median_ms([NODE, PEER, graph, start, str(iterations), theirs_out], 1 if n >= 100000 else RUNS)
            q_ours, q_theirs, q_start = (run([BIN, "--quality", graph, f]) for f in (ours_out, theirs_out, start))
            rows.append(f"| {label(n, m)} | {iterations} | {ours:.2f} | {theirs:.2f} | {ours / theirs:.3f}× | "
                        f"{q_ours['stress']:.4f} / {q_theirs['stress']:.4f} | "
                        f"{q_ours['overlaps']:.0f} / {q_theirs['overlaps']:.0f} | "
                        f"{crossings(q_ours)} / {crossings(q_theirs)} |")
            notes.append(f"{label(n, m)}: start positions stress {q_start['stress']:.4f}, crossings "
                         f"{crossings(q_start)}; mean edge length Nestmap {q_ours['mean_edge_length']:.1f}, "
                         f"graphology {q_theirs['mean_edge_length']:.1f}; load average before {load:.2f}")
        print("| graph (nodes/edges) | iterations | Nestmap ms/iter | graphology ms/iter | ratio | "
              "stress Nestmap / graphology | overlaps | crossings |")
        print("|---|---|---|---|---|---|---|---|")
        print("\n".join(rows))
        print()
        print("\n".join(notes))
        if "--sweep" in sys.argv:
            seeds = list(range(42, 42 + int(arg("--seeds", "1"))))
            over = f"; at 1k the mean over {len(seeds)} graphs and starts, seeds {seeds[0]}–{seeds[-1]}" \
                if len(seeds) > 1 else ""
            print(f"\nStress after {', '.join(map(str, SWEEP))} iterations (θ 0.5 unless said{over}):\n")
            print("| graph | side | " + " | ".join(str(k) for k in SWEEP) + " |")
            print("|---|---|" + "---|" * len(SWEEP))
            for n, m, _ in GRAPHS:
                if n <= 10000:
                    print("\n".join(sweep(tmp, n, m, seeds if n <= 1000 else [42])))
        if GRAPHS and GRAPHS[-1][0] >= 100000:
            n, m, _ = GRAPHS[-1]
            graph = os.path.join(tmp, f"g{n}.txt")
            out = os.path.join(tmp, "multilevel.pos")
            ml = run([BIN, "--multilevel", graph, out, graph + ".start"])
            q = run([BIN, "--quality", graph, out])
            print(f"\nMultilevelForceAtlas2 on {label(n, m)} (the app's settings, θ 1.2): {ml['seconds']:.1f} s, "
                  f"{ml['levels']:.0f} levels, {ml['final_iterations']:.0f} final iterations (of at most "
                  f"{ml['max_final_iterations']:.0f}), last displacement / extent "
                  f"{100 * ml['displacement_per_extent']:.3f} % ({'stable' if ml['stable'] else 'NOT stable'}); "
                  f"stress {q['stress']:.4f}, "
                  f"crossings {crossings(q)}")


if __name__ == "__main__":
    main()
