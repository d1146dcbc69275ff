// Layout benchmark, Nestmap's side. bench/run_layout_bench.py runs it and
// bench/graphology/fa2_peer.mjs (graphology-layout-forceatlas2) on the same
// graphs from the same start positions and prints the ratios.
//
//   layout_bench --generate N M SEED FILE [START]   a simple random graph (FILE) and start positions
//                                                    (START, default FILE.start) that both sides read
//   layout_bench --run FILE START ITER OUT [--theta T] [--per-node]
//                                                    ITER plain ForceAtlas2 steps; prints ms per step
//                                                    (--per-node: AdaptiveSpeed::PerNode, graphology's law)
//   layout_bench --phases FILE START ITER [--theta T]
//                                                    where the time of a step goes (tree, repulsion, ...)
//   layout_bench --multilevel FILE OUT [START] [--theta T]
//                                                    MultilevelForceAtlas2 as the app runs it
//   layout_bench --quality FILE POSITIONS [--radius R] [--sources K] [--exact-edges M] [--samples S]
//                                                    stress, overlapping pairs and edge crossings
//
// Every mode prints one "name value" line per figure. Graph files hold "n m"
// and one "a b" line per edge; position files "n" and one "x y" line per
// vertex.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "bench_clock.hpp"
#include "layout/barnes_hut.hpp"
#include "layout/force_atlas2.hpp"

using namespace nestmap;
using bench::Clock;
using bench::msSince;
using Vertex = GraphSnapshot::Vertex;

