// PNGs are written like every other file (DESIGN.md rule 9), under Xvfb: `render --out`
// and the window's --screenshot refuse an existing file without --force, replace it with
// --force, say "disk full" on a full disk and leave nothing beside the target.
#include <sys/mount.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/cli.hpp"
#include "support/cli_sandbox.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
using test::contains;
using test::entries;
using test::Run;
namespace fs = std::filesystem;

namespace {



bool isPng(const fs::path& path) {
  const auto bytes = test::readBytes(path);
  return bytes.size() > 8 && std::string(bytes.begin() + 1, bytes.begin() + 4) == "PNG";
}

}  // namespace

TEST_CASE("files: render --out and --screenshot replace an existing picture only with --force", "[gui][files]") {
  if (!std::getenv("DISPLAY")) FAIL("no DISPLAY: run the GUI tests through `make test` (xvfb-run)");
  test::DemoSandbox demo;
  const std::vector<std::string> render = {"render", demo.map,    "--view", "Alliantie-overzicht",
                                           "--out",  "kaart.png", "--size", "400x300"};
  REQUIRE(demo.box.run(render).status == kExitOk);
  const auto first = test::readBytes(demo.box / "kaart.png");
  REQUIRE(isPng(demo.box / "kaart.png"));
  Run r = demo.box.run(render);
  CHECK(r.status == kExitExists);
  CHECK(contains(r.err, "kaart.png bestaat al; kies een andere naam, of vervang het met --force."));
  CHECK(test::readBytes(demo.box / "kaart.png") == first);
  std::vector<std::string> forced = render;
  forced.push_back("--force");
  r = demo.box.run(forced);
  INFO(r.err);
  CHECK(r.status == kExitOk);
  CHECK(isPng(demo.box / "kaart.png"));

  const std::vector<std::string> shot = {demo.map,       "--screenshot", "venster.png", "--screenshot-info",
                                         "venster.json", "--size",       "800x600"};
  REQUIRE(demo.box.run(shot).status == kExitOk);
  r = demo.box.run(shot);
  CHECK(r.status == kExitExists);
  CHECK(contains(r.err, "venster.png bestaat al; kies een andere naam, of vervang het met --force."));
  forced = shot;
  forced.push_back("--force");
  r = demo.box.run(forced);
  INFO(r.err);
  CHECK(r.status == kExitOk);
  CHECK(isPng(demo.box / "venster.png"));
  CHECK(entries(demo.box.dir()) ==
        std::vector<std::string>{"data", "demo.nestmap", "kaart.png", "venster.json", "venster.png"});
}

TEST_CASE("files: on a full disk render --out and --screenshot say so and keep the old picture",
          "[gui][files][diskfull]") {
  if (!std::getenv("DISPLAY")) FAIL("no DISPLAY: run the GUI tests through `make test` (xvfb-run)");
  test::DemoSandbox demo;
  const fs::path small = demo.box / "klein";
  fs::create_directories(small);
  if (::mount("tmpfs", small.c_str(), "tmpfs", 0, "size=2M") != 0) {
    WARN("skipped: cannot mount a 2 MB tmpfs (" << std::strerror(errno) << "); the test needs root");
    return;
  }
  struct Unmount {
    fs::path dir;
    ~Unmount() { ::umount2(dir.c_str(), MNT_DETACH); }
  } unmount{small};
  test::writeBytes(small / "oud.png", "old picture");
  struct statvfs s {};
  REQUIRE(::statvfs(small.c_str(), &s) == 0);
  const std::uint64_t free = static_cast<std::uint64_t>(s.f_bavail) * s.f_frsize, left = 16 * 1024;
  {
    std::ofstream filler(small / "vulling", std::ios::binary);
    const std::string block(4096, 'x');
    for (std::uint64_t n = 0; n + 4096 <= free - left; n += 4096) filler << block;
  }
  const std::vector<std::string> kept = entries(small);
  for (const auto& args :
       {std::vector<std::string>{"render", demo.map, "--view", "Alliantie-overzicht", "--out", "klein/oud.png",
                                 "--size", "1600x1200", "--force"},
        std::vector<std::string>{demo.map, "--screenshot", "klein/oud.png", "--size", "1600x1200", "--force"}}) {
    INFO(args.at(0));
    const Run r = demo.box.run(args);
    INFO(r.err);
    CHECK(r.status == kExitIo);
    CHECK(contains(r.err, "De schijf is vol"));
    CHECK(test::readBytes(small / "oud.png").size() == 11);
    CHECK(entries(small) == kept);
  }
}
