#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "edit/command.hpp"
#include "store/store.hpp"

namespace nestmap {

/// An open map: the model in memory, its file, and the undo stack.
/// Every change goes through execute(), undo() or redo(), each one SQLite
/// transaction written through at once, with an entry in the change log.
class Document {
 public:
  /// Opens a map file (see Store::open for the checks and migrations).
  static Document open(const std::filesystem::path& path, const Store::Options& options = {});
  /// Creates a new map file holding `initial` (taxonomy, template, records).
  static Document create(const std::filesystem::path& path, Model initial, const Store::Options& options = {});

  const Model& model() const { return m_model; }
  Store& store() { return m_store; }
  const std::filesystem::path& path() const { return m_store.path(); }

  /// Builds a command from the map as it is.
  using CommandFactory = std::function<CommandPtr(const Model&)>;

  /// Applies a command and pushes it on the undo stack. On any error the
  /// model and the file stay as they were and the error is rethrown. A
  /// command is built from the model in memory: when another program changed
  /// the file since, the map is read again and the command refused
  /// (UserError::Changed), never applied over the other's change.
  void execute(CommandPtr command);
  /// Like execute(CommandPtr), but `make` builds (and validates) the command
  /// inside the write transaction from the map as the file holds it then, so
  /// a change by another program in the meantime is built upon, not lost.
  /// Throws what `make` throws (the file unchanged).
  void execute(const CommandFactory& make);
  /// Whether the map can only be read; execute, undo and redo then throw UserError::ReadOnly.
  bool readOnly() const { return m_store.readOnly(); }
  bool canUndo() const { return !m_undo.empty(); }
  bool canRedo() const { return !m_redo.empty(); }
  /// Description of what undo() / redo() would do; empty when nothing.
  std::string undoDescription() const;
  std::string redoDescription() const;
  void undo();
  void redo();

  /// Reloads the map when another process committed to the file since we
  /// last looked; the undo history is dropped then. Returns whether it reloaded.
  bool reloadIfChangedExternally();

  /// Grows by one with every change (own or external), for caches in the UI.
  std::uint64_t revision() const { return m_revision; }

 private:
  Document(Store store, Model model);
  enum class Step { Do, Undo, Redo };
  /// Runs `command` (or, for Do with `make`, the command `make` builds) in one
  /// write transaction; returns the command that ran.
  Command& run(Command* command, Step step, const CommandFactory* make, CommandPtr* built);
  void reloadInside();

  Store m_store;
  Model m_model;
  std::vector<CommandPtr> m_undo, m_redo;
  std::int64_t m_dataVersion = 0;
  std::uint64_t m_revision = 0;
};

}  // namespace nestmap
