// DESIGN: "a crash loses nothing that was shown as done", power loss included.
// In WAL mode that holds only when every commit syncs the WAL file before it
// returns (PRAGMA synchronous = FULL); with NORMAL the last commits wait in
// the OS cache for the next checkpoint. A VFS wrapped around SQLite's default
// one counts the syncs of each WAL file, so the test sees what reaches the disk.
#include <sqlite3.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstddef>
#include <string>

#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "support/sample_model.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;

namespace {

std::atomic<int> g_walSyncs{0};
sqlite3_vfs* g_base = nullptr;

/// A file of the counting VFS: the default VFS's file lies right behind it.
struct CountingFile {
  sqlite3_file base;
  bool wal;
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

static_assert(sizeof(CountingFile) % alignof(std::max_align_t) == 0, "the real file must stay aligned behind ours");

CountingFile* counting(sqlite3_file* f) { return reinterpret_cast<CountingFile*>(f); }
sqlite3_file* real(sqlite3_file* f) { return counting(f)->real(); }

int xClose(sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); }
int xRead(sqlite3_file* f, void* p, int n, sqlite3_int64 o) { return real(f)->pMethods->xRead(real(f), p, n, o); }
int xWrite(sqlite3_file* f, const void* p, int n, sqlite3_int64 o) {
  return real(f)->pMethods->xWrite(real(f), p, n, o);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 size) { return real(f)->pMethods->xTruncate(real(f), size); }
int xSync(sqlite3_file* f, int flags) {
  if (counting(f)->wal) ++g_walSyncs;
  return real(f)->pMethods->xSync(real(f), flags);
}
int xFileSize(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
int xLock(sqlite3_file* f, int lock) { return real(f)->pMethods->xLock(real(f), lock); }
int xUnlock(sqlite3_file* f, int lock) { return real(f)->pMethods->xUnlock(real(f), lock); }
int xCheckReservedLock(sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }
int xFileControl(sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); }
int xSectorSize(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int xDeviceCharacteristics(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int xShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
}
int xShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void xShmBarrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int xShmUnmap(sqlite3_file* f, int deleteFlag) { return real(f)->pMethods->xShmUnmap(real(f), deleteFlag); }
int xFetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  return real(f)->pMethods->xFetch(real(f), offset, amount, out);
}
int xUnfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) { return real(f)->pMethods->xUnfetch(real(f), offset, p); }

const sqlite3_io_methods kMethods = {3,         xClose,      xRead,         xWrite,    xTruncate,
                                     xSync,     xFileSize,   xLock,         xUnlock,   xCheckReservedLock,
                                     xFileControl, xSectorSize, xDeviceCharacteristics, xShmMap, xShmLock,
                                     xShmBarrier, xShmUnmap,  xFetch,        xUnfetch};

int xOpen(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* outFlags) {
  CountingFile* file = counting(f);
  file->base.pMethods = nullptr;
  file->wal = (flags & SQLITE_OPEN_WAL) != 0;
  const int rc = g_base->xOpen(g_base, name, file->real(), flags, outFlags);
  // SQLite calls xClose only on a file whose pMethods is set.
  if (file->real()->pMethods) file->base.pMethods = &kMethods;
  return rc;
}

/// Makes the counting VFS SQLite's default for its lifetime.
class CountingVfs {
 public:
  CountingVfs() {
    g_base = sqlite3_vfs_find(nullptr);
    REQUIRE(g_base);
    REQUIRE(g_base->iVersion >= 3);
    m_vfs = *g_base;
    m_vfs.szOsFile = static_cast<int>(sizeof(CountingFile)) + g_base->szOsFile;
    m_vfs.zName = "nestmap-sync-counter";
    m_vfs.pNext = nullptr;
    m_vfs.xOpen = xOpen;
    REQUIRE(sqlite3_vfs_register(&m_vfs, 1) == SQLITE_OK);
  }
  ~CountingVfs() {
    sqlite3_vfs_unregister(&m_vfs);
    sqlite3_vfs_register(g_base, 1);
  }
  CountingVfs(const CountingVfs&) = delete;
  CountingVfs& operator=(const CountingVfs&) = delete;

 private:
  sqlite3_vfs m_vfs{};
};

}  // namespace

TEST_CASE("every committed edit and undo syncs the WAL before it returns", "[store][durability]") {
  test::TempDir dir;
  { Document::create(dir / "map.nestmap", test::sampleModel()); }
  CountingVfs vfs;
  Document doc = Document::open(dir / "map.nestmap");

  Actor renamed = *doc.model().actors.find(1);
  for (int i = 0; i < 5; ++i) {
    renamed.name = "Hernoemd " + std::to_string(i);
    const int before = g_walSyncs;
    doc.execute(updateActor(renamed));
    CHECK(g_walSyncs > before);  // with synchronous = NORMAL this stays put until a checkpoint
    const int beforeUndo = g_walSyncs;
    doc.undo();
    CHECK(g_walSyncs > beforeUndo);
  }
}
