// SectorLayout on small maps whose circles can be worked out by hand.
#include "layout/sector_layout.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "io/data_sources.hpp"

using namespace nestmap;

namespace {

constexpr double kPi = std::numbers::pi;

/// The default taxonomy (sectors sorted justice, justice_welfare, welfare,
/// child_protection, youth_care, ...) plus a type "loose" without a sector.
struct Fixture {
  Model m = defaultModel(embeddedData(), "test");
  RowId loose = 0;

  Fixture() {
    ActorType t;
    t.id = loose = m.actorTypes.nextId();
    t.key = "loose";
    m.actorTypes.put(t);
  }
  RowId actor(const std::string& name, const std::string& typeKey) {
    Actor a;
    a.id = m.actors.nextId();
    a.name = name;
    a.typeId = typeKey == "loose" ? loose : m.actorTypeByKey(typeKey)->id;
    m.actors.put(a);
    return a.id;
  }
  RowId sector(const std::string& key) const { return m.sectorByKey(key)->id; }
};

double distance(Vec2 a, Vec2 b) { return (a - b).length(); }

}  // namespace

TEST_CASE("SectorLayout: four sectors of one actor each make a square") {
  //        v0 (prison, justice)
  //   v1 (caw, welfare)     v3 (clb, education)
  //        v2 (ocj, youth care)
  // Every link crosses a sector: 1 + 1 + gap 0.5 + sector gap 2 = 4.5 long.
  Fixture f;
  f.actor("Gevangenis", "prison");
  f.actor("CAW", "caw");
  f.actor("OCJ", "ocj");
  f.actor("CLB", "clb");
  const auto g = GraphSnapshot::fromModel(f.m);
  const auto r = SectorLayout::run(f.m, g);

  const double radius = 4.5 / std::sqrt(2.0);
  CHECK(r.radius == Approx(radius));
  const Vec2 expected[] = {{0, radius}, {-radius, 0}, {0, -radius}, {radius, 0}};
  for (int v = 0; v < 4; ++v) {
    CHECK(r.positions[v].x == Approx(expected[v].x).margin(1e-9));
    CHECK(r.positions[v].y == Approx(expected[v].y).margin(1e-9));
  }
  REQUIRE(r.arcs.size() == 4);
  const char* order[] = {"justice", "welfare", "youth_care", "education"};
  const double halfWidth = std::asin(1 / radius);  // a unit circle seen from the centre
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(r.arcs[i].sectorId == f.sector(order[i]));
    CHECK(r.arcs[i].vertices == std::vector<GraphSnapshot::Vertex>{static_cast<GraphSnapshot::Vertex>(i)});
    CHECK(r.arcs[i].startAngle == Approx(kPi / 2 + i * kPi / 2 - halfWidth));
    CHECK(r.arcs[i].endAngle == Approx(kPi / 2 + i * kPi / 2 + halfWidth));
  }
}

TEST_CASE("SectorLayout: two sectors of two make a rectangle of the two link lengths") {
  //   in a sector: 1 + 1 + 0.5 = 2.5 apart; across: 4.5 apart. A rectangle
  //   2.5 × 4.5 inscribed: radius = half its diagonal = √(2.5² + 4.5²) / 2.
  Fixture f;
  f.actor("b", "prison");   // v0
  f.actor("A", "prison");   // v1: before "b" whatever the case
  f.actor("CAW 2", "caw");  // v2
  f.actor("CAW 1", "caw");  // v3
  const auto g = GraphSnapshot::fromModel(f.m);
  const auto r = SectorLayout::run(f.m, g);

  CHECK(r.radius == Approx(std::sqrt(26.5) / 2));
  CHECK(r.positions[1].x == Approx(0).margin(1e-12));  // the first actor at the top
  CHECK(r.positions[1].y == Approx(r.radius));
  CHECK(distance(r.positions[1], r.positions[0]) == Approx(2.5));
  CHECK(distance(r.positions[0], r.positions[3]) == Approx(4.5));
  CHECK(distance(r.positions[3], r.positions[2]) == Approx(2.5));
  CHECK(distance(r.positions[2], r.positions[1]) == Approx(4.5));
  CHECK(distance(r.positions[1], r.positions[3]) == Approx(std::sqrt(26.5)));  // a diagonal
  REQUIRE(r.arcs.size() == 2);
  CHECK(r.arcs[0].vertices == std::vector<GraphSnapshot::Vertex>{1, 0});
  CHECK(r.arcs[1].vertices == std::vector<GraphSnapshot::Vertex>{3, 2});
}