namespace {

/// The settings both sides run with: Gephi's defaults (which are
/// ForceAtlas2Params' too), except θ, fixed at graphology's 0.5 because the
/// two sides' defaults differ. fa2_peer.mjs passes the same values.
ForceAtlas2Params benchParams(double theta) {
  ForceAtlas2Params p;
  p.scaling = 2.0;  // graphology: scalingRatio
  p.gravity = 1.0;  // gravity, strongGravityMode false
  p.strongGravity = false;
  p.linLog = false;             // linLogMode
  p.dissuadeHubs = false;       // outboundAttractionDistribution
  p.edgeWeightInfluence = 1.0;  // edgeWeightInfluence
  p.jitterTolerance = 1.0;      // graphology has none: its speed is per node (slowDown 1)
  p.barnesHut = true;           // barnesHutOptimize
  p.theta = theta;              // barnesHutTheta
  p.preventOverlap = false;     // adjustSizes
  return p;
}

// ---------------------------------------------------------------------------
// Files

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

File openFile(const std::string& path, const char* mode) {
  File f(std::fopen(path.c_str(), mode), &std::fclose);
  if (!f) throw std::runtime_error("cannot open " + path);
  return f;
}

struct EdgeList {
  std::size_t n = 0;
  std::vector<std::pair<Vertex, Vertex>> edges;
};

/// The model of analysis_bench (each new vertex joins an earlier one, half of
/// them by preferential attachment; the other edges join random pairs), but
/// without loops and parallel edges: graphology refuses parallel edges, and
/// Nestmap's snapshot would merge them into one of weight 2.
int generate(std::size_t n, std::size_t m, std::uint64_t seed, const std::string& file, const std::string& startFile) {
  if (n < 2 || m < n - 1 || m > n * (n - 1) / 2) {
    std::fprintf(stderr, "layout_bench: need n ≥ 2 and n − 1 ≤ m ≤ n(n − 1)/2\n");
    return 2;
  }
  std::mt19937_64 rng(seed);
  std::vector<Vertex> ends;
  std::unordered_set<std::uint64_t> seen;
  seen.reserve(m * 2);
  std::vector<std::pair<Vertex, Vertex>> edges;
  edges.reserve(m);
  auto add = [&](Vertex a, Vertex b) {
    if (a == b) return false;
    const std::uint64_t key = (std::uint64_t{std::min(a, b)} << 32) | std::max(a, b);
    if (!seen.insert(key).second) return false;
    edges.emplace_back(a, b);
    ends.push_back(a);
    ends.push_back(b);
    return true;
  };
  for (Vertex v = 1; v < n; ++v) {
    // The first edge of v is never a duplicate: nothing joined v before.
    const Vertex u = ends.empty() || rng() % 2 ? static_cast<Vertex>(rng() % v) : ends[rng() % ends.size()];
    add(v, u);
  }
  while (edges.size() < m) add(static_cast<Vertex>(rng() % n), static_cast<Vertex>(rng() % n));

  const File out = openFile(file, "w");
  std::fprintf(out.get(), "%zu %zu\n", n, edges.size());
  for (const auto& [a, b] : edges) std::fprintf(out.get(), "%u %u\n", a, b);

  // Start: uniform in a square of side 10·√n around the origin (about
  // Nestmap's random start), rounded to float because graphology keeps
  // positions in a Float32Array: both sides then start from the same numbers
  // (17 digits, so that the double read back is that float exactly).
  const double side = 10 * std::sqrt(static_cast<double>(n));
  std::uniform_real_distribution<double> coordinate(-side / 2, side / 2);
  const File start = openFile(startFile, "w");
  std::fprintf(start.get(), "%zu\n", n);
  for (std::size_t v = 0; v < n; ++v) {
    const float x = static_cast<float>(coordinate(rng)), y = static_cast<float>(coordinate(rng));
    std::fprintf(start.get(), "%.17g %.17g\n", static_cast<double>(x), static_cast<double>(y));
  }
  return 0;
}

EdgeList readEdges(const std::string& file) {
  const File in = openFile(file, "r");
  EdgeList g;
  std::size_t m = 0;
  if (std::fscanf(in.get(), "%zu %zu", &g.n, &m) != 2) throw std::runtime_error("bad header in " + file);
  g.edges.resize(m);
  for (auto& [a, b] : g.edges)
    if (std::fscanf(in.get(), "%u %u", &a, &b) != 2 || a >= g.n || b >= g.n)
      throw std::runtime_error("bad edge in " + file);
  return g;
}

GraphSnapshot snapshotOf(const EdgeList& list) {
  std::vector<GraphSnapshot::Edge> edges;
  edges.reserve(list.edges.size());
  for (const auto& [a, b] : list.edges) edges.push_back({a, b, 1.0});
  return GraphSnapshot::fromEdges(list.n, edges, false);
}

std::vector<Vec2> readPositions(const std::string& file, std::size_t n) {
  const File in = openFile(file, "r");
  std::size_t count = 0;
  if (std::fscanf(in.get(), "%zu", &count) != 1 || count != n)
    throw std::runtime_error(file + ": wrong number of nodes");
  std::vector<Vec2> p(n);
  for (Vec2& v : p)
    if (std::fscanf(in.get(), "%lf %lf", &v.x, &v.y) != 2) throw std::runtime_error("bad position in " + file);
  return p;
}

void writePositions(const std::string& file, const std::vector<Vec2>& p) {
  const File out = openFile(file, "w");
  std::fprintf(out.get(), "%zu\n", p.size());
  for (const Vec2& v : p) std::fprintf(out.get(), "%.17g %.17g\n", v.x, v.y);
}

double extentOf(const std::vector<Vec2>& p) {
  if (p.empty()) return 0;
  double minX = p[0].x, maxX = p[0].x, minY = p[0].y, maxY = p[0].y;
  for (const Vec2& v : p) {
    minX = std::min(minX, v.x);
    maxX = std::max(maxX, v.x);
    minY = std::min(minY, v.y);
    maxY = std::max(maxY, v.y);
  }
  return std::hypot(maxX - minX, maxY - minY);
}

// ---------------------------------------------------------------------------
// Timing

LayoutNodes startNodes(const std::string& startFile, std::size_t n) {
  LayoutNodes nodes;
  nodes.position = readPositions(startFile, n);
  return nodes;
}

int runPlain(const std::string& file, const std::string& startFile, int iterations, const std::string& outFile,
             double theta, AdaptiveSpeed speed) {
  const GraphSnapshot g = snapshotOf(readEdges(file));
  ForceAtlas2Params params = benchParams(theta);
  params.adaptiveSpeed = speed;
  ForceAtlas2 fa2(g, startNodes(startFile, g.vertexCount()), params);
  const auto start = Clock::now();
  fa2.run(iterations);
  const double ms = msSince(start);
  std::printf("ms_per_iter %.3f\n", ms / iterations);
  std::printf("iterations %d\n", iterations);
  std::printf("displacement_per_extent %.6g\n", fa2.lastMeanDisplacement() / fa2.extent());
  writePositions(outFile, fa2.positions());
  return 0;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

/// Times the parts of a step on the layout's own positions every other step,
/// beside the step itself, so that the measured run follows the same path as
/// --run. The tree is built and walked once more on its own, attraction and
/// gravity are summed again by loops that do what ForceAtlas2's do for these
/// settings (linear, weights 1, regular gravity), and a throwaway ForceAtlas2
/// on a copy of the positions gives all forces at once. Medians over the probes.
int runPhases(const std::string& file, const std::string& startFile, int iterations, double theta) {
  const GraphSnapshot g = snapshotOf(readEdges(file));
  const ForceAtlas2Params params = benchParams(theta);
  ForceAtlas2 fa2(g, startNodes(startFile, g.vertexCount()), params);
  std::vector<double> build, walk, attraction, gravity, forces, steps, cells;
  const RepulsionLaw law{params.scaling, false};
  std::vector<Vec2> sink(g.vertexCount());
  for (int i = 0; i < iterations; ++i) {
    if (i % 2 == 1) {
      fa2.step();
      continue;
    }
    const std::vector<Vec2> p = fa2.positions();
    const std::vector<double>& mass = fa2.masses();
    BarnesHutTree tree;
    auto t = Clock::now();
    tree.build(p, mass, BarnesHutTree::kGroupedLeafSize);  // as ForceAtlas2 builds it
    build.push_back(msSince(t));
    t = Clock::now();
    tree.addRepulsion(sink, law.scaling, theta);
    walk.push_back(msSince(t));
    cells.push_back(static_cast<double>(tree.cellCount()));
    t = Clock::now();
    for (Vertex u = 0; u < g.vertexCount(); ++u)
      for (Vertex v : g.neighbours(u))
        if (v > u) {
          const Vec2 d = p[u] - p[v];
          sink[u] += d * -1.0;
          sink[v] += d;
        }
    attraction.push_back(msSince(t));
    t = Clock::now();
    for (Vertex v = 0; v < g.vertexCount(); ++v) {
      const double d = p[v].length();
      if (d > 0) sink[v] += p[v] * -(params.gravity * mass[v] / d);
    }
    gravity.push_back(msSince(t));
    LayoutNodes copy;
    copy.position = p;
    ForceAtlas2 probe(g, std::move(copy), params);
    t = Clock::now();
    probe.computeForces();
    forces.push_back(msSince(t));
    t = Clock::now();
    fa2.step();
    steps.push_back(msSince(t));
  }
  std::printf("probes %zu\n", steps.size());
  std::printf("tree_build_ms %.3f\n", median(build));
  std::printf("repulsion_walk_ms %.3f\n", median(walk));
  std::printf("attraction_ms %.3f\n", median(attraction));
  std::printf("gravity_ms %.3f\n", median(gravity));
  std::printf("all_forces_ms %.3f\n", median(forces));
  std::printf("step_ms %.3f\n", median(steps));
  // Speed and moves: what a step takes beyond its forces (a difference of two medians).
  std::printf("speed_and_move_ms %.3f\n", median(steps) - median(forces));
  std::printf("tree_cells %.0f\n", median(cells));
  return std::isfinite(sink.empty() ? 0.0 : sink[0].x) ? 0 : 1;
}

int runMultilevel(const std::string& file, const std::string& outFile, const std::string& startFile, double theta) {
  const GraphSnapshot g = snapshotOf(readEdges(file));
  LayoutNodes start;
  if (!startFile.empty()) start.position = readPositions(startFile, g.vertexCount());
  MultilevelForceAtlas2::Params params;  // as the app runs it (cli_layout.cpp), θ aside when asked
  params.fa2.theta = theta;
  const auto t = Clock::now();
  const auto r = MultilevelForceAtlas2::run(g, start, params);
  const double seconds = msSince(t) / 1000;
  const double extent = extentOf(r.positions);
  std::printf("seconds %.3f\n", seconds);
  std::printf("levels %d\n", r.levels);
  std::printf("final_iterations %d\n", r.finalIterations);
  std::printf("max_final_iterations %d\n", params.finalIterations);
  std::printf("displacement_per_extent %.6g\n", r.finalDisplacement / extent);
  std::printf("stable %d\n", r.finalDisplacement < params.stableFraction * extent ? 1 : 0);
  writePositions(outFile, r.positions);
  return 0;
}

// ---------------------------------------------------------------------------
// Quality

struct QualityOptions {
  double radius = LayoutNodes::kDefaultRadius;
  std::size_t sources = 100;
  std::size_t exactEdges = 50000;  ///< up to this many edges, crossings are counted exactly
  std::size_t samples = 20'000'000;
};

/// Normalised stress against hop distances: from `sources` random vertices,
/// BFS distances dᵢⱼ to every vertex they reach; the layout distances eᵢⱼ are
/// first scaled by the α that minimises Σ (α·eᵢⱼ − dᵢⱼ)², i.e.
/// α = Σ eᵢⱼdᵢⱼ / Σ eᵢⱼ², so that a layout's size does not count. Then
/// stress = Σ (α·eᵢⱼ − dᵢⱼ)² / Σ dᵢⱼ²: 0 is perfect, 1 is what α = 0 gives.
std::pair<double, double> stress(const GraphSnapshot& g, const std::vector<Vec2>& p, std::size_t sources) {
  const std::size_t n = g.vertexCount();
  std::mt19937_64 rng(7);
  std::vector<Vertex> all(n);
  std::iota(all.begin(), all.end(), Vertex{0});
  std::shuffle(all.begin(), all.end(), rng);
  all.resize(std::min(sources, n));
  // Three sums are enough: with α = Σed / Σe², Σ(αe − d)² = Σd² − (Σed)² / Σe².
  double ed = 0, ee = 0, dd = 0;
  std::vector<int> dist(n);
  std::vector<Vertex> queue(n);
  for (Vertex s : all) {
    std::fill(dist.begin(), dist.end(), -1);
    dist[s] = 0;
    std::size_t head = 0, tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const Vertex u = queue[head++];
      for (Vertex v : g.neighbours(u))
        if (dist[v] < 0) {
          dist[v] = dist[u] + 1;
          queue[tail++] = v;
        }
    }
    for (Vertex v = 0; v < n; ++v) {
      if (dist[v] <= 0) continue;  // the source itself, or out of its reach
      const double e = (p[v] - p[s]).length(), d = dist[v];
      ed += e * d;
      ee += e * e;
      dd += d * d;
    }
  }
  const double alpha = ee > 0 ? ed / ee : 0;
  return {dd > 0 ? 1 - alpha * ed / dd : 0, alpha};
}

/// Pairs of nodes closer than 2·radius (discs of that radius overlap),
/// through a grid of cells 2·radius wide: only neighbouring cells can hold
/// such a pair.
std::size_t overlaps(const std::vector<Vec2>& p, double radius) {
  const double cell = 2 * radius;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> grid;
  auto key = [](std::int64_t cx, std::int64_t cy) {
    return (static_cast<std::uint64_t>(cx) << 32) ^ static_cast<std::uint64_t>(cy & 0xffffffff);
  };
  for (std::uint32_t i = 0; i < p.size(); ++i)
    grid[key(static_cast<std::int64_t>(std::floor(p[i].x / cell)),
             static_cast<std::int64_t>(std::floor(p[i].y / cell)))]
        .push_back(i);
  std::size_t count = 0;
  const double limit2 = cell * cell;
  for (std::uint32_t i = 0; i < p.size(); ++i) {
    const auto cx = static_cast<std::int64_t>(std::floor(p[i].x / cell));
    const auto cy = static_cast<std::int64_t>(std::floor(p[i].y / cell));
    for (std::int64_t dx = -1; dx <= 1; ++dx)
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        const auto it = grid.find(key(cx + dx, cy + dy));
        if (it == grid.end()) continue;
        for (std::uint32_t j : it->second) {
          if (j <= i) continue;
          const Vec2 d = p[i] - p[j];
          if (d.x * d.x + d.y * d.y < limit2) ++count;
        }
      }
  }
  return count;
}

