#pragma once
// Generic commands over one record of any table of the Model.

#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/validate.hpp"
#include "edit/command.hpp"
#include "store/store.hpp"

namespace nestmap {

namespace detail {
/// Throws UserError::InvalidInput listing the record's problems, if any.
template <class T>
void requireValid(const Model& model, const T& row) {
  auto problems = validate(model, row);
  if (problems.empty()) return;
  std::string message;
  for (const auto& p : problems) message += (message.empty() ? "" : "\n") + p;
  throw UserError(UserError::Kind::InvalidInput, message);
}
}  // namespace detail

/// Inserts a new record (id 0: the next free id, kept for redo) or replaces an existing one.
template <class T>
class PutRecord : public Command {
 public:
  PutRecord(T row, std::string description) : m_after(std::move(row)), m_description(std::move(description)) {
    if (m_after.uuid.isNil()) m_after.uuid = Uuid::random();
  }

  void apply(Model& model, Store& store) override {
    auto& table = model.template table<T>();
    if (m_after.id == 0) m_after.id = table.nextId();
    detail::requireValid(model, m_after);
    if (const T* current = table.find(m_after.id))
      m_before = *current;
    else
      m_before.reset();
    store.put(m_after);
    table.put(m_after);
  }

  void undo(Model& model, Store& store) override {
    auto& table = model.template table<T>();
    if (m_before) {
      store.put(*m_before);
      table.put(*m_before);
    } else {
      store.template remove<T>(m_after.id);
      table.erase(m_after.id);
    }
  }

  std::string describe() const override { return m_description; }
  std::vector<Uuid> affected() const override { return {m_after.uuid}; }
  const T& record() const { return m_after; }

 private:
  T m_after;
  std::optional<T> m_before;
  std::string m_description;
};

/// Removes one record; undo puts it back with the same id and UUID.
template <class T>
class RemoveRecord : public Command {
 public:
  RemoveRecord(RowId id, std::string description) : m_id(id), m_description(std::move(description)) {}

  void apply(Model& model, Store& store) override {
    auto& table = model.template table<T>();
    const T* current = table.find(m_id);
    if (!current) throw UserError(UserError::Kind::InvalidInput, trf("edit.no_record", {std::to_string(m_id)}));
    m_before = *current;
    store.template remove<T>(m_id);
    table.erase(m_id);
  }

  void undo(Model& model, Store& store) override {
    store.put(*m_before);
    model.template table<T>().put(*m_before);
  }

  std::string describe() const override { return m_description; }
  std::vector<Uuid> affected() const override {
    return m_before ? std::vector<Uuid>{m_before->uuid} : std::vector<Uuid>{};
  }

 private:
  RowId m_id;
  std::optional<T> m_before;
  std::string m_description;
};

}  // namespace nestmap
