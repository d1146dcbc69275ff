// Store benchmark: a generated map of 100k actors and 500k ties is written,
// loaded into a Document, edited by one command and undone, next to raw
// SQLite reading the same rows. Prints a table; see bench/README.md.
//
//   store_bench [--actors N] [--ties M] [--runs R] [--dir DIR]
//
// Loading and its memory are measured in a fresh child process each run, so
// that ru_maxrss is the Document's own peak and not the generator's.
#include <spawn.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "bench_clock.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"

extern char** environ;

using namespace nestmap;
namespace fs = std::filesystem;
using bench::Clock;
using bench::msSince;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

Model generate(std::size_t actors, std::size_t ties) {
  Model m = defaultModel(embeddedData(), "Benchmark");
  std::mt19937_64 rng(42);
  std::vector<RowId> actorTypes, tieTypes;
  for (const auto& [id, t] : m.actorTypes) actorTypes.push_back(id);
  for (const auto& [id, t] : m.tieTypes) tieTypes.push_back(id);
  std::uniform_real_distribution<double> lat(50.7, 51.5), lon(2.6, 5.9);
  for (std::size_t i = 1; i <= actors; ++i) {
    Actor a;
    a.id = static_cast<RowId>(i);
    a.uuid = Uuid::random();
    a.name = "Organisatie " + std::to_string(i);
    a.typeId = actorTypes[rng() % actorTypes.size()];
    a.municipality = "Gemeente " + std::to_string(i % 300);
    a.latitude = lat(rng);
    a.longitude = lon(rng);
    a.province = "OVL";
    a.line = static_cast<int>(rng() % 4);
    a.influence = static_cast<int>(rng() % 6);
    a.interest = static_cast<int>(rng() % 6);
    m.actors.put(std::move(a));
  }
  for (std::size_t i = 1; i <= ties; ++i) {
    Tie t;
    t.id = static_cast<RowId>(i);
    t.uuid = Uuid::random();
    t.sourceId = static_cast<RowId>(1 + rng() % actors);
    do t.targetId = static_cast<RowId>(1 + rng() % actors);
    while (t.targetId == t.sourceId);
    t.typeId = tieTypes[rng() % tieTypes.size()];
    t.strength = 1 + static_cast<int>(rng() % 3);
    t.status = rng() % 10 == 0 ? TieStatus::Planned : TieStatus::Active;
    m.ties.put(std::move(t));
  }
  View view;
  view.id = 1;
  view.uuid = Uuid::random();
  view.name = "Overzicht";
  m.views.put(view);
  return m;
}

/// Raw SQLite: every column of every actor and tie row, read in its own type
/// (the floor under any loader of these rows).
double rawRead(const fs::path& file) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_exec(db, "PRAGMA mmap_size = 4294967296", nullptr, nullptr, nullptr);  // as the Store does
  auto start = Clock::now();
  std::size_t sink = 0;
  for (const char* sql : {"SELECT * FROM actor", "SELECT * FROM tie"}) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    int columns = sqlite3_column_count(stmt);
    while (sqlite3_step(stmt) == SQLITE_ROW)
      for (int c = 0; c < columns; ++c) switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER:
            sink += static_cast<std::size_t>(sqlite3_column_int64(stmt, c));
            break;
          case SQLITE_FLOAT:
            sink += static_cast<std::size_t>(sqlite3_column_double(stmt, c));
            break;
          case SQLITE_TEXT:
          case SQLITE_BLOB:
            sink += reinterpret_cast<std::uintptr_t>(sqlite3_column_blob(stmt, c)) & 1;
            sink += static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
            break;
          default:
            break;
        }
    sqlite3_finalize(stmt);
  }
  double ms = msSince(start);
  sqlite3_close(db);
  if (sink == 0) std::fprintf(stderr, "raw read saw no data\n");
  return ms;
}