struct Segment {
  Vec2 a, b;
  Vertex u, v;
  double minX, maxX, minY, maxY;
};

double orient(Vec2 a, Vec2 b, Vec2 c) { return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x); }

/// Whether two edges cross: properly (each separates the other's ends).
/// Edges that share an end never count, nor do touching or collinear ones.
bool cross(const Segment& s, const Segment& t) {
  if (s.u == t.u || s.u == t.v || s.v == t.u || s.v == t.v) return false;
  if (s.maxX < t.minX || t.maxX < s.minX || s.maxY < t.minY || t.maxY < s.minY) return false;
  const double o1 = orient(s.a, s.b, t.a), o2 = orient(s.a, s.b, t.b);
  const double o3 = orient(t.a, t.b, s.a), o4 = orient(t.a, t.b, s.b);
  return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

/// Edge crossings. Up to `exactEdges` edges: every pair whose x-ranges meet,
/// by a sweep over the edges sorted by their left end (exact). Beyond: `samples`
/// random pairs of distinct edges, the share that cross × m(m − 1)/2.
std::pair<double, bool> crossings(const EdgeList& list, const std::vector<Vec2>& p, const QualityOptions& o) {
  std::vector<Segment> segs;
  segs.reserve(list.edges.size());
  for (const auto& [u, v] : list.edges) {
    const Vec2 a = p[u], b = p[v];
    segs.push_back({a, b, u, v, std::min(a.x, b.x), std::max(a.x, b.x), std::min(a.y, b.y), std::max(a.y, b.y)});
  }
  const std::size_t m = segs.size();
  if (m <= o.exactEdges) {
    std::sort(segs.begin(), segs.end(), [](const Segment& s, const Segment& t) { return s.minX < t.minX; });
    std::size_t count = 0;
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = i + 1; j < m && segs[j].minX <= segs[i].maxX; ++j) count += cross(segs[i], segs[j]);
    return {static_cast<double>(count), true};
  }
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<std::size_t> pick(0, m - 1);
  std::size_t hits = 0;
  for (std::size_t k = 0; k < o.samples; ++k) {
    std::size_t i = pick(rng), j = pick(rng);
    while (j == i) j = pick(rng);
    hits += cross(segs[i], segs[j]);
  }
  const double pairs = static_cast<double>(m) * static_cast<double>(m - 1) / 2;
  return {static_cast<double>(hits) / static_cast<double>(o.samples) * pairs, false};
}

