#include <catch2/catch.hpp>

#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "support/sample_model.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;

TEST_CASE("a change made through another connection is noticed and reloaded", "[edit][external]") {
  test::TempDir dir;
  { Document::create(dir / "map.nestmap", test::sampleModel()); }
  Document mine = Document::open(dir / "map.nestmap");
  Document theirs = Document::open(dir / "map.nestmap");

  Actor own;
  own.name = "Eigen wijziging";
  own.typeId = 3;
  mine.execute(addActor(own));
  CHECK_FALSE(mine.reloadIfChangedExternally());  // our own commits are no news
  REQUIRE(mine.canUndo());

  CHECK(theirs.reloadIfChangedExternally());
  CHECK(theirs.model().actors.size() == 5);
  Actor other;
  other.name = "Van een ander proces";
  other.typeId = 4;
  theirs.execute(addActor(other));

  const std::uint64_t revision = mine.revision();
  CHECK(mine.reloadIfChangedExternally());
  CHECK(mine.revision() > revision);
  CHECK(mine.model() == theirs.model());
  CHECK(mine.model().actors.find(6)->name == "Van een ander proces");
  CHECK_FALSE(mine.canUndo());  // the old undo history no longer fits the file
  CHECK_FALSE(mine.reloadIfChangedExternally());
}
