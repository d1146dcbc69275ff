// The file dialog's listing: folders and maps only, sorted, hidden ones left out.
#include "ui/file_dialog.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

using namespace nestmap;
namespace fs = std::filesystem;

TEST_CASE("file dialog: lists folders and .nestmap files", "[file_dialog]") {
  // dir/
  //   b.nestmap  a.nestmap  notes.txt  .hidden.nestmap  map.nestmap-wal
  //   zeta/  alpha/  .git/   link-to-alpha -> alpha
  test::TempDir dir;
  for (const char* f : {"b.nestmap", "a.nestmap", "notes.txt", ".hidden.nestmap", "map.nestmap-wal"})
    test::writeBytes(dir / f, "x");
  for (const char* d : {"zeta", "alpha", ".git"}) fs::create_directory(dir / d);
  fs::create_directory_symlink(dir / "alpha", dir / "link-to-alpha");

  const DirectoryListing l = listDirectory(dir.path());
  CHECK(l.error.empty());
  CHECK(l.directories == std::vector<std::string>{"alpha", "link-to-alpha", "zeta"});
  CHECK(l.files == std::vector<std::string>{"a.nestmap", "b.nestmap"});
}

TEST_CASE("file dialog: an unreadable folder says why", "[file_dialog]") {
  test::TempDir dir;
  const DirectoryListing l = listDirectory(dir / "missing");
  CHECK(l.directories.empty());
  CHECK(l.files.empty());
  CHECK_FALSE(l.error.empty());
}
