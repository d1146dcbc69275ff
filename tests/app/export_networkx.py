"""Reads a `nestmap export` file with networkx and prints what it found as JSON.

Usage: python3 export_networkx.py graphml|gexf|json FILE NODE EDGE

NODE and EDGE are the ids of a node and an edge whose attributes (with their
Python types) are printed; tests/app/cli_export_test.cpp compares the output.
"""

import inspect
import json
import sys

import networkx as nx
from networkx.readwrite import json_graph


def read(kind, path):
    """The graph in `path`, and a note when networkx needed help to read it."""
    if kind == "graphml":
        return nx.read_graphml(path), None
    if kind == "gexf":
        try:
            return nx.read_gexf(path), None
        except nx.NetworkXError:
            # networkx before 3.0 (Debian 12 ships 2.8) knows GEXF up to 1.2draft. The
            # elements Nestmap writes are the same in 1.3, under another namespace.
            text = open(path, encoding="utf-8").read()
            text = text.replace("http://gexf.net/1.3/viz", "http://www.gexf.net/1.2draft/viz")
            text = text.replace("http://gexf.net/1.3", "http://www.gexf.net/1.2draft")
            text = text.replace('version="1.3"', 'version="1.2"')
            import io

            graph = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
            return graph, "networkx %s reads no GEXF 1.3: read as 1.2draft" % nx.__version__
    if kind == "json":
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        # networkx 3.4 and later look for "edges" unless told; before, "links" was the only name.
        if "edges" in inspect.signature(json_graph.node_link_graph).parameters:
            return json_graph.node_link_graph(data, edges="links"), None
        return json_graph.node_link_graph(data), None
    raise SystemExit("unknown kind " + kind)


def typed(attrs):
    return {k: [v, type(v).__name__] for k, v in attrs.items() if k != "viz"}


def main():
    kind, path, node, edge = sys.argv[1:5]
    g, note = read(kind, path)
    edge_attrs = None
    for u, v, key, data in g.edges(keys=True, data=True):
        if key == edge or data.get("id") == edge:
            edge_attrs = dict(data, _ends=sorted([u, v]))
            break
    out = {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        "node": typed(g.nodes[node]),
        "viz": g.nodes[node].get("viz"),
        "edge": typed(edge_attrs) if edge_attrs is not None else None,
        "note": note,
    }
    print(json.dumps(out, default=str))


main()
