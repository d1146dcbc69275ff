#include "edit/document.hpp"

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace nestmap {

namespace {

/// SQLite's and the file system's failures as the UserError a user can act on.
[[noreturn]] void rethrowExplained(const std::filesystem::path& path) {
  try {
    throw;
  } catch (const UserError&) {
    throw;
  } catch (const std::exception& e) {
    if (auto explained = Store::explain(e, path)) throw *explained;
    throw;
  }
}

}  // namespace

Document::Document(Store store, Model model) : m_store(std::move(store)), m_model(std::move(model)) {
  // A map just created was never loaded: nobody else can have written to it yet.
  m_dataVersion = m_store.loadedDataVersion() >= 0 ? m_store.loadedDataVersion() : m_store.dataVersion();
}

Document Document::open(const std::filesystem::path& path, const Store::Options& options) {
  try {
    Store store = Store::open(path, options);
    Model model = store.loadChecked();
    return Document(std::move(store), std::move(model));
  } catch (...) {
    rethrowExplained(path);
  }
}

Document Document::create(const std::filesystem::path& path, Model initial, const Store::Options& options) {
  if (initial.info.uuid.isNil()) initial.info.uuid = Uuid::random();
  if (initial.info.created.empty()) initial.info.created = currentTimeUtc();
  Store store = Store::create(path, initial.info, options);
  try {
    store.writeNewMap(initial, {0, {}, {}, trf("doc.created", {initial.info.name}), {initial.info.uuid}});
  } catch (...) {
    // A map that could not be written whole is no map: leave nothing behind.
    std::filesystem::path file = store.path();
    { Store closing = std::move(store); }
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix, ec);
    throw;
  }
  return Document(std::move(store), std::move(initial));
}


void Document::reloadInside() {
  m_model = m_store.load();
  m_dataVersion = m_store.loadedDataVersion();
  // Commands hold ids and before-images of the old state: they cannot be
  // replayed safely over someone else's changes.
  m_undo.clear();
  m_redo.clear();
  ++m_revision;
}

Command& Document::run(Command* command, Step step, const CommandFactory* make, CommandPtr* built) {
  if (readOnly()) throw UserError(UserError::Kind::ReadOnly, trf("store.readonly_write", {path().string()}));
  try {
    m_store.begin();
  } catch (...) {
    rethrowExplained(path());
  }
  try {
    // The write lock is ours now: nobody else can commit until we do. A
    // commit by another program since our model was read shows here.
    if (m_store.dataVersion() != m_dataVersion) {
      reloadInside();
      if (!make) throw UserError(UserError::Kind::Changed, tr("store.changed"));
    }
    if (make) {
      *built = (*make)(m_model);
      command = built->get();
    }
  } catch (...) {
    m_store.rollback();
    rethrowExplained(path());
  }
  try {
    if (step == Step::Undo)
      command->undo(m_model, m_store);
    else
      command->apply(m_model, m_store);
  } catch (...) {
    // A command that throws has put the model back itself (validation comes
    // before any change; a group undoes its finished parts). An undo that
    // fails halfway leaves nothing to trust but the file.
    m_store.rollback();
    if (step == Step::Undo) {
      m_model = m_store.load();
      m_dataVersion = m_store.loadedDataVersion();
      m_undo.clear();
      m_redo.clear();
      ++m_revision;
    }
    rethrowExplained(path());
  }
  try {
    std::string description = command->describe();
    if (step == Step::Undo) description = trf("doc.undone", {description});
    if (step == Step::Redo) description = trf("doc.redone", {description});
    m_store.appendChange({0, {}, {}, description, command->affected()});
    m_store.commit();
  } catch (...) {
    // The model is ahead of the file now: read it back as the file has it.
    m_store.rollback();
    m_model = m_store.load();
    m_dataVersion = m_store.loadedDataVersion();
    ++m_revision;
    rethrowExplained(path());
  }
  ++m_revision;
  return *command;
}

void Document::execute(CommandPtr command) {
  run(command.get(), Step::Do, nullptr, nullptr);
  m_undo.push_back(std::move(command));
  m_redo.clear();
}

void Document::execute(const CommandFactory& make) {
  CommandPtr built;
  run(nullptr, Step::Do, &make, &built);
  m_undo.push_back(std::move(built));
  m_redo.clear();
}

void Document::undo() {
  if (m_undo.empty()) return;
  run(m_undo.back().get(), Step::Undo, nullptr, nullptr);
  m_redo.push_back(std::move(m_undo.back()));
  m_undo.pop_back();
}

void Document::redo() {
  if (m_redo.empty()) return;
  run(m_redo.back().get(), Step::Redo, nullptr, nullptr);
  m_undo.push_back(std::move(m_redo.back()));
  m_redo.pop_back();
}

std::string Document::undoDescription() const { return m_undo.empty() ? std::string() : m_undo.back()->describe(); }
std::string Document::redoDescription() const { return m_redo.empty() ? std::string() : m_redo.back()->describe(); }

bool Document::reloadIfChangedExternally() {
  if (m_store.dataVersion() == m_dataVersion) return false;
  m_model = m_store.load();
  // The version the load itself saw: a commit between the check above and
  // the load is then not mistaken for one already read.
  m_dataVersion = m_store.loadedDataVersion();
  m_undo.clear();
  m_redo.clear();
  ++m_revision;
  return true;
}

}  // namespace nestmap
