#pragma once
// The generated maps of the benchmarks: many actors on a jittered grid, ties mostly between neighbours.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "core/model.hpp"
#include "io/data_sources.hpp"

namespace nestmap::bench {

/// A map of `actors` actors of random types, each placed in `view` on a jittered grid (10 layout
/// units apart, in id order), and `ties` ties of random types, a third directed, one in ten
/// planned. As after a layout, 95% of the ties join actors at most 4 grid cells apart; the rest
/// join random actors (uniform random ends would make every tie cross the map, which is what
/// llvmpipe's fill rate, not the CPU, suffers from).
inline Model generatedMap(std::size_t actors, std::size_t ties, std::uint32_t seed, RowId view) {
  Model m = defaultModel(embeddedData(), "bench");
  std::mt19937 draw(seed);
  std::vector<RowId> actorTypes, tieTypes;
  for (const auto& [id, type] : m.actorTypes) actorTypes.push_back(id);
  for (const auto& [id, type] : m.tieTypes) tieTypes.push_back(id);
  if (actorTypes.empty() || tieTypes.empty()) {
    std::fprintf(stderr, "the default taxonomy has no actor or tie types\n");
    std::exit(1);
  }
  auto pick = [&](const std::vector<RowId>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(draw)];
  };
  const auto columns = static_cast<RowId>(std::ceil(std::sqrt(static_cast<double>(actors))));
  std::uniform_real_distribution<double> jitter(-3, 3);
  m.actors.reserve(actors);
  ViewPositions& positions = m.positions[view];
  for (std::size_t i = 0; i < actors; ++i) {
    const RowId id = m.actors.nextId();
    Actor& a = m.actors.append(id);
    a.name = "Actor " + std::to_string(id);
    a.typeId = pick(actorTypes);
    const double x = 10.0 * static_cast<double>((id - 1) % columns) + jitter(draw);
    const double y = 10.0 * static_cast<double>((id - 1) / columns) + jitter(draw);
    positions.emplace_hint(positions.end(), id, ViewPosition{x, y, false});
  }
  m.ties.reserve(ties);
  std::uniform_int_distribution<RowId> actor(1, static_cast<RowId>(actors));
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<RowId> step(-4, 4);
  const auto last = static_cast<RowId>(actors);
  for (std::size_t i = 0; i < ties; ++i) {
    const RowId id = m.ties.nextId();
    Tie& t = m.ties.append(id);
    t.sourceId = actor(draw);
    const bool local = percent(draw) < 95;
    do t.targetId = local ? t.sourceId + step(draw) + step(draw) * columns : actor(draw);
    while (t.targetId == t.sourceId || t.targetId < 1 || t.targetId > last);
    t.typeId = pick(tieTypes);
    t.direction = percent(draw) < 33 ? Direction::Directed : Direction::Undirected;
    t.status = percent(draw) < 10 ? TieStatus::Planned : TieStatus::Active;
  }
  return m;
}

}  // namespace nestmap::bench
