// Several processes change one map at once: every change that reported
// success is in the file and in its change log exactly once, and nothing
// that failed left a trace (DESIGN rule 10).
#include <fcntl.h>
#include <sqlite3.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <random>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "edit/document.hpp"
#include "support/cli_sandbox.hpp"

using namespace nestmap;
namespace fs = std::filesystem;

namespace {

/// Runs `workers` shell loops side by side, each running `commands` nestmap
/// commands one after the other; returns, per note, the exit status.
std::map<std::string, int> runConcurrently(const test::Sandbox& box, const std::string& map, int workers, int commands,
                                           const std::vector<std::string>& statuses,
                                           const std::vector<std::string>& agreements) {
  std::ostringstream script;
  script << "set -u\n";
  for (int w = 0; w < workers; ++w) {
    script << "(\n";
    for (int i = 0; i < commands; ++i) {
      const std::string note = "w" + std::to_string(w) + "-" + std::to_string(i);
      const std::string& agreement = agreements[static_cast<std::size_t>(w + i) % agreements.size()];
      const std::string& status = statuses[static_cast<std::size_t>(w * 7 + i) % statuses.size()];
      script << "  '" << NESTMAP_BINARY << "' agreements '" << map << "' --set-status " << agreement << " '" << status
             << "' --date 2026-12-01 --note " << note << " >/dev/null 2>>'" << (box / "errors.txt").string()
             << "'; echo \"" << note << " $?\" >> '" << (box / ("rc" + std::to_string(w))).string() << "'\n";
    }
    script << ") &\n";
  }
  script << "wait\n";
  const fs::path file = box / "race.sh";
  std::ofstream(file) << script.str();
  const std::string command = "XDG_DATA_HOME='" + (box / "data").string() + "' sh '" + file.string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  std::map<std::string, int> results;
  for (int w = 0; w < workers; ++w) {
    std::ifstream in(box / ("rc" + std::to_string(w)));
    std::string note;
    int status = 0;
    while (in >> note >> status) results[note] = status;
  }
  return results;
}

}  // namespace

TEST_CASE("concurrent --set-status: every reported success is in the file and the log exactly once",
          "[cli][trust][concurrency]") {
  test::DemoSandbox demo;
  std::size_t logBefore = 0;
  std::map<RowId, std::size_t> historyBefore;
  const std::vector<std::string> agreements = {"7", "16"};
  {
    Document doc = Document::open(demo.map);
    logBefore = doc.store().changeLog().size();
    for (const auto& id : agreements) historyBefore[std::stoll(id)] = doc.model().agreements.find(std::stoll(id))->history.size();
  }
  // Two agreements, each pushed back and forth by four processes at once;
  // a step that the workflow refuses (the status it already has) fails with
  // exit 9 and must leave no trace.
  const auto results =
      runConcurrently(demo.box, demo.map, 4, 12, {"stopped", "idea", "agreed", "in de praktijk"}, agreements);
  REQUIRE(results.size() == 48);

  std::set<std::string> succeeded;
  for (const auto& [note, status] : results) {
    INFO(note << " exited " << status);
    CHECK((status == kExitOk || status == kExitInvalidInput));
    if (status == kExitOk) succeeded.insert(note);
  }
  CHECK(succeeded.size() >= 10);

  Document doc = Document::open(demo.map);
  std::map<std::string, int> seen;
  std::size_t added = 0;
  for (const auto& [id, before] : historyBefore) {
    const auto& history = doc.model().agreements.find(id)->history;
    added += history.size() - before;
    for (std::size_t i = before; i < history.size(); ++i) ++seen[history[i].note];
  }
  for (const auto& note : succeeded) {
    INFO(note);
    CHECK(seen[note] == 1);
  }
  CHECK(added == succeeded.size());
  CHECK(seen.size() == succeeded.size());
  CHECK(doc.store().changeLog().size() == logBefore + succeeded.size());

  const test::Run check = demo.box.run({"check", demo.map});
  CHECK(check.status == kExitOk);
}

