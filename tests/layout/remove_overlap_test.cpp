// RemoveOverlap on hand-placed circles: exact moves for one pair, then crowds.
#include "layout/remove_overlap.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

using namespace nestmap;

namespace {

/// Pairs closer than the sum of their radii plus `gap` (less a rounding margin).
std::size_t overlappingPairs(const std::vector<Vec2>& p, const std::vector<double>& radius, double gap) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size(); ++j) {
      const double target = (radius.empty() ? 2.0 : radius[i] + radius[j]) + gap;
      if ((p[j] - p[i]).length() < target * (1 - 1e-9)) ++count;
    }
  return count;
}

}  // namespace

TEST_CASE("RemoveOverlap: one pair moves apart by half the overlap each, along the line between them") {
  //   a(0,0) r1   b(1.5,0) r1, gap 0.5: they should be 2.5 apart, overlap 1
  std::vector<Vec2> p{{0, 0}, {1.5, 0}};
  SECTION("without slack: exactly to the required distance") {
    const auto result = RemoveOverlap::run(p, {}, {}, {.gap = 0.5, .maxIterations = 10, .slack = 0});
    CHECK(result.overlaps == 0);
    CHECK(result.iterations == 2);  // one pass moves, the next finds nothing
    CHECK(p[0].x == Approx(-0.5));
    CHECK(p[1].x == Approx(2.0));
  }
  SECTION("with the default slack of 1 %: to 2.525 apart") {
    const auto result = RemoveOverlap::run(p, {}, {}, {.gap = 0.5});
    CHECK(result.overlaps == 0);
    CHECK(p[0].x == Approx(-0.5125));
    CHECK(p[1].x == Approx(2.0125));
  }
  CHECK(p[0].y == 0);
  CHECK(p[1].y == 0);
}

TEST_CASE("RemoveOverlap: a pinned circle stays, the other moves by the whole overlap") {
  //   a(0,0) pinned   b(0,1): radius 1 each, gap 0 → b goes to (0,2)
  std::vector<Vec2> p{{0, 0}, {0, 1}};
  const auto result = RemoveOverlap::run(p, {}, {1, 0}, {.gap = 0, .maxIterations = 10, .slack = 0});
  CHECK(result.overlaps == 0);
  CHECK(p[0] == Vec2{0, 0});
  CHECK(p[1].x == 0);
  CHECK(p[1].y == Approx(2.0));
}

TEST_CASE("RemoveOverlap: two pinned circles stay overlapping and are counted") {
  std::vector<Vec2> p{{0, 0}, {1, 0}, {0.5, 0.1}};
  const auto result = RemoveOverlap::run(p, {}, {1, 1, 0}, {.gap = 0.1, .maxIterations = 50});
  CHECK(result.overlaps == 1);
  CHECK(p[0] == Vec2{0, 0});
  CHECK(p[1] == Vec2{1, 0});
  // The free one is clear of both.
  CHECK((p[2] - p[0]).length() >= 2.1 * (1 - 1e-9));
  CHECK((p[2] - p[1]).length() >= 2.1 * (1 - 1e-9));
}

TEST_CASE("RemoveOverlap: circles apart already do not move") {
  std::vector<Vec2> p{{0, 0}, {2.1, 0}, {0, 5}};
  const std::vector<Vec2> before = p;
  const auto result = RemoveOverlap::run(p, {}, {});
  CHECK(result.overlaps == 0);
  CHECK(result.iterations == 1);
  CHECK(p == before);
}

TEST_CASE("RemoveOverlap: coincident centres separate, the same way every run") {
  // Ten actors in one town, one of them pinned, radii 0.5 to 1.4.
  std::vector<Vec2> p(10, Vec2{100, -50});
  std::vector<double> radius;
  for (int i = 0; i < 10; ++i) radius.push_back(0.5 + 0.1 * i);
  std::vector<char> pinned(10, 0);
  pinned[3] = 1;
  std::vector<Vec2> again = p;

  const auto result = RemoveOverlap::run(p, radius, pinned, {.gap = 0.1, .maxIterations = 200});
  CHECK(result.overlaps == 0);
  CHECK(overlappingPairs(p, radius, 0.1) == 0);
  CHECK(p[3] == Vec2{100, -50});

  const auto second = RemoveOverlap::run(again, radius, pinned, {.gap = 0.1, .maxIterations = 200});
  CHECK(second.iterations == result.iterations);
  CHECK(again == p);  // bit for bit
}

TEST_CASE("RemoveOverlap: a dense crowd spread over many grid cells ends without overlaps") {
  // 400 unit circles on a 20 × 20 lattice of spacing 0.5: every circle overlaps
  // a dozen others, and the grid must find pairs across cell borders.
  std::vector<Vec2> p;
  for (int i = 0; i < 20; ++i)
    for (int j = 0; j < 20; ++j) p.push_back({0.5 * i, 0.5 * j});
  LayoutNodes nodes{p, {}, {}};
  const auto result = RemoveOverlap::run(nodes, {.gap = 0.1, .maxIterations = 500});
  CHECK(result.overlaps == 0);
  CHECK(result.iterations < 500);
  CHECK(overlappingPairs(nodes.position, {}, 0.1) == 0);
}

TEST_CASE("RemoveOverlap: when passes run out, the pairs left are counted") {
  std::vector<Vec2> p;
  for (int i = 0; i < 30; ++i) p.push_back({0.01 * i, 0});
  const auto result = RemoveOverlap::run(p, {}, {}, {.gap = 0.1, .maxIterations = 1});
  CHECK(result.iterations == 1);
  CHECK(result.overlaps == overlappingPairs(p, {}, 0.1));
  CHECK(result.overlaps > 0);
}

TEST_CASE("RemoveOverlap: radius and pinned must match the positions") {
  std::vector<Vec2> p(3);
  CHECK_THROWS_AS(RemoveOverlap::run(p, {1.0, 1.0}, {}), std::invalid_argument);
  CHECK_THROWS_AS(RemoveOverlap::run(p, {}, {0}), std::invalid_argument);
}
