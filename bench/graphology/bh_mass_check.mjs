// Reproduces the Barnes–Hut error of graphology-layout-forceatlas2 that
// bench/README.md ("Why graphology's stress is lower at 1k") describes: three
// nodes of mass 1 at (0, 0), (3, 0) and (0, 3), and a fourth at (1000, 0).
// Exactly, the three push the fourth with kr·Σ 1/d ≈ 0.0030 (kr 1, no edges,
// no gravity). The script runs one graphology iteration with Barnes–Hut on
// (θ 0.5) and off and prints the force graphology computed on the fourth node
// in each case, beside the exact sum.
//
//   node bench/graphology/bh_mass_check.mjs
import Graph from "graphology";
import { graphToByteArrays } from "graphology-layout-forceatlas2/helpers.js";
import iterate from "graphology-layout-forceatlas2/iterate.js";
import DEFAULTS from "graphology-layout-forceatlas2/defaults.js";

const places = [[0, 0], [3, 0], [0, 3], [1000, 0]];
const PPN = 10, NODE_DX = 2, NODE_DY = 3; // graphology's node matrix: dx, dy hold the last forces

function forceOnLast(barnesHutOptimize) {
  const graph = new Graph({ type: "undirected" });
  places.forEach(([x, y], v) => graph.addNode(String(v), { x, y }));
  const matrices = graphToByteArrays(graph, () => 1);
  const settings = { ...DEFAULTS, barnesHutOptimize, barnesHutTheta: 0.5, scalingRatio: 1, gravity: 0 };
  iterate(settings, matrices.nodes, matrices.edges);
  const last = (places.length - 1) * PPN;
  return [matrices.nodes[last + NODE_DX], matrices.nodes[last + NODE_DY]];
}

const [fx, fy] = places.slice(0, -1).reduce(([sx, sy], [x, y]) => {
  const dx = 1000 - x, dy = -y, d2 = dx * dx + dy * dy; // F = kr·m₁·m₂ / d along the unit vector
  return [sx + dx / d2, sy + dy / d2];
}, [0, 0]);
const show = ([x, y]) => `${x.toFixed(6)} ${y.toFixed(6)}`;
console.log(`exact ${show([fx, fy])}`);
console.log(`graphology_exact ${show(forceOnLast(false))}`);
console.log(`graphology_barnes_hut ${show(forceOnLast(true))}`);
