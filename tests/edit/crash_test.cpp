// A process killed with SIGKILL in the middle of a long run of commands
// leaves a file that opens, passes the integrity check and holds exactly the
// commands that had committed.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>

#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "support/sample_model.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;

namespace {

/// Runs commands for ever: each adds an actor and a tie to the previous one
/// (one group, one transaction) and then reports its number on `out`.
[[noreturn]] void editForever(const std::filesystem::path& file, int out) {
  try {
    Document doc = Document::open(file);
    RowId previous = 4;
    for (std::int32_t n = 1;; ++n) {
      Actor a;
      a.id = doc.model().actors.nextId();
      a.name = "Actor " + std::to_string(n);
      a.typeId = 3;
      a.notes = std::string(2000, 'x');  // make each transaction write several pages
      Tie t;
      t.sourceId = previous;
      t.targetId = a.id;
      t.typeId = 2;
      std::vector<CommandPtr> parts;
      parts.push_back(addActor(a));
      parts.push_back(addTie(doc.model(), t));
      doc.execute(std::make_unique<GroupCommand>("stap " + std::to_string(n), std::move(parts)));
      previous = a.id;
      if (write(out, &n, sizeof n) != sizeof n) _exit(3);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crash_test child: %s\n", e.what());
    _exit(2);
  }
}

}  // namespace

TEST_CASE("SIGKILL in the middle of a run of commands loses nothing that committed", "[edit][crash]") {
  test::TempDir dir;
  const auto file = dir / "map.nestmap";
  { Document::create(file, test::sampleModel()); }

  std::int32_t committedBefore = 0;
  for (int round = 0; round < 3; ++round) {
    int reports[2];
    REQUIRE(pipe(reports) == 0);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      close(reports[0]);
      editForever(file, reports[1]);
    }
    close(reports[1]);

    // Let it run a while, then kill it wherever it is.
    const std::int32_t stopAfter = 150 + round * 37;
    std::int32_t last = 0, n = 0;
    while (last < stopAfter && read(reports[0], &n, sizeof n) == sizeof n) last = n;
    REQUIRE(last == stopAfter);
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(WIFSIGNALED(status));
    while (read(reports[0], &n, sizeof n) == sizeof n) last = n;  // reports already on their way
    close(reports[0]);

    Store::checkFile(file);
    Document doc = Document::open(file);
    CHECK(doc.store().integrityCheck(true).empty());

    // Every committed step is whole: its actor, its tie and its log entry.
    const Model& m = doc.model();
    std::int32_t committed = 0;
    for (const auto& entry : doc.store().changeLog()) committed += entry.description.rfind("stap ", 0) == 0;
    const std::int32_t thisRound = committed - committedBefore;
    INFO("round " << round << ": reported " << last << ", committed " << thisRound);
    CHECK(thisRound >= last);
    CHECK(thisRound <= last + 1);  // the last one may have committed before it could report
    CHECK(m.actors.size() == 4 + static_cast<std::size_t>(committed));
    CHECK(m.ties.size() == 3 + static_cast<std::size_t>(committed));
    CHECK(m.actors.rows().back()->name == "Actor " + std::to_string(thisRound));
    committedBefore = committed;
  }
}