TEST_CASE("SectorLayout: sectors in sort order, the sectorless last, arcs apart, nobody overlapping") {
  Fixture f;
  f.actor("Prison B", "prison");    // v0
  f.actor("CAW Noord", "caw");      // v1
  f.actor("prison A", "prison");    // v2
  f.actor("Losse groep", "loose");  // v3
  f.actor("OCJ", "ocj");            // v4
  f.actor("PSD", "psd");            // v5: justice too
  // Make youth care come before welfare.
  f.m.sectors.find(f.sector("youth_care"))->sort = 0;
  const auto g = GraphSnapshot::fromModel(f.m);
  const SectorLayoutParams params{.gap = 0.5, .sectorGap = 2.0, .startAngle = 0};
  const auto r = SectorLayout::run(f.m, g, {}, params);

  REQUIRE(r.arcs.size() == 4);
  CHECK(r.arcs[0].sectorId == f.sector("youth_care"));
  CHECK(r.arcs[0].vertices == std::vector<GraphSnapshot::Vertex>{4});
  CHECK(r.arcs[1].sectorId == f.sector("justice"));
  CHECK(r.arcs[1].vertices == std::vector<GraphSnapshot::Vertex>{2, 0, 5});  // prison A, Prison B, PSD
  CHECK(r.arcs[2].sectorId == f.sector("welfare"));
  CHECK(r.arcs[2].vertices == std::vector<GraphSnapshot::Vertex>{1});
  CHECK(r.arcs[3].sectorId == 0);
  CHECK(r.arcs[3].vertices == std::vector<GraphSnapshot::Vertex>{3});
  CHECK(r.positions[4].x == Approx(r.radius));  // start angle 0: on +x
  CHECK(r.positions[4].y == Approx(0).margin(1e-12));

  for (std::size_t i = 0; i < r.arcs.size(); ++i) {
    CHECK(r.arcs[i].startAngle < r.arcs[i].endAngle);
    if (i + 1 < r.arcs.size()) CHECK(r.arcs[i].endAngle < r.arcs[i + 1].startAngle);
  }
  CHECK(r.arcs.back().endAngle < r.arcs.front().startAngle + 2 * kPi);

  // On the smallest circle every link is exactly as long as required.
  const std::vector<GraphSnapshot::Vertex> ring{4, 2, 0, 5, 1, 3};
  const double required[] = {4.5, 2.5, 2.5, 4.5, 4.5, 4.5};
  for (std::size_t k = 0; k < ring.size(); ++k)
    CHECK(distance(r.positions[ring[k]], r.positions[ring[(k + 1) % ring.size()]]) == Approx(required[k]));
  for (std::size_t a = 0; a < ring.size(); ++a)
    for (std::size_t b = a + 1; b < ring.size(); ++b)
      CHECK(distance(r.positions[a], r.positions[b]) >= 2.5 * (1 - 1e-9));
}

TEST_CASE("SectorLayout: one big circle takes a diameter, the small ones share the rest") {
  //   A and B radius 10, C radius 0.01, one sector, no gaps: A–B must be 20
  //   apart, a diameter of the radius-10 circle; C goes halfway round the other side.
  Fixture f;
  f.actor("A", "prison");
  f.actor("B", "prison");
  f.actor("C", "prison");
  const auto g = GraphSnapshot::fromModel(f.m);
  LayoutNodes nodes;
  nodes.radius = {10, 10, 0.01};
  const auto r = SectorLayout::run(f.m, g, nodes, {.gap = 0, .sectorGap = 2, .startAngle = kPi / 2});
  CHECK(r.radius == Approx(10));
  CHECK(r.positions[0].x == Approx(0).margin(1e-9));
  CHECK(r.positions[0].y == Approx(10));
  CHECK(r.positions[1].x == Approx(0).margin(1e-9));
  CHECK(r.positions[1].y == Approx(-10));
  CHECK(r.positions[2].x == Approx(10));
  CHECK(r.positions[2].y == Approx(0).margin(1e-9));
  REQUIRE(r.arcs.size() == 1);
  CHECK(r.arcs[0].endAngle - r.arcs[0].startAngle <= 2 * kPi);
}

TEST_CASE("SectorLayout: pinned actors stay and leave the circle to the others") {
  Fixture f;
  f.actor("Gevangenis", "prison");
  f.actor("CAW", "caw");
  f.actor("OCJ", "ocj");
  const auto g = GraphSnapshot::fromModel(f.m);
  LayoutNodes nodes;
  nodes.position = {{0, 0}, {7, -3}, {0, 0}};
  nodes.pinned = {0, 1, 0};
  const auto r = SectorLayout::run(f.m, g, nodes);
  CHECK(r.positions[1] == Vec2{7, -3});
  // Two left, across two sector borders: 4.5 apart, a diameter.
  CHECK(r.radius == Approx(2.25));
  CHECK(distance(r.positions[0], r.positions[2]) == Approx(4.5));
  REQUIRE(r.arcs.size() == 2);
  CHECK(r.arcs[0].vertices == std::vector<GraphSnapshot::Vertex>{0});
  CHECK(r.arcs[1].vertices == std::vector<GraphSnapshot::Vertex>{2});
}

TEST_CASE("SectorLayout: a single actor sits at the centre; no actors, no arcs") {
  Fixture f;
  SECTION("none") {
    const auto g = GraphSnapshot::fromModel(f.m);
    const auto r = SectorLayout::run(f.m, g);
    CHECK(r.positions.empty());
    CHECK(r.arcs.empty());
  }
  SECTION("one") {
    f.actor("Alone", "prison");
    const auto g = GraphSnapshot::fromModel(f.m);
    const auto r = SectorLayout::run(f.m, g);
    CHECK(r.positions[0] == Vec2{0, 0});
    REQUIRE(r.arcs.size() == 1);
    CHECK(r.arcs[0].endAngle - r.arcs[0].startAngle == Approx(2 * kPi));
  }
}

TEST_CASE("SectorLayout: the same map gives the same layout") {
  Fixture f;
  for (int i = 0; i < 40; ++i) f.actor("Actor " + std::to_string(i % 7), i % 3 ? "caw" : (i % 2 ? "ocj" : "loose"));
  const auto g = GraphSnapshot::fromModel(f.m);
  const auto a = SectorLayout::run(f.m, g), b = SectorLayout::run(f.m, g);
  CHECK(a.positions == b.positions);
  CHECK(a.radius == b.radius);
}
