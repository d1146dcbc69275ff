// GridLayout: quadrants of hand-picked actors and the sub-grid of a crowded cell.
#include "layout/grid_layout.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "io/data_sources.hpp"
#include "support/map_builder.hpp"

using namespace nestmap;

namespace {

struct Fixture {
  Model m = defaultModel(embeddedData(), "test");

  RowId actor(const std::string& name, int influence, int interest) {
    Actor a;
    a.name = name;
    a.typeId = m.actorTypeByKey("caw")->id;
    a.influence = influence;
    a.interest = interest;
    return test::putActor(m, a);
  }
};

}  // namespace

TEST_CASE("GridLayout: quadrants split at 2.5 on both axes") {
  CHECK(GridLayout::quadrantOf(5, 0) == Quadrant::KeepSatisfied);
  CHECK(GridLayout::quadrantOf(3, 2) == Quadrant::KeepSatisfied);
  CHECK(GridLayout::quadrantOf(3, 3) == Quadrant::ManageClosely);
  CHECK(GridLayout::quadrantOf(2, 2) == Quadrant::Monitor);
  CHECK(GridLayout::quadrantOf(0, 0) == Quadrant::Monitor);
  CHECK(GridLayout::quadrantOf(2, 3) == Quadrant::KeepInformed);
  CHECK(GridLayout::quadrantOf(0, 5) == Quadrant::KeepInformed);
  CHECK(GridLayout::quadrantOf(9, -1) == Quadrant::KeepSatisfied);  // out of range: the nearest value
}

TEST_CASE("GridLayout: one actor per cell sits at the cell's centre") {
  //   influence
  //     5 | A
  //     3 |       F  B
  //     2 |       C  E
  //     0 |              D
  //         0     2  3   5   interest
  // Largest group 1: sub-grid 1 × 1, slot 2 × 1 + 0.5, cell 2.5 + 1 = 3.5.
  Fixture f;
  f.actor("A", 5, 0);  // v0
  f.actor("B", 3, 3);  // v1
  f.actor("C", 2, 2);  // v2
  f.actor("D", 0, 5);  // v3
  f.actor("E", 2, 3);  // v4
  f.actor("F", 3, 2);  // v5
  const auto g = GraphSnapshot::fromModel(f.m);
  const auto r = GridLayout::run(f.m, g);

  CHECK(r.cellSize == 3.5);
  CHECK(r.quadrant == std::vector<Quadrant>{Quadrant::KeepSatisfied, Quadrant::ManageClosely, Quadrant::Monitor,
                                            Quadrant::KeepInformed, Quadrant::KeepInformed, Quadrant::KeepSatisfied});
  // x = interest × cell, y = influence × cell.
  CHECK(r.positions[0] == Vec2{0, 17.5});
  CHECK(r.positions[1] == Vec2{10.5, 10.5});
  CHECK(r.positions[2] == Vec2{7, 7});
  CHECK(r.positions[3] == Vec2{17.5, 0});
  CHECK(r.positions[4] == Vec2{10.5, 7});
  CHECK(r.positions[5] == Vec2{7, 10.5});

  // The quadrant rectangles meet at 2.5 cells and span half a cell beyond values 0 and 5.
  const auto& q = r.quadrants;
  CHECK(q[static_cast<int>(Quadrant::Monitor)] == Rect{{-1.75, -1.75}, {8.75, 8.75}});
  CHECK(q[static_cast<int>(Quadrant::KeepInformed)] == Rect{{8.75, -1.75}, {19.25, 8.75}});
  CHECK(q[static_cast<int>(Quadrant::KeepSatisfied)] == Rect{{-1.75, 8.75}, {8.75, 19.25}});
  CHECK(q[static_cast<int>(Quadrant::ManageClosely)] == Rect{{8.75, 8.75}, {19.25, 19.25}});

  REQUIRE(r.cells.size() == 36);
  const GridCell& c = r.cells[3 * 6 + 2];  // influence 3, interest 2
  CHECK(c.influence == 3);
  CHECK(c.interest == 2);
  CHECK(c.quadrant == Quadrant::KeepSatisfied);
  CHECK(c.rect == Rect{{5.25, 8.75}, {8.75, 12.25}});
  CHECK(c.vertices == std::vector<GraphSnapshot::Vertex>{5});
}

TEST_CASE("GridLayout: a crowded cell lays its actors on a sub-grid, and every cell grows with it") {
  //   five at (4, 4): sub-grid 3 × 3, slot 2.5, cell 3 × 2.5 + 1 = 8.5, centre (34, 34)
  //     top row:    a  b  c      at x 31.5, 34, 36.5   y 35.25
  //     last row:    d  e        at x 32.75, 35.25     y 32.75
  Fixture f;
  f.actor("e", 4, 4);
  f.actor("C", 4, 4);
  f.actor("a", 4, 4);
  f.actor("D", 4, 4);
  f.actor("b", 4, 4);
  f.actor("Alone", 0, 1);
  const auto g = GraphSnapshot::fromModel(f.m);
  const auto r = GridLayout::run(f.m, g);

  CHECK(r.cellSize == 8.5);
  CHECK(r.cells[4 * 6 + 4].vertices == std::vector<GraphSnapshot::Vertex>{2, 4, 1, 3, 0});  // a b C D e
  CHECK(r.positions[2] == Vec2{31.5, 35.25});
  CHECK(r.positions[4] == Vec2{34, 35.25});
  CHECK(r.positions[1] == Vec2{36.5, 35.25});
  CHECK(r.positions[3] == Vec2{32.75, 32.75});
  CHECK(r.positions[0] == Vec2{35.25, 32.75});
  CHECK(r.positions[5] == Vec2{8.5, 0});

  // No two actors closer than their diameters plus the gap.
  for (std::size_t a = 0; a < 6; ++a)
    for (std::size_t b = a + 1; b < 6; ++b) CHECK((r.positions[a] - r.positions[b]).length() >= 2.5);
}

TEST_CASE("GridLayout: pinned actors keep their place and their quadrant; the same map gives the same grid") {
  Fixture f;
  f.actor("P", 5, 5);
  f.actor("Q", 5, 5);
  f.actor("R", 1, 4);
  const auto g = GraphSnapshot::fromModel(f.m);
  LayoutNodes nodes;
  nodes.position = {{-3, -3}, {}, {}};
  nodes.pinned = {1, 0, 0};
  const auto r = GridLayout::run(f.m, g, nodes);
  CHECK(r.positions[0] == Vec2{-3, -3});
  CHECK(r.quadrant[0] == Quadrant::ManageClosely);
  CHECK(r.quadrant[2] == Quadrant::KeepInformed);
  CHECK(r.cellSize == 3.5);  // the pinned one does not crowd (5, 5)
  CHECK(r.positions[1] == Vec2{17.5, 17.5});
  CHECK(r.cells[5 * 6 + 5].vertices == std::vector<GraphSnapshot::Vertex>{1});

  const auto again = GridLayout::run(f.m, g, nodes);
  CHECK(again.positions == r.positions);
  CHECK(again.quadrant == r.quadrant);
}