int quality(const std::string& file, const std::string& positionFile, const QualityOptions& o) {
  const EdgeList list = readEdges(file);
  const GraphSnapshot g = snapshotOf(list);
  const std::vector<Vec2> p = readPositions(positionFile, list.n);
  for (const Vec2& v : p)
    if (!std::isfinite(v.x) || !std::isfinite(v.y)) throw std::runtime_error(positionFile + ": not a number");
  const auto [s, alpha] = stress(g, p, o.sources);
  std::printf("stress %.6f\n", s);
  std::printf("stress_scale %.6g\n", alpha);
  std::printf("extent %.6g\n", extentOf(p));
  double edgeLength = 0;
  for (const auto& [u, v] : list.edges) edgeLength += (p[u] - p[v]).length();
  std::printf("mean_edge_length %.6g\n", list.edges.empty() ? 0 : edgeLength / static_cast<double>(list.edges.size()));
  std::printf("overlaps %zu\n", overlaps(p, o.radius));
  const auto [c, exact] = crossings(list, p, o);
  std::printf("crossings %.0f\n", c);
  std::printf("crossings_exact %d\n", exact ? 1 : 0);
  return 0;
}

// ---------------------------------------------------------------------------
// Command line

/// The value after `flag` among the arguments from `from` on, or `fallback`.
double option(int argc, char** argv, int from, const char* flag, double fallback) {
  for (int i = from; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], flag) == 0) return std::stod(argv[i + 1]);
  return fallback;
}

