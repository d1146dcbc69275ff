#include "app/map_file.hpp"

#include <unistd.h>

#include "edit/document.hpp"

namespace nestmap {
namespace fs = std::filesystem;

void buildMapFile(const fs::path& target, Model model, const std::string& demoSources) {
  fs::path temp = target;
  temp += ".building-" + std::to_string(getpid());
  std::error_code ec;
  fs::remove(temp, ec);
  try {
    Document doc = Document::create(temp, std::move(model));
    if (!demoSources.empty()) {
      doc.store().begin();
      doc.store().setMetaValue("demo_sources", demoSources);
      doc.store().commit();
    }
  } catch (...) {
    fs::remove(temp, ec);
    throw;
  }
  // The Document is closed now: SQLite has folded the WAL into the file. A WAL
  // or shared-memory file left from an earlier map of this name would be
  // replayed into the new one, so they go before it takes the name.
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(target.string() + suffix);
  fs::rename(temp, target);
}

}  // namespace nestmap
