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

TEST_CASE("a command built on a stale model is refused, never applied over another's change", "[edit][external]") {
  test::TempDir dir;
  { Document::create(dir / "map.nestmap", test::sampleModel()); }
  Document mine = Document::open(dir / "map.nestmap");
  Document theirs = Document::open(dir / "map.nestmap");

  // Both rename actor 1, each from the model it read.
  Actor renamed = *theirs.model().actors.find(1);
  renamed.name = "Hernoemd door hen";
  theirs.execute(updateActor(renamed));

  Actor mineRenamed = *mine.model().actors.find(1);
  mineRenamed.name = "Hernoemd door mij";
  const std::size_t logBefore = mine.store().changeLog().size();
  try {
    mine.execute(updateActor(mineRenamed));
    FAIL("a stale command was applied");
  } catch (const UserError& e) {
    CHECK(e.kind() == UserError::Kind::Changed);
  }
  // Refused: their name stands, the log has no entry of ours, and our model
  // is the file's again.
  CHECK(mine.model().actors.find(1)->name == "Hernoemd door hen");
  CHECK(mine.store().changeLog().size() == logBefore);
  CHECK_FALSE(mine.canUndo());
  CHECK_FALSE(mine.reloadIfChangedExternally());
}

TEST_CASE("a command built inside the transaction builds on another's change", "[edit][external]") {
  test::TempDir dir;
  { Document::create(dir / "map.nestmap", test::sampleModel()); }
  Document mine = Document::open(dir / "map.nestmap");
  Document theirs = Document::open(dir / "map.nestmap");

  Actor tagged = *theirs.model().actors.find(1);
  tagged.tags = {"van hen"};
  theirs.execute(updateActor(tagged));

  int built = 0;
  mine.execute([&](const Model& now) {
    ++built;
    Actor a = *now.actors.find(1);
    a.tags.push_back("van mij");  // from the file as it is now, so "van hen" stays
    return updateActor(a);
  });
  CHECK(built == 1);
  Document fresh = Document::open(dir / "map.nestmap");
  CHECK(fresh.model().actors.find(1)->tags == std::vector<std::string>{"van hen", "van mij"});
  REQUIRE(mine.canUndo());
  mine.undo();
  Document afterUndo = Document::open(dir / "map.nestmap");
  CHECK(afterUndo.model().actors.find(1)->tags == std::vector<std::string>{"van hen"});
}

TEST_CASE("a read-only map opens for reading and refuses every change", "[edit][readonly]") {
  test::TempDir dir;
  const auto file = dir / "map.nestmap";
  { Document::create(file, test::sampleModel()); }
  std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::group_read |
                                         std::filesystem::perms::others_read);
  const auto before = test::readBytes(file);
  Document doc = Document::open(file);
  CHECK(doc.readOnly());
  CHECK(doc.model().actors.size() == 4);
  Actor a;
  a.name = "Nieuw";
  a.typeId = 3;
  try {
    doc.execute(addActor(a));
    FAIL("a read-only map was changed");
  } catch (const UserError& e) {
    CHECK(e.kind() == UserError::Kind::ReadOnly);
  }
  CHECK(doc.model().actors.size() == 4);
  CHECK(test::readBytes(file) == before);
  // Asked for, a writable map opens read-only too.
  std::filesystem::permissions(file, std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
  Document reading = Document::open(file, {.readOnly = true});
  CHECK(reading.readOnly());
  CHECK_THROWS_AS(reading.execute(addActor(a)), UserError);
}
