// Layout benchmark, the peer's side: graphology-layout-forceatlas2 on the
// graph and start positions that layout_bench --generate wrote.
//
//   node bench/graphology/fa2_peer.mjs FILE START ITER OUT [--theta T]
//
// Prints "ms_per_iter X" and "iterations N" (the iterations alone, after the
// graph is loaded, like layout_bench --run) and writes the final positions in
// layout_bench's format ("n", then one "x y" line per node).
import { readFileSync, writeFileSync } from "node:fs";
import Graph from "graphology";
import { graphToByteArrays, validateSettings } from "graphology-layout-forceatlas2/helpers.js";
import iterate from "graphology-layout-forceatlas2/iterate.js";
import DEFAULTS from "graphology-layout-forceatlas2/defaults.js";

const [file, startFile, iterationArg, outFile] = process.argv.slice(2);
if (!outFile) {
  console.error("usage: fa2_peer.mjs FILE START ITER OUT [--theta T]");
  process.exit(2);
}
const thetaAt = process.argv.indexOf("--theta");
const theta = thetaAt > 0 ? Number(process.argv[thetaAt + 1]) : 0.5;
const iterations = Number(iterationArg);

// The same settings as layout_bench's benchParams(): Gephi's defaults, θ 0.5.
const settings = {
  ...DEFAULTS,
  barnesHutOptimize: true,
  barnesHutTheta: theta,
  scalingRatio: 2,
  gravity: 1,
  strongGravityMode: false,
  linLogMode: false,
  outboundAttractionDistribution: false,
  adjustSizes: false,
  edgeWeightInfluence: 1,
  slowDown: 1,
};
const invalid = validateSettings(settings);
if (invalid) throw new Error(invalid.message);

const numbers = (text) => text.split(/\s+/).filter((s) => s.length > 0).map(Number);
const edgeNumbers = numbers(readFileSync(file, "utf8"));
const [n, m] = edgeNumbers;
const start = numbers(readFileSync(startFile, "utf8"));
if (start[0] !== n) throw new Error(`${startFile}: ${start[0]} positions for ${n} nodes`);

const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
for (let v = 0; v < n; v++) graph.addNode(String(v), { x: start[1 + 2 * v], y: start[2 + 2 * v] });
for (let e = 0; e < m; e++) graph.addEdge(String(edgeNumbers[2 + 2 * e]), String(edgeNumbers[3 + 2 * e]));

// What forceAtlas2(graph, {iterations, settings}) does, with the clock
// around the iterations only: the matrices are built first, outside it.
const matrices = graphToByteArrays(graph, () => 1);
const began = process.hrtime.bigint();
for (let i = 0; i < iterations; i++) iterate(settings, matrices.nodes, matrices.edges);
const ms = Number(process.hrtime.bigint() - began) / 1e6;

console.log(`ms_per_iter ${(ms / iterations).toFixed(3)}`);
console.log(`iterations ${iterations}`);

const PPN = 10; // numbers per node in graphology's node matrix: x, y first
const lines = [String(n)];
for (let v = 0; v < n; v++) lines.push(`${matrices.nodes[v * PPN]} ${matrices.nodes[v * PPN + 1]}`);
writeFileSync(outFile, lines.join("\n") + "\n");
