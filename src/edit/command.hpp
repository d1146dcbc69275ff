#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace nestmap {

class Store;

/// One undoable edit of a map. apply() and undo() change the model and write
/// the same change through to the store; the Document wraps each call in one
/// transaction. Ids assigned on the first apply are kept for redo.
class Command {
 public:
  virtual ~Command() = default;
  virtual void apply(Model& model, Store& store) = 0;
  virtual void undo(Model& model, Store& store) = 0;
  /// What the command does, in the user's language ("Actor 'CAW Gent' toevoegen").
  virtual std::string describe() const = 0;
  /// UUIDs of the records it touches, for the change log.
  virtual std::vector<Uuid> affected() const = 0;
};

using CommandPtr = std::unique_ptr<Command>;

/// Several commands as one undo step and one transaction ("delete actor with its ties").
class GroupCommand : public Command {
 public:
  GroupCommand(std::string description, std::vector<CommandPtr> parts)
      : m_description(std::move(description)), m_parts(std::move(parts)) {}
  void apply(Model& model, Store& store) override;
  void undo(Model& model, Store& store) override;
  std::string describe() const override { return m_description; }
  std::vector<Uuid> affected() const override;
  std::size_t size() const { return m_parts.size(); }

 private:
  std::string m_description;
  std::vector<CommandPtr> m_parts;
};

}  // namespace nestmap
