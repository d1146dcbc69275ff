// libFuzzer target: opening a .nestmap file (Document::open) that is a mutated
// valid map, then what `nestmap check` and the panels run on it: the integrity
// and schema checks, the field check, the change log, record validation.
//
// A UserError is the expected answer to a bad file (not SQLite, not Nestmap,
// newer, corrupt, ...), also when Store::explain makes it of an SQLite error at
// the edge; any other exception ("interne fout"), a crash, a hang or a
// sanitizer report is a finding.
#include <stdlib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <typeinfo>

#include "core/error.hpp"
#include "core/validate.hpp"
#include "edit/document.hpp"
#include "fuzz_util.hpp"

using namespace nestmap;
namespace fs = std::filesystem;

namespace {

/// A private directory for the file and whatever SQLite or a migration puts beside it (-wal, -shm, backups).
const fs::path& workDir() {
  static const fs::path dir = [] {
    std::string pattern =
        (fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path()) / "nestmap-fuzz-XXXXXX";
    NESTMAP_FUZZ_CHECK(mkdtemp(pattern.data()) != nullptr);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(workDir(), ec);
    });
    return fs::path(pattern);
  }();
  return dir;
}

void emptyDir(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir)) fs::remove_all(entry.path());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path& dir = workDir();
  emptyDir(dir);
  const fs::path file = dir / "fuzz.nestmap";
  {
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    NESTMAP_FUZZ_CHECK(out.good());
  }
  try {
    Document doc = Document::open(file);
    Store& store = doc.store();
    (void)store.integrityCheck(true);
    (void)store.fieldProblems();
    (void)Store::schemaProblems(file);
    (void)store.changeLog(20);
    const Model& m = doc.model();
    for (const auto& [id, a] : m.actors) (void)validate(m, a);
    for (const auto& [id, t] : m.ties) (void)validate(m, t);
    for (const auto& [id, a] : m.agreements) (void)validate(m, a);
    for (const auto& [id, c] : m.contacts) (void)validate(m, c);
  } catch (const std::exception& e) {
    // A UserError, or a failure of SQLite that Store::explain turns into one at the edge (as
    // runCli does), is the expected answer to a bad file; anything else reaches the user as
    // "interne fout" and is a finding.
    if (!Store::explain(e, file)) {
      std::fprintf(stderr, "fuzz: unexplained %s: %s\n", typeid(e).name(), e.what());
      std::abort();
    }
  }
  emptyDir(dir);
  return 0;
}