/// Whether `flag` is among the arguments from `from` on.
bool hasFlag(int argc, char** argv, int from, const char* flag) {
  for (int i = from; i < argc; ++i)
    if (std::strcmp(argv[i], flag) == 0) return true;
  return false;
}

int usage() {
  std::fprintf(stderr,
               "usage: layout_bench --generate N M SEED FILE [START]\n"
               "       layout_bench --run FILE START ITER OUT [--theta T] [--per-node]\n"
               "       layout_bench --phases FILE START ITER [--theta T]\n"
               "       layout_bench --multilevel FILE OUT [START] [--theta T]\n"
               "       layout_bench --quality FILE POSITIONS [--radius R] [--sources K] [--exact-edges M] "
               "[--samples S]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 2) return usage();
  const std::string mode = argv[1];
  if (mode == "--generate" && (argc == 6 || argc == 7))
    return generate(std::stoul(argv[2]), std::stoul(argv[3]), std::stoull(argv[4]), argv[5],
                    argc == 7 ? argv[6] : std::string(argv[5]) + ".start");
  if (mode == "--run" && argc >= 6)
    return runPlain(argv[2], argv[3], std::stoi(argv[4]), argv[5], option(argc, argv, 6, "--theta", 0.5),
                    hasFlag(argc, argv, 6, "--per-node") ? AdaptiveSpeed::PerNode : AdaptiveSpeed::Global);
  if (mode == "--phases" && argc >= 5)
    return runPhases(argv[2], argv[3], std::stoi(argv[4]), option(argc, argv, 5, "--theta", 0.5));
  if (mode == "--multilevel" && argc >= 4) {
    const bool hasStart = argc >= 5 && std::strncmp(argv[4], "--", 2) != 0;
    const double theta = option(argc, argv, 4, "--theta", ForceAtlas2Params{}.theta);
    return runMultilevel(argv[2], argv[3], hasStart ? argv[4] : "", theta);
  }
  if (mode == "--quality" && argc >= 4) {
    QualityOptions o;
    o.radius = option(argc, argv, 4, "--radius", o.radius);
    o.sources = static_cast<std::size_t>(option(argc, argv, 4, "--sources", static_cast<double>(o.sources)));
    o.exactEdges = static_cast<std::size_t>(option(argc, argv, 4, "--exact-edges", static_cast<double>(o.exactEdges)));
    o.samples = static_cast<std::size_t>(option(argc, argv, 4, "--samples", static_cast<double>(o.samples)));
    return quality(argv[2], argv[3], o);
  }
  return usage();
} catch (const std::exception& e) {
  std::fprintf(stderr, "layout_bench: %s\n", e.what());
  return 1;
}
