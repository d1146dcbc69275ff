// Lambert 2008 against PROJ, and GeoLayout on a handful of Belgian actors.
#include "layout/geo_layout.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "io/data_sources.hpp"
#include "support/map_builder.hpp"

using namespace nestmap;

namespace {

struct Fixture {
  Model m = defaultModel(embeddedData(), "test");

  RowId actor(const std::string& name, std::optional<double> latitude, std::optional<double> longitude) {
    Actor a;
    a.name = name;
    a.typeId = m.actorTypeByKey("caw")->id;
    a.latitude = latitude;
    a.longitude = longitude;
    return test::putActor(m, a);
  }
  void tie(RowId from, RowId to) { test::putTie(m, from, to); }
};

double distance(Vec2 a, Vec2 b) { return (a - b).length(); }

}  // namespace

TEST_CASE("lambert2008: the projection's origin is the false easting and northing") {
  // 50°47′52.134″ N, 4°21′33.177″ E
  const Vec2 p = lambert2008(50 + 47.0 / 60 + 52.134 / 3600, 4 + 21.0 / 60 + 33.177 / 3600);
  CHECK(p.x == Approx(649328.0).margin(1e-6));
  CHECK(p.y == Approx(665262.0).margin(1e-6));
}

TEST_CASE("lambert2008: agrees with PROJ to the millimetre") {
  // Reference: PROJ 9.1.1, `cs2cs -f %.4f EPSG:4258 EPSG:3812` (ETRS89 → Belgian Lambert 2008).
  struct Case {
    double latitude, longitude, x, y;
  };
  const Case cases[] = {
      {50.8467, 4.3525, 648855.0356, 670699.9451},  // Brussels, Grand-Place
      {51.2194, 4.4025, 652352.1293, 712162.3338},  // Antwerp
      {49.5, 6.4, 797149.1524, 522939.0456},        // south-east of Arlon, outside the standard parallels
      {51.5, 2.5, 520225.6085, 744997.4913},        // the North Sea off De Panne
  };
  for (const Case& c : cases) {
    const Vec2 p = lambert2008(c.latitude, c.longitude);
    CHECK(p.x == Approx(c.x).margin(0.001));
    CHECK(p.y == Approx(c.y).margin(0.001));
  }
}

TEST_CASE("GeoLayout: actors at their projected place in kilometres, y to the north") {
  Fixture f;
  f.actor("Brussel", 50.8467, 4.3525);
  f.actor("Antwerpen", 51.2194, 4.4025);
  const auto g = GraphSnapshot::fromModel(f.m);
  const auto r = GeoLayout::run(f.m, g);
  CHECK(r.withoutCoordinates == 0);
  CHECK(r.overlaps == 0);
  CHECK(r.placement == std::vector<GeoPlacement>{GeoPlacement::Coordinates, GeoPlacement::Coordinates});
  CHECK(r.positions[0].x == Approx(648.8550356));
  CHECK(r.positions[0].y == Approx(670.6999451));
  CHECK(r.positions[1].y > r.positions[0].y);  // Antwerp is north of Brussels
}

TEST_CASE("GeoLayout: actors in one town are spread until none overlap") {
  Fixture f;
  for (int i = 0; i < 6; ++i) f.actor("Leuven " + std::to_string(i), 50.8798, 4.7005);
  f.actor("Leuven, next street", 50.8799, 4.7006);
  const auto g = GraphSnapshot::fromModel(f.m);
  const auto r = GeoLayout::run(f.m, g, {}, {.scale = 1000, .spreadIterations = 100, .gap = 0.1});
  CHECK(r.overlaps == 0);
  const Vec2 town = lambert2008(50.8798, 4.7005) * (1.0 / 1000);
  for (std::size_t a = 0; a < 7; ++a) {
    CHECK(distance(r.positions[a], town) < 5);  // still in town, give or take a few node sizes
    for (std::size_t b = a + 1; b < 7; ++b) CHECK(distance(r.positions[a], r.positions[b]) >= 2.1 * (1 - 1e-9));
  }
  // Deterministic: the same spreading every run.
  CHECK(GeoLayout::run(f.m, g, {}, {.scale = 1000, .spreadIterations = 100, .gap = 0.1}).positions == r.positions);
}

