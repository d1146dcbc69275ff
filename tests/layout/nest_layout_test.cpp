// The nest view: prison in the centre, partners in their category's wedge on
// the ring of their hops, and a ghost slot exactly where the gap analysis
// finds a category missing.
#include "layout/nest_layout.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "io/data_sources.hpp"

using namespace nestmap;
using Vertex = GraphSnapshot::Vertex;

namespace {

/// Whether `angle` lies in the wedge from `start` clockwise to `end`.
bool inWedge(double angle, double start, double end) {
  const double twoPi = 2 * std::numbers::pi;
  auto norm = [&](double a) { return std::fmod(std::fmod(a, twoPi) + twoPi, twoPi); };
  const double span = norm(start - end), offset = norm(start - angle);
  return offset <= span + 1e-9;
}

}  // namespace

TEST_CASE("Nest view of every demo prison: ghost slots exactly at the missing categories", "[layout][nest]") {
  const Model m = demoModel(embeddedData());
  const Date day = *Date::parse("2026-11-29");
  const GraphSnapshot g = nestSnapshot(m, day);
  NestCoverage::Params params;
  params.asOf = day;
  const auto coverage = NestCoverage::run(m, g, params);
  REQUIRE(coverage.prisons.size() == 19);
  int ghosts = 0;
  NestLayout::Params layoutParams;
  for (const PrisonCoverage& prison : coverage.prisons) {
    INFO(m.actors.find(prison.prisonId)->name);
    const auto nest = NestLayout::run(g, prison, coverage.categories, layoutParams);
    REQUIRE(nest.wedges.size() == coverage.categories.size());
    // The prison in the centre, its side on the first ring.
    const Vertex centre = *g.vertexOf(prison.prisonId);
    CHECK(nest.placed[centre]);
    CHECK(nest.positions[centre] == Vec2{0, 0});
    for (std::size_t i = 1; i < prison.side.size(); ++i)
      CHECK(nest.positions[*g.vertexOf(prison.side[i])].length() == Approx(nest.rings[0]));
    for (std::size_t k = 0; k < prison.cells.size(); ++k) {
      const CoverageCell& cell = prison.cells[k];
      const auto& wedge = nest.wedges[k];
      CHECK(wedge.categoryId == cell.categoryId);
      CHECK(wedge.status == cell.status);
      // A ghost exactly where the category is missing, on the first ring, in the middle of its wedge.
      CHECK(wedge.ghost == (cell.status == CoverageStatus::Missing));
      if (wedge.ghost) {
        ++ghosts;
        CHECK(wedge.ghostPosition.length() == Approx(nest.rings[1]));
        const double mid = (wedge.startAngle + wedge.endAngle) / 2;
        CHECK(std::atan2(wedge.ghostPosition.y, wedge.ghostPosition.x) ==
              Approx(std::atan2(std::sin(mid), std::cos(mid))));
      }
      // Partners in their wedge (unless placed already for an earlier category), on the ring of their hops.
      for (const CellPartner& p : cell.partners) {
        const Vertex v = *g.vertexOf(p.actorId);
        CHECK(nest.placed[v]);
        const Vec2 at = nest.positions[v];
        bool earlier = false;
        for (std::size_t j = 0; j < k; ++j)
          for (const CellPartner& q : prison.cells[j].partners) earlier = earlier || q.actorId == p.actorId;
        if (earlier) continue;
        CHECK(at.length() == Approx(nest.rings[static_cast<std::size_t>(std::max(1, p.hops))]));
        CHECK(inWedge(std::atan2(at.y, at.x), wedge.startAngle, wedge.endAngle));
      }
    }
    // Wedges of equal angle, clockwise from the top.
    CHECK(nest.wedges.front().startAngle == Approx(std::numbers::pi / 2));
    for (std::size_t k = 1; k < nest.wedges.size(); ++k)
      CHECK(nest.wedges[k].startAngle == Approx(nest.wedges[k - 1].endAngle).margin(1e-12));
    // Rings at least their spacing apart; no two actors of the nest overlap.
    for (std::size_t h = 1; h < nest.rings.size(); ++h)
      CHECK(nest.rings[h] >= nest.rings[h - 1] + layoutParams.ringSpacing - 1e-9);
    std::vector<Vec2> spots;
    for (Vertex v = 0; v < g.vertexCount(); ++v)
      if (nest.placed[v]) spots.push_back(nest.positions[v]);
    for (std::size_t a = 0; a < spots.size(); ++a)
      for (std::size_t b = a + 1; b < spots.size(); ++b)
        CHECK((spots[a] - spots[b]).length() >= 2 * layoutParams.nodeRadius);
  }
  CHECK(ghosts > 30);  // the demo's gaps: Olen and Ruiselede alone miss 19 categories
}

// A hand-built nest: three categories, one formalised (partner 1 step away),
// one reached in 2 steps through a go-between, one missing.
//
//   P ── psd        psd ── A (cat 1, agreement)      psd ── g ── B (cat 2)      (cat 3: nobody)
TEST_CASE("Nest view of a hand-built coverage row", "[layout][nest]") {
  // Vertices: 0 P, 1 psd, 2 A, 3 g, 4 B.
  const auto g = GraphSnapshot::fromEdges(5, {{0, 1, 1}, {1, 2, 1}, {1, 3, 1}, {3, 4, 1}}, false);
  PrisonCoverage row;
  row.prisonId = 1;
  row.side = {1, 2};
  CoverageCell c1, c2, c3;
  c1.categoryId = 11;
  c1.status = CoverageStatus::Formalised;
  c1.partners = {{3, 1, true}};
  c1.paths = {{2, 3}};
  c2.categoryId = 12;
  c2.status = CoverageStatus::Informal;
  c2.partners = {{5, 2, false}};
  c2.paths = {{2, 4, 5}};
  c3.categoryId = 13;
  row.cells = {c1, c2, c3};
  NestLayout::Params params;
  params.sideRadius = 5;
  params.ringSpacing = 10;
  const auto nest = NestLayout::run(g, row, {11, 12, 13}, params);
  const double third = 2 * std::numbers::pi / 3, top = std::numbers::pi / 2;
  auto polar = [](double r, double a) { return Vec2{r * std::cos(a), r * std::sin(a)}; };
  auto near = [](Vec2 a, Vec2 b) { return (a - b).length() < 1e-9; };
  CHECK(nest.positions[0] == Vec2{0, 0});
  CHECK(near(nest.positions[1], polar(5, top)));                 // the PSD: the side's only other member
  CHECK(near(nest.positions[2], polar(15, top - third / 2)));    // A: ring 1, middle of wedge 1
  CHECK(near(nest.positions[3], polar(15, top - third * 1.5)));  // g: ring 1, towards wedge 2
  CHECK(near(nest.positions[4], polar(25, top - third * 1.5)));  // B: ring 2, middle of wedge 2
  CHECK_FALSE(nest.wedges[0].ghost);
  CHECK_FALSE(nest.wedges[1].ghost);
  REQUIRE(nest.wedges[2].ghost);
  CHECK(near(nest.wedges[2].ghostPosition, polar(15, top - third * 2.5)));
  CHECK(nest.rings == std::vector<double>{5, 15, 25});
}
