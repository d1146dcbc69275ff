#include "edit/command.hpp"

namespace nestmap {

void GroupCommand::apply(Model& model, Store& store) {
  std::size_t done = 0;
  try {
    for (; done < m_parts.size(); ++done) m_parts[done]->apply(model, store);
  } catch (...) {
    // Put the model back as it was; the Document rolls the store back.
    while (done > 0) m_parts[--done]->undo(model, store);
    throw;
  }
}

void GroupCommand::undo(Model& model, Store& store) {
  for (auto it = m_parts.rbegin(); it != m_parts.rend(); ++it) (*it)->undo(model, store);
}

std::vector<Uuid> GroupCommand::affected() const {
  std::vector<Uuid> out;
  for (const auto& part : m_parts) {
    auto ids = part->affected();
    out.insert(out.end(), ids.begin(), ids.end());
  }
  return out;
}

}  // namespace nestmap