TEST_CASE("GeoLayout: a town of two hundred actors at one point is spread within the default passes") {
  Fixture f;
  for (int i = 0; i < 200; ++i) f.actor("Gent " + std::to_string(i), 51.0543, 3.7174);
  const auto g = GraphSnapshot::fromModel(f.m);
  LayoutNodes nodes;
  for (int i = 0; i < 200; ++i) nodes.radius.push_back(i % 10 ? 1.0 : 2.0);
  const auto r = GeoLayout::run(f.m, g, nodes);
  CHECK(r.overlaps == 0);
  std::size_t overlapping = 0;
  for (std::size_t a = 0; a < 200; ++a)
    for (std::size_t b = a + 1; b < 200; ++b)
      overlapping += distance(r.positions[a], r.positions[b]) < (nodes.radius[a] + nodes.radius[b] + 0.1) * (1 - 1e-9);
  CHECK(overlapping == 0);
}

TEST_CASE("GeoLayout: no coordinates: the mean of the located neighbours, else a row below the map") {
  //   Brussel ── Zonder adres ── Antwerpen      Nergens (no coordinates, no ties)
  //                   │
  //               Ook nergens (no coordinates: does not count as a neighbour)
  Fixture f;
  const RowId brussel = f.actor("Brussel", 50.8467, 4.3525);
  const RowId without = f.actor("Zonder adres", std::nullopt, std::nullopt);
  const RowId antwerpen = f.actor("Antwerpen", 51.2194, 4.4025);
  f.actor("Nergens", std::nullopt, std::nullopt);
  const RowId alsoNowhere = f.actor("Ook nergens", std::nullopt, 4.0);  // a longitude alone is no place
  f.tie(brussel, without);
  f.tie(without, antwerpen);
  f.tie(without, alsoNowhere);
  const auto g = GraphSnapshot::fromModel(f.m);
  const auto r = GeoLayout::run(f.m, g);

  CHECK(r.withoutCoordinates == 3);
  CHECK(r.placement[1] == GeoPlacement::Neighbours);
  CHECK(r.positions[1].x == Approx((648.8550356 + 652.3521293) / 2));
  CHECK(r.positions[1].y == Approx((670.6999451 + 712.1623338) / 2));
  // Rows start at the map's west edge, two slots (2 × radius 1 + gap 0.1) below its lowest actor.
  CHECK(r.placement[3] == GeoPlacement::Row);
  CHECK(r.placement[4] == GeoPlacement::Row);
  CHECK(r.positions[3].x == Approx(648.8550356));
  CHECK(r.positions[3].y == Approx(670.6999451 - 4.2));
  CHECK(r.positions[4].x == Approx(648.8550356 + 2.1));
  CHECK(r.positions[4].y == Approx(670.6999451 - 4.2));
}

TEST_CASE("GeoLayout: pinned actors stay where they are, and others move away from them") {
  Fixture f;
  f.actor("Brussel", 50.8467, 4.3525);
  f.actor("Brussel too", 50.8467, 4.3525);
  const auto g = GraphSnapshot::fromModel(f.m);
  LayoutNodes nodes;
  const Vec2 here = lambert2008(50.8467, 4.3525) * (1.0 / 1000);
  nodes.position = {here, {}};
  nodes.pinned = {1, 0};
  const auto r = GeoLayout::run(f.m, g, nodes);
  CHECK(r.placement[0] == GeoPlacement::Pinned);
  CHECK(r.positions[0] == here);
  CHECK(distance(r.positions[1], here) == Approx(2.1 * 1.01));  // pushed the whole way, with 1 % slack
  CHECK(r.overlaps == 0);
}