namespace {

/// Starts `nestmap args...` and kills it with SIGKILL after `delayMs`; returns
/// whether it was still running then (false: it had finished on its own).
bool killAfter(const test::Sandbox& box, const std::vector<std::string>& args, int delayMs) {
  std::vector<std::string> argStrings{NESTMAP_BINARY};
  argStrings.insert(argStrings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argStrings) argv.push_back(s.data());
  argv.push_back(nullptr);
  const std::string dataHome = "XDG_DATA_HOME=" + (box / "data").string();
  std::vector<char*> envp{const_cast<char*>(dataHome.c_str()), nullptr};
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  usleep(static_cast<useconds_t>(delayMs) * 1000);
  int status = 0;
  const bool running = waitpid(pid, &status, WNOHANG) == 0;
  if (running) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  return running;
}

struct MapState {
  std::size_t log = 0, history = 0;
  std::map<RowId, ViewPosition> positions;
};

MapState stateOf(const std::string& map, RowId agreement) {
  Document doc = Document::open(map);
  MapState s;
  s.log = doc.store().changeLog().size();
  s.history = doc.model().agreements.find(agreement)->history.size();
  const RowId view = doc.model().views.records().front().id;
  if (auto it = doc.model().positions.find(view); it != doc.model().positions.end())
    for (const auto& [actor, p] : it->second) s.positions[actor] = p;
  return s;
}

bool samePositions(const MapState& a, const MapState& b) {
  if (a.positions.size() != b.positions.size()) return false;
  for (const auto& [actor, p] : a.positions) {
    auto it = b.positions.find(actor);
    if (it == b.positions.end() || it->second.x != p.x || it->second.y != p.y) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("SIGKILL during layout or --set-status leaves the map as it was or with the whole change",
          "[cli][trust][kill]") {
  test::DemoSandbox demo;
  std::mt19937 random(20261207);
  int killed = 0;
  // How long a whole run of each command takes on this machine, so that the kills land inside them.
  const auto fullRunMs = [&](std::vector<std::string> args) {
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(demo.box.run(args).status == kExitOk);
    return static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
  };
  const int layoutMs =
      fullRunMs({"layout", demo.map, "--algo", "fa2", "--iterations", "400", "--seed", "99"});
  const int statusMs = fullRunMs(
      {"agreements", demo.map, "--set-status", "7", "idea", "--date", "2026-11-30", "--note", "volledig"});
  for (int round = 0; round < 16; ++round) {
    const MapState before = stateOf(demo.map, 7);
    const bool layout = round % 2 == 0;
    std::vector<std::string> args =
        layout ? std::vector<std::string>{"layout", demo.map, "--algo", "fa2", "--iterations", "400", "--seed",
                                          std::to_string(round)}
               : std::vector<std::string>{"agreements", demo.map, "--set-status", "7",
                                          round % 4 == 1 ? "stopped" : "idea", "--date", "2026-12-01", "--note",
                                          "kill-" + std::to_string(round)};
    const int delay = std::uniform_int_distribution<int>(0, (layout ? layoutMs : statusMs) * 9 / 10)(random);
    killed += killAfter(demo.box, args, delay);

    INFO("round " << round << ", killed after " << delay << " ms");
    const test::Run check = demo.box.run({"check", demo.map});
    REQUIRE(check.status == kExitOk);
    const MapState after = stateOf(demo.map, 7);
    if (after.log == before.log) {
      CHECK(after.history == before.history);
      CHECK(samePositions(before, after));
    } else {
      // The whole change, and its one log entry.
      CHECK(after.log == before.log + 1);
      if (layout)
        CHECK_FALSE(samePositions(before, after));
      else
        CHECK(after.history == before.history + 1);
    }
    for (const auto& entry : fs::directory_iterator(demo.box.dir())) {
      const std::string name = entry.path().filename().string();
      CHECK(name.find(".tmp") == std::string::npos);
      CHECK(name.find(".building") == std::string::npos);
    }
  }
  INFO("a whole layout takes " << layoutMs << " ms, a whole --set-status " << statusMs << " ms");
  CHECK(killed >= 4);  // every delay is shorter than a whole run, so most are killed midway
}

TEST_CASE("a map held by another writer: --set-status waits briefly, then exits 7 and changes nothing",
          "[cli][trust][concurrency]") {
  test::DemoSandbox demo;
  const auto before = stateOf(demo.map, 7);
  sqlite3* holder = nullptr;
  REQUIRE(sqlite3_open(demo.map.c_str(), &holder) == SQLITE_OK);
  REQUIRE(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  const test::Run r = demo.box.run({"agreements", demo.map, "--set-status", "7", "stopped", "--note", "bezet"});
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  CHECK(r.status == kExitLocked);
  CHECK(r.err == "nestmap: " + demo.map + " is vergrendeld door een ander proces. Sluit dat programma en probeer "
                 "opnieuw.\n");
  const auto after = stateOf(demo.map, 7);
  CHECK(after.log == before.log);
  CHECK(after.history == before.history);
  // Once the other writer is done, the same command goes through.
  CHECK(demo.box.run({"agreements", demo.map, "--set-status", "7", "stopped", "--note", "vrij"}).status == kExitOk);
}