/// Child mode: load the map, run commands, print "load ms|rename ms|undo ms|move ms|delete ms|maxrss KiB".
int childRun(const fs::path& file) {
  auto start = Clock::now();
  Document doc = Document::open(file);
  double load = msSince(start);

  // The first command of a session also prepares its statements and starts
  // the WAL; report it apart from the steady state (median of 50).
  Actor renamed = *doc.model().actors.find(12345);
  renamed.name = "Hernoemd";
  start = Clock::now();
  doc.execute(updateActor(renamed));
  double first = msSince(start);
  doc.undo();
  std::vector<double> renames, undos;
  for (int i = 0; i < 50; ++i) {
    renamed.name = "Hernoemd " + std::to_string(i);
    start = Clock::now();
    doc.execute(updateActor(renamed));
    renames.push_back(msSince(start));
    start = Clock::now();
    doc.undo();
    undos.push_back(msSince(start));
  }
  double rename = median(renames), undo = median(undos);

  std::vector<std::pair<RowId, std::optional<ViewPosition>>> moves;
  for (RowId id = 1; id <= 500; ++id) moves.emplace_back(id, ViewPosition{double(id), double(-id), false});
  start = Clock::now();
  doc.execute(setPositions(doc.model(), 1, moves));
  double move = msSince(start);
  doc.undo();

  start = Clock::now();
  doc.execute(deleteActor(doc.model(), 777));
  double del = msSince(start);
  doc.undo();

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("%.3f|%.4f|%.4f|%.3f|%.3f|%ld|%.4f\n", load, rename, undo, move, del, usage.ru_maxrss, first);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--child") == 0) return childRun(argv[2]);
  if (argc == 3 && std::strcmp(argv[1], "--raw") == 0) {
    std::printf("%.1f ms\n", rawRead(argv[2]));
    return 0;
  }
  if (argc == 3 && std::strcmp(argv[1], "--write-only") == 0) {  // for profiling the load with perf
    Document::create(argv[2], generate(100000, 500000));
    return 0;
  }

  std::size_t actors = 100000, ties = 500000;
  int runs = 5;
  fs::path dir = fs::temp_directory_path();
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string opt = argv[i];
    if (opt == "--actors")
      actors = std::stoul(argv[i + 1]);
    else if (opt == "--ties")
      ties = std::stoul(argv[i + 1]);
    else if (opt == "--runs")
      runs = std::stoi(argv[i + 1]);
    else if (opt == "--dir")
      dir = argv[i + 1];
  }
  fs::path file = dir / ("store_bench_" + std::to_string(getpid()) + ".nestmap");

  std::printf("Generating %zu actors and %zu ties...\n", actors, ties);
  double write = 0;
  {
    Model model = generate(actors, ties);
    auto start = Clock::now();
    { Document::create(file, std::move(model)); }
    write = msSince(start);
  }
  std::printf("file: %.1f MB\n", static_cast<double>(fs::file_size(file)) / 1e6);

  std::vector<double> raw, load, rename, undo, move, del, rss, first;
  for (int r = 0; r < runs; ++r) {
    raw.push_back(rawRead(file));
    std::string self = fs::read_symlink("/proc/self/exe").string();
    int out[2];
    if (pipe(out) != 0) return 1;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    std::string childFlag = "--child", fileArg = file.string();
    char* args[] = {self.data(), childFlag.data(), fileArg.data(), nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, self.c_str(), &actions, nullptr, args, environ) != 0) return 1;
    close(out[1]);
    char buf[256] = {};
    ssize_t n = read(out[0], buf, sizeof buf - 1);
    close(out[0]);
    waitpid(pid, nullptr, 0);
    double l, rn, u, mv, d, f;
    long kib;
    if (n <= 0 || std::sscanf(buf, "%lf|%lf|%lf|%lf|%lf|%ld|%lf", &l, &rn, &u, &mv, &d, &kib, &f) != 7) {
      std::fprintf(stderr, "child failed: %s\n", buf);
      return 1;
    }
    load.push_back(l);
    rename.push_back(rn);
    undo.push_back(u);
    move.push_back(mv);
    del.push_back(d);
    rss.push_back(static_cast<double>(kib) / 1024.0);
    first.push_back(f);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);

  std::printf("\n%zu actors / %zu ties, median of %d runs\n", actors, ties, runs);
  std::printf("| measure                               | Nestmap     | target      |\n");
  std::printf("|---------------------------------------|-------------|-------------|\n");
  std::printf("| write the map (one transaction)       | %8.0f ms | —           |\n", write);
  std::printf("| raw SQLite: read every actor/tie row  | %8.0f ms | —           |\n", median(raw));
  std::printf("| load into a Document                  | %8.0f ms | ≤ 300 ms    |\n", median(load));
  std::printf("|   ratio load / raw SQLite read        | %8.2f ×  | —           |\n", median(load) / median(raw));
  std::printf("| command: rename one actor             | %8.3f ms | ≤ 1 ms      |\n", median(rename));
  std::printf("| undo it                               | %8.3f ms | ≤ 1 ms      |\n", median(undo));
  std::printf("| first command after opening (cold)    | %8.3f ms | —           |\n", median(first));
  std::printf("| command: move 500 actors (one step)   | %8.3f ms | —           |\n", median(move));
  std::printf("| command: delete an actor + its ties   | %8.3f ms | —           |\n", median(del));
  std::printf("| peak memory of the loaded Document    | %8.0f MB | ≤ 300 MB    |\n", median(rss));
  return 0;
}
