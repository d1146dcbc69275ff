// No file is ever clobbered (DESIGN.md rule 9), end to end through the real binary:
// every command that writes a file refuses an existing one without --force, never
// replaces a map with anything else, replaces atomically (kill -9 at any moment leaves
// the old file or the whole new one), says "disk full" when it is, and leaves no
// temporary file behind.
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "app/cli.hpp"
#include "io/data_sources.hpp"
#include "support/cli_sandbox.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
using test::contains;
using test::entries;
using test::Run;
using test::Sandbox;
namespace fs = std::filesystem;

namespace {

const std::string kKarate = (fs::path(NESTMAP_SOURCE_DIR) / "tests/analysis/fixtures/karate.graphml").string();



std::size_t demoActors() {
  static const std::size_t n = demoModel(embeddedData()).actors.size();
  return n;
}

/// A GraphML file of `nodes` actors in a ring with chords: big enough that parsing and
/// building take a while.
void writeGraph(const fs::path& path, int nodes) {
  std::ofstream out(path);
  out << "<graphml><key id=\"n\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>"
         "<graph edgedefault=\"undirected\">\n";
  for (int i = 0; i < nodes; ++i)
    out << "<node id=\"v" << i << "\"><data key=\"n\">Organisatie " << i << "</data></node>\n";
  for (int i = 0; i < nodes; ++i) {
    out << "<edge source=\"v" << i << "\" target=\"v" << (i + 1) % nodes << "\"/>\n";
    out << "<edge source=\"v" << i << "\" target=\"v" << (i * 7 + 3) % nodes << "\"/>\n";
  }
  out << "</graph></graphml>\n";
}

/// `nestmap args...` started in the sandbox's folder, its output thrown away; the caller waits or kills.
pid_t start(const Sandbox& box, const std::vector<std::string>& args) {
  std::vector<std::string> strings{NESTMAP_BINARY};
  strings.insert(strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  const std::string data = (box.dir() / "data").string(), config = (box.dir() / "config").string(),
                    home = box.dir().string();
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // This test process has one thread, so the child may still set its environment.
    const int null = open("/dev/null", O_WRONLY);
    if (null < 0 || chdir(home.c_str()) != 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0) _exit(127);
    setenv("XDG_DATA_HOME", data.c_str(), 1);
    setenv("XDG_CONFIG_HOME", config.c_str(), 1);
    setenv("HOME", home.c_str(), 1);
    unsetenv("NESTMAP_LANG");
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

/// Waits for `pid`; its exit status, or -1 when a signal ended it.
int wait(pid_t pid) {
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// Whether `map` is a whole map: `check` passes and it has `actors` actors.
bool wholeMap(const Sandbox& box, const fs::path& map, std::size_t actors) {
  const Run check = box.run({"check", map.string()});
  const Run info = box.run({"info", map.string(), "--format", "json"});
  if (check.status != kExitOk || info.status != kExitOk) return false;
  return nlohmann::json::parse(info.out).at("actors").get<std::size_t>() == actors;
}

/// A tmpfs of `size` mounted at `dir` while this lives (needs root, as in CI).
class SmallDisk {
 public:
  SmallDisk(fs::path dir, const std::string& size) : m_dir(std::move(dir)) {
    fs::create_directories(m_dir);
    m_mounted = ::mount("tmpfs", m_dir.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
    if (!m_mounted) m_error = std::strerror(errno);
  }
  ~SmallDisk() {
    if (m_mounted) ::umount2(m_dir.c_str(), MNT_DETACH);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;
  bool mounted() const { return m_mounted; }
  const std::string& error() const { return m_error; }
  std::uint64_t freeBytes() const {
    struct statvfs s {};
    REQUIRE(::statvfs(m_dir.c_str(), &s) == 0);
    return static_cast<std::uint64_t>(s.f_bavail) * s.f_frsize;
  }
  /// Fills the disk with a file "vulling" until about `left` bytes are free.
  void fill(std::uint64_t left) {
    const std::uint64_t free = freeBytes();
    REQUIRE(free > left);
    std::ofstream out(m_dir / "vulling", std::ios::binary);
    const std::string block(4096, 'x');
    for (std::uint64_t n = 0; n + 4096 <= free - left; n += 4096) out << block;
    out.close();
    REQUIRE(out);
  }

 private:
  fs::path m_dir;
  bool m_mounted = false;
  std::string m_error;
};

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] refusals: an existing file, a map

TEST_CASE("files: report --out the map itself refuses, with or without --force, and the map stays a map",
          "[cli][files]") {
  test::DemoSandbox demo;
  const auto before = test::readBytes(demo.map);
  Run r = demo.box.run({"report", demo.map, "--out", demo.map});
  CHECK(r.status == kExitExists);
  CHECK(r.out == "");
  CHECK(r.err ==
        "nestmap: Het bestand " + demo.map + " bestaat al; kies een andere naam, of vervang het met --force.\n");
  r = demo.box.run({"report", demo.map, "--out", demo.map, "--force"});
  CHECK(r.status == kExitExists);
  CHECK(r.err == "nestmap: " + demo.map +
                     " is een Nestmap-kaart en wordt nooit door een ander soort bestand vervangen, ook niet met "
                     "--force; kies een andere naam.\n");
  CHECK(test::readBytes(demo.map) == before);
  CHECK(demo.box.run({"check", demo.map}).status == kExitOk);
  CHECK(entries(demo.box.dir()) == std::vector<std::string>{"data", "demo.nestmap"});
}

TEST_CASE("files: report --out refuses an existing report without --force and replaces it with --force",
          "[cli][files]") {
  test::DemoSandbox demo;
  test::writeBytes(demo.box / "rapport.md", "oud rapport");
  Run r = demo.box.run({"report", demo.map, "--out", "rapport.md"});
  CHECK(r.status == kExitExists);
  CHECK(contains(r.err, "vervang het met --force"));
  CHECK(test::readBytes(demo.box / "rapport.md") ==
        std::vector<char>{'o', 'u', 'd', ' ', 'r', 'a', 'p', 'p', 'o', 'r', 't'});
  r = demo.box.run({"report", demo.map, "--out", "rapport.md", "--force", "--lang", "en"});
  CHECK(r.status == kExitOk);
  CHECK(r.err == "");
  const auto text = test::readBytes(demo.box / "rapport.md");
  CHECK(std::string(text.begin(), text.end()).starts_with("# Nest report"));
  CHECK(entries(demo.box.dir()) == std::vector<std::string>{"data", "demo.nestmap", "rapport.md"});
}

TEST_CASE("files: render --out and the window's --screenshot never replace a map, before any display is needed",
          "[cli][files]") {
  test::DemoSandbox demo;
  REQUIRE(demo.box.run({"new", "other.nestmap"}).status == kExitOk);
  const auto before = test::readBytes(demo.box / "other.nestmap");
  const std::vector<std::vector<std::string>> commands = {
      {"render", demo.map, "--view", "Alliantie-overzicht", "--out", "other.nestmap"},
      {demo.map, "--screenshot", "other.nestmap"},
      {demo.map, "--screenshot", "shot.png", "--screenshot-info", "other.nestmap"},
  };
  for (auto args : commands) {
    INFO(args.at(1) << ' ' << args.back());
    // No display: the refusal comes first, so the answer is the same with or without one.
    Run r = demo.box.run(args, {{"DISPLAY", ""}, {"WAYLAND_DISPLAY", ""}});
    CHECK(r.status == kExitExists);
    CHECK(contains(r.err, "other.nestmap bestaat al; kies een andere naam, of vervang het met --force."));
    args.push_back("--force");
    r = demo.box.run(args, {{"DISPLAY", ""}, {"WAYLAND_DISPLAY", ""}});
    CHECK(r.status == kExitExists);
    CHECK(contains(r.err, "other.nestmap is een Nestmap-kaart en wordt nooit door een ander soort bestand vervangen"));
  }
  CHECK(test::readBytes(demo.box / "other.nestmap") == before);
  CHECK(entries(demo.box.dir()) == std::vector<std::string>{"data", "demo.nestmap", "other.nestmap"});
}

TEST_CASE("files: demo --force and import --force replace only a map", "[cli][files]") {
  Sandbox box;
  test::writeBytes(box / "notities.nestmap", "mijn notities");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"demo", "--force", "notities.nestmap"},
        std::vector<std::string>{"import", "--force", kKarate, "notities.nestmap"}}) {
    INFO(args.at(0));
    const Run r = box.run(args);
    CHECK(r.status == kExitExists);
    CHECK(r.err ==
          "nestmap: notities.nestmap is geen Nestmap-kaart; --force vervangt alleen een kaart door een kaart.\n");
    CHECK(test::readBytes(box / "notities.nestmap").size() == 13);
  }
  // Without --force the refusal says how to replace it.
  const Run r = box.run({"demo", "notities.nestmap"});
  CHECK(r.status == kExitExists);
  CHECK(r.err ==
        "nestmap: Het bestand notities.nestmap bestaat al; kies een andere naam, of vervang het met --force.\n");
  CHECK(entries(box.dir()) == std::vector<std::string>{"data", "notities.nestmap"});
}

TEST_CASE("files: import without --force never replaces a map made while it parsed", "[cli][files][import]") {
  Sandbox box;
  writeGraph(box / "groot.graphml", 20000);
  REQUIRE(box.run({"new", "ander.nestmap", "--name", "Ander"}).status == kExitOk);
  const auto other = test::readBytes(box / "ander.nestmap");

  const pid_t pid = start(box, {"import", "groot.graphml", "kaart.nestmap"});
  // The temporary map appears once parsing is done; the target is made while the map is built.
  const fs::path temp = box / (".kaart.nestmap.tmp-" + std::to_string(pid));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!fs::exists(temp) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  REQUIRE(fs::exists(temp));
  fs::copy_file(box / "ander.nestmap", box / "kaart.nestmap");
  const int status = wait(pid);
  if (!fs::exists(temp) && status == kExitOk) FAIL("the import finished before the other map was made");
  CHECK(status == kExitExists);
  CHECK(test::readBytes(box / "kaart.nestmap") == other);
  CHECK(entries(box.dir()) == std::vector<std::string>{"ander.nestmap", "data", "groot.graphml", "kaart.nestmap"});
}

// ---------------------------------------------------------------------------
// [SECTION] kill -9 at random moments

namespace {

struct KillCounts {
  int old = 0, replaced = 0, leftovers = 0;
};

/// Starts `args` `runs` times, each time killing it after a random wait in [0, 1.2 × a full run];
/// the target must be the file it was before or a whole new map of `actors` actors.
KillCounts killAtRandom(const Sandbox& box, const std::vector<std::string>& args, const fs::path& target,
                        std::size_t actors, int runs, std::uint32_t seed) {
  // One full run to a file of its own, for how long a run takes here.
  std::vector<std::string> timed = args;
  timed.back() = "maat.nestmap";
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(box.run(timed).status == kExitOk);
  const auto full = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  fs::remove(box / "maat.nestmap");

  std::mt19937 rng(seed);
  std::uniform_int_distribution<long> after(0, full.count() * 6 / 5);
  KillCounts counts;
  const std::vector<std::string> clean = entries(box.dir());
  for (int run = 0; run < runs; ++run) {
    const auto before = test::readBytes(target);
    const long wait_us = after(rng);
    const pid_t pid = start(box, args);
    std::this_thread::sleep_for(std::chrono::microseconds(wait_us));
    ::kill(pid, SIGKILL);
    wait(pid);
    INFO("run " << run << ", killed after " << wait_us << " µs of " << full.count());
    if (test::readBytes(target) == before) {
      ++counts.old;
    } else {
      CHECK(wholeMap(box, target, actors));
      ++counts.replaced;
    }
    if (entries(box.dir()) != clean) ++counts.leftovers;
  }
  // The next run removes what the killed ones left.
  REQUIRE(box.run(args).status == kExitOk);
  CHECK(entries(box.dir()) == clean);
  CHECK(wholeMap(box, target, actors));
  std::cout << "kill -9 test `" << args.at(0) << "`: full run " << full.count() / 1000 << " ms, " << runs
            << " kills (seed " << seed << "): " << counts.old << " left the old file, " << counts.replaced
            << " the new map, " << counts.leftovers << " left temporary files (swept by the next run)\n";
  return counts;
}

}  // namespace

TEST_CASE("files: kill -9 during import --force leaves the old map or the whole new one", "[cli][files][kill]") {
  Sandbox box;
  writeGraph(box / "graaf.graphml", 3000);
  REQUIRE(box.run({"new", "kaart.nestmap", "--name", "Oud"}).status == kExitOk);
  const KillCounts counts =
      killAtRandom(box, {"import", "--force", "graaf.graphml", "kaart.nestmap"}, box / "kaart.nestmap", 3000, 20, 14);
  CHECK(counts.old + counts.replaced == 20);
}

TEST_CASE("files: kill -9 during demo --force leaves the old map or the whole new one", "[cli][files][kill]") {
  Sandbox box;
  REQUIRE(box.run({"new", "kaart.nestmap", "--name", "Oud"}).status == kExitOk);
  const KillCounts counts =
      killAtRandom(box, {"demo", "--force", "kaart.nestmap"}, box / "kaart.nestmap", demoActors(), 20, 1414);
  CHECK(counts.old + counts.replaced == 20);
}

// ---------------------------------------------------------------------------
// [SECTION] a full disk

TEST_CASE("files: on a full disk import, demo --force and report --out say so and change nothing",
          "[cli][files][diskfull]") {
  Sandbox box;
  SmallDisk disk(box / "klein", "2M");
  if (!disk.mounted()) {
    WARN("skipped: cannot mount a 2 MB tmpfs (" << disk.error() << "); the test needs root");
    return;
  }
  REQUIRE(box.run({"demo", "demo.nestmap"}).status == kExitOk);
  REQUIRE(box.run({"new", "klein/kaart.nestmap", "--name", "Oud"}).status == kExitOk);
  test::writeBytes(box / "klein/rapport.md", "oud rapport");
  const auto oldMap = test::readBytes(box / "klein/kaart.nestmap");
  // Room for less than each new file, more than nothing: each write starts and fails halfway.
  const std::vector<std::pair<std::vector<std::string>, std::uint64_t>> commands = {
      {{"import", "--force", kKarate, "klein/kaart.nestmap"}, 48 * 1024},
      {{"demo", "--force", "klein/kaart.nestmap"}, 48 * 1024},
      {{"report", "demo.nestmap", "--out", "klein/rapport.md", "--force"}, 12 * 1024},
  };
  for (const auto& [args, left] : commands) {
    INFO(args.at(0) << " with " << left / 1024 << " KB free");
    fs::remove(box / "klein/vulling");
    disk.fill(left);
    const std::vector<std::string> kept = entries(box / "klein");
    const Run r = box.run(args);
    INFO(r.err);
    CHECK(r.status == kExitIo);
    CHECK(contains(r.err, "De schijf is vol"));
    CHECK_FALSE(contains(r.err, "interne fout"));
    CHECK(test::readBytes(box / "klein/kaart.nestmap") == oldMap);
    CHECK(test::readBytes(box / "klein/rapport.md").size() == 11);
    CHECK(entries(box / "klein") == kept);
  }
}

TEST_CASE("files: on a full disk --set-status and layout say so, change nothing, and work once there is room",
          "[cli][files][diskfull]") {
  Sandbox box;
  SmallDisk disk(box / "klein", "4M");
  if (!disk.mounted()) {
    WARN("skipped: cannot mount a 4 MB tmpfs (" << disk.error() << "); the test needs root");
    return;
  }
  REQUIRE(box.run({"demo", "klein/kaart.nestmap"}).status == kExitOk);
  const auto oldMap = test::readBytes(box / "klein/kaart.nestmap");
  const std::vector<std::vector<std::string>> commands = {
      {"agreements", "klein/kaart.nestmap", "--set-status", "5", "stopped", "--note", "schijf vol"},
      {"layout", "klein/kaart.nestmap", "--algo", "grid"},
  };
  // Room for less than the change (64 KB), and for less than SQLite's
  // shared-memory file (8 KB): both end in the same words.
  for (const std::uint64_t left : {64 * 1024, 8 * 1024}) {
    for (const auto& args : commands) {
      INFO(args.at(0) << " with " << left / 1024 << " KB free");
      fs::remove(box / "klein/vulling");
      disk.fill(left);
      const Run r = box.run(args);
      INFO(r.err);
      CHECK(r.status == kExitIo);
      CHECK(contains(r.err, "De schijf is vol"));
      CHECK(test::readBytes(box / "klein/kaart.nestmap") == oldMap);
    }
  }
  fs::remove(box / "klein/vulling");
  CHECK(box.run({"check", "klein/kaart.nestmap"}).status == kExitOk);
  for (const auto& args : commands) CHECK(box.run(args).status == kExitOk);
  const Run log = box.run({"log", "klein/kaart.nestmap", "--limit", "2"});
  CHECK(contains(log.out, "schijf vol") == false);  // the note is in the history, not the description
  CHECK(std::count(log.out.begin(), log.out.end(), '\n') == 2);
}
