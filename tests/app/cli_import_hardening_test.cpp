// `nestmap import` and `nestmap new` against hostile input, end to end through the real binary:
// devices, huge files, file names that are not UTF-8 (issue 14).
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>

#include "app/cli.hpp"
#include "support/cli_sandbox.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
using test::Run;
using test::Sandbox;
namespace fs = std::filesystem;

TEST_CASE("cli: import of /dev/zero is refused up front, not after reading", "[cli][import][hardening]") {
  Sandbox box;
  const auto start = std::chrono::steady_clock::now();
  Run r = box.run({"import", "/dev/zero", "nul.nestmap"});
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r.status == kExitInvalidInput);
  CHECK(r.out == "");
  CHECK(r.err ==
        "nestmap: /dev/zero is geen gewoon bestand (maar een apparaat, pipe of socket) en wordt niet ingelezen.\n");
  CHECK_FALSE(fs::exists(box / "nul.nestmap"));
  CHECK(seconds < 10);  // reading /dev/zero would never end

  REQUIRE(mkfifo((box / "pijp.gexf").c_str(), 0600) == 0);
  Run fifo = box.run({"--lang", "en", "import", "pijp.gexf", "pijp.nestmap"});
  CHECK(fifo.status == kExitInvalidInput);
  CHECK(fifo.err == "nestmap: pijp.gexf is not a regular file (but a device, pipe or socket) and is not read.\n");
}

TEST_CASE("cli: import of a file over 512 MiB is refused before reading it", "[cli][import][hardening]") {
  Sandbox box;
  test::writeBytes(box / "groot.graphml", "<graphml/>");
  fs::resize_file(box / "groot.graphml", std::uintmax_t{1} << 30);  // sparse: 1 GiB of size, no disk
  Run r = box.run({"import", "groot.graphml", "groot.nestmap"});
  CHECK(r.status == kExitInvalidInput);
  CHECK(r.err ==
        "nestmap: Het bestand groot.graphml is groter dan 512 MiB (1073741824 bytes), de grens voor een import.\n");
  CHECK_FALSE(fs::exists(box / "groot.nestmap"));
  // The same check comes first for the analysis commands that read graph files.
  Run metrics = box.run({"metrics", "groot.graphml"});
  CHECK(metrics.status == kExitInvalidInput);
}

TEST_CASE("cli: a file name that is no UTF-8 names no map", "[cli][import][hardening]") {
  Sandbox box;
  const std::string name = "Br\xFCgge.graphml";  // Latin-1 ü, as an old system wrote it
  test::writeBytes(box / name, "<graphml><graph><node id=\"a\"/></graph></graphml>");
  Run r = box.run({"import", name, "brugge.nestmap"});
  CHECK(r.status == kExitInvalidInput);
  CHECK(r.err ==
        "nestmap: De bestandsnaam ‘Br\\xFCgge.graphml’ is geen geldige UTF-8 en kan dus geen kaart een naam geven; "
        "hernoem het bestand.\n");
  CHECK_FALSE(fs::exists(box / "brugge.nestmap"));

  Run created = box.run({"new", "Br\xFCgge.nestmap"});
  CHECK(created.status == kExitInvalidInput);
  CHECK(created.err ==
        "nestmap: De bestandsnaam ‘Br\\xFCgge.nestmap’ is geen geldige UTF-8 en kan dus geen kaart een naam geven; "
        "hernoem het bestand.\n");
  CHECK_FALSE(fs::exists(box / "Br\xFCgge.nestmap"));
  // --name gives the map a name, so the file may be called anything.
  CHECK(box.run({"new", "Br\xFCgge.nestmap", "--name", "Brugge"}).status == kExitOk);
  Run badName = box.run({"new", "x.nestmap", "--name", "Br\xFCgge"});
  CHECK(badName.status == kExitInvalidInput);
  CHECK(badName.err == "nestmap: De naam ‘Br\\xFCgge’ is geen geldige UTF-8.\n");
  CHECK_FALSE(fs::exists(box / "x.nestmap"));
}

TEST_CASE("cli: import refuses text that is no UTF-8 and numbers that are not finite", "[cli][import][hardening]") {
  Sandbox box;
  test::writeBytes(box / "latin1.gexf",
                   "<gexf><graph><nodes>\n<node id=\"a\" label=\"Br\xFCgge\"/></nodes></graph></gexf>");
  Run r = box.run({"import", "latin1.gexf", "latin1.nestmap"});
  CHECK(r.status == kExitInvalidInput);
  CHECK(r.err ==
        "nestmap: latin1.gexf:2:23: tekst die geen geldige UTF-8 is (Nestmap leest enkel UTF-8; sla het "
        "bestand op als UTF-8)\n");
  CHECK_FALSE(fs::exists(box / "latin1.nestmap"));

  test::writeBytes(box / "ver.gexf",
                   "<gexf xmlns:viz=\"http://gexf.net/1.3/viz\"><graph><nodes>\n"
                   "<node id=\"a\"><viz:position x=\"inf\" y=\"0\"/></node></nodes></graph></gexf>");
  Run inf = box.run({"import", "ver.gexf", "ver.nestmap"});
  CHECK(inf.status == kExitInvalidInput);
  CHECK(inf.err ==
        "nestmap: ver.gexf:2:31: positie ‘inf’ ligt buiten het toegelaten bereik (eindig, tussen −1e+12 en 1e+12)\n");
  CHECK_FALSE(fs::exists(box / "ver.nestmap"));
}
