#!/usr/bin/python3
"""Analysis benchmark, the peer's side: python-igraph (C core) on the same
edge list as analysis_bench. Prints one 'name ms' line per algorithm."""
import sys
import time

import igraph


def timed(name, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{name} {1000 * (time.perf_counter() - start):.1f}", flush=True)
    return result


def main():
    path = sys.argv[1]
    skip_betweenness = "--skip-betweenness" in sys.argv
    with open(path) as f:
        n, m = map(int, f.readline().split())
        edges = [tuple(map(int, line.split())) for line in f]
    g = igraph.Graph(n=n, edges=edges, directed=False)
    g.simplify()  # Nestmap merges parallel ties and drops loops the same way
    if not skip_betweenness:
        timed("betweenness", lambda: g.betweenness(directed=False))
    timed("pagerank", lambda: g.pagerank(damping=0.85))
    timed("components", lambda: g.connected_components())
    timed("articulation_points", lambda: g.articulation_points())
    parts = timed("louvain", lambda: g.community_multilevel())
    print(f"louvain_modularity {parts.modularity:.6f}")


if __name__ == "__main__":
    main()
