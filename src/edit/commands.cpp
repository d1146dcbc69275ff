#include "edit/commands.hpp"

#include <algorithm>

#include "core/agreement_workflow.hpp"
#include "edit/record_commands.hpp"

namespace nestmap {
namespace {

/// Sets or removes positions of actors in one view.
class SetPositions : public Command {
 public:
  using Change = std::pair<RowId, std::optional<ViewPosition>>;
  SetPositions(RowId viewId, std::vector<Change> after, std::vector<Change> before, std::vector<Uuid> uuids,
               std::string description)
      : m_viewId(viewId),
        m_after(std::move(after)),
        m_before(std::move(before)),
        m_uuids(std::move(uuids)),
        m_description(std::move(description)) {}

  void apply(Model& model, Store& store) override { write(model, store, m_after); }
  void undo(Model& model, Store& store) override { write(model, store, m_before); }
  std::string describe() const override { return m_description; }
  std::vector<Uuid> affected() const override { return m_uuids; }

 private:
  void write(Model& model, Store& store, const std::vector<Change>& changes) {
    auto& positions = model.positions[m_viewId];
    for (const auto& [actorId, p] : changes) {
      store.putPosition(m_viewId, actorId, p);
      if (p)
        positions[actorId] = *p;
      else
        positions.erase(actorId);
    }
    if (positions.empty()) model.positions.erase(m_viewId);
  }

  RowId m_viewId;
  std::vector<Change> m_after, m_before;
  std::vector<Uuid> m_uuids;
  std::string m_description;
};

class SetMapInfo : public Command {
 public:
  SetMapInfo(MapInfo before, MapInfo after, std::string description)
      : m_before(std::move(before)), m_after(std::move(after)), m_description(std::move(description)) {}
  void apply(Model& model, Store& store) override { write(model, store, m_after); }
  void undo(Model& model, Store& store) override { write(model, store, m_before); }
  std::string describe() const override { return m_description; }
  std::vector<Uuid> affected() const override { return {m_after.uuid}; }

 private:
  static void write(Model& model, Store& store, const MapInfo& info) {
    store.putInfo(info);
    model.info = info;
  }
  MapInfo m_before, m_after;
  std::string m_description;
};

std::string actorName(const Model& m, RowId id) {
  // Built with append: GCC 12 warns falsely (-Wrestrict) on "literal" + string.
  if (const Actor* a = m.actors.find(id)) return a->name;
  std::string label = "#";
  label.append(std::to_string(id));
  return label;
}

template <class T>
const T& require(const Model& model, RowId id) {
  const T* row = model.table<T>().find(id);
  if (!row) throw UserError(UserError::Kind::InvalidInput, trf("edit.no_record", {std::to_string(id)}));
  return *row;
}

}  // namespace

CommandPtr addActor(Actor a) {
  std::string d = trf("cmd.add_actor", {a.name});
  return std::make_unique<PutRecord<Actor>>(std::move(a), d);
}

CommandPtr updateActor(Actor a) {
  std::string d = trf("cmd.update_actor", {a.name});
  return std::make_unique<PutRecord<Actor>>(std::move(a), d);
}

CommandPtr deleteActor(const Model& m, RowId actorId) {
  const Actor& actor = require<Actor>(m, actorId);
  std::vector<CommandPtr> parts;

  for (const auto& [viewId, positions] : m.positions)
    if (positions.count(actorId)) parts.push_back(setPositions(m, viewId, {{actorId, std::nullopt}}));

  for (const auto& [id, agreement] : m.agreements) {
    bool isParty = std::any_of(agreement.parties.begin(), agreement.parties.end(),
                               [actorId](const AgreementParty& p) { return p.actorId == actorId; });
    if (!isParty && agreement.scopePrisonId != actorId) continue;
    Agreement changed = agreement;
    std::erase_if(changed.parties, [actorId](const AgreementParty& p) { return p.actorId == actorId; });
    if (changed.scopePrisonId == actorId) changed.scopePrisonId = 0;
    // An agreement needs two parties: one left with fewer goes with the actor.
    if (changed.parties.size() < 2)
      parts.push_back(deleteAgreement(m, id));
    else
      parts.push_back(updateAgreement(std::move(changed)));
  }
  for (const auto& [id, contact] : m.contacts)
    if (contact.actorId == actorId) parts.push_back(deleteContact(m, id));
  for (const auto& [id, tie] : m.ties)
    if (tie.sourceId == actorId || tie.targetId == actorId) parts.push_back(deleteTie(m, id));
  for (const auto& [id, child] : m.actors)
    if (child.parentId == actorId) {
      Actor changed = child;
      changed.parentId = 0;
      parts.push_back(updateActor(std::move(changed)));
    }
  parts.push_back(std::make_unique<RemoveRecord<Actor>>(actorId, std::string()));
  return std::make_unique<GroupCommand>(trf("cmd.delete_actor", {actor.name}), std::move(parts));
}

CommandPtr addTie(const Model& m, Tie t) {
  std::string d = trf("cmd.add_tie", {actorName(m, t.sourceId), actorName(m, t.targetId)});
  return std::make_unique<PutRecord<Tie>>(std::move(t), d);
}

CommandPtr updateTie(const Model& m, Tie t) {
  std::string d = trf("cmd.update_tie", {actorName(m, t.sourceId), actorName(m, t.targetId)});
  return std::make_unique<PutRecord<Tie>>(std::move(t), d);
}

CommandPtr deleteTie(const Model& m, RowId tieId) {
  const Tie& tie = require<Tie>(m, tieId);
  return std::make_unique<RemoveRecord<Tie>>(
      tieId, trf("cmd.delete_tie", {actorName(m, tie.sourceId), actorName(m, tie.targetId)}));
}

CommandPtr addContact(Contact c) {
  std::string d = trf("cmd.add_contact", {c.name.empty() ? c.role : c.name});
  return std::make_unique<PutRecord<Contact>>(std::move(c), d);
}

CommandPtr updateContact(Contact c) {
  std::string d = trf("cmd.update_contact", {c.name.empty() ? c.role : c.name});
  return std::make_unique<PutRecord<Contact>>(std::move(c), d);
}

CommandPtr deleteContact(const Model& m, RowId contactId) {
  const Contact& c = require<Contact>(m, contactId);
  return std::make_unique<RemoveRecord<Contact>>(contactId,
                                                 trf("cmd.delete_contact", {c.name.empty() ? c.role : c.name}));
}

CommandPtr addAgreement(Agreement a) {
  std::string d = trf("cmd.add_agreement", {a.title});
  return std::make_unique<PutRecord<Agreement>>(std::move(a), d);
}

CommandPtr updateAgreement(Agreement a) {
  std::string d = trf("cmd.update_agreement", {a.title});
  return std::make_unique<PutRecord<Agreement>>(std::move(a), d);
}

CommandPtr deleteAgreement(const Model& m, RowId agreementId) {
  const Agreement& a = require<Agreement>(m, agreementId);
  return std::make_unique<RemoveRecord<Agreement>>(agreementId, trf("cmd.delete_agreement", {a.title}));
}

CommandPtr setAgreementStatus(const Model& m, RowId agreementId, AgreementStatus status, Date date, std::string note) {
  Agreement a = require<Agreement>(m, agreementId);
  // Refused here, when the command is built: nothing reaches the file or the undo stack.
  if (auto problem = checkStatusChange(a, status, date, note)) throw UserError(UserError::Kind::InvalidInput, *problem);
  a.history.push_back({date, status, std::move(note)});
  std::string d = trf("cmd.agreement_status", {a.title, tr(std::string("status.") + std::string(key(status)))});
  return std::make_unique<PutRecord<Agreement>>(std::move(a), d);
}

CommandPtr setPositions(const Model& m, RowId viewId,
                        std::vector<std::pair<RowId, std::optional<ViewPosition>>> after) {
  if (!m.views.contains(viewId))
    throw UserError(UserError::Kind::InvalidInput, trf("edit.no_record", {std::to_string(viewId)}));
  std::vector<std::pair<RowId, std::optional<ViewPosition>>> before;
  std::vector<Uuid> uuids;
  before.reserve(after.size());
  const ViewPositions* current = nullptr;
  if (auto it = m.positions.find(viewId); it != m.positions.end()) current = &it->second;
  for (const auto& [actorId, p] : after) {
    const Actor& actor = require<Actor>(m, actorId);
    uuids.push_back(actor.uuid);
    std::optional<ViewPosition> old;
    if (current)
      if (auto it = current->find(actorId); it != current->end()) old = it->second;
    before.emplace_back(actorId, old);
  }
  // Undo restores in reverse so that an actor listed twice ends where it began.
  std::reverse(before.begin(), before.end());
  std::string d = after.size() == 1 ? trf("cmd.move_actor", {actorName(m, after.front().first)})
                                    : trf("cmd.move_actors", {std::to_string(after.size())});
  return std::make_unique<SetPositions>(viewId, std::move(after), std::move(before), std::move(uuids), d);
}

CommandPtr applyLayout(const Model& m, View view,
                       std::vector<std::pair<RowId, std::optional<ViewPosition>>> positions) {
  const std::string description = trf("cmd.apply_layout", {view.layout, view.name});
  std::vector<CommandPtr> parts;
  if (view.id != 0 && m.views.contains(view.id)) {
    parts.push_back(putRecord<View>(view));
    parts.push_back(setPositions(m, view.id, std::move(positions)));
  } else {
    // A new view: nothing stood in it before, so every position's "before" is none.
    view.id = m.views.nextId();
    if (view.uuid.isNil()) view.uuid = Uuid::random();
    std::vector<std::pair<RowId, std::optional<ViewPosition>>> before;
    std::vector<Uuid> uuids;
    for (const auto& [actorId, p] : positions) {
      uuids.push_back(require<Actor>(m, actorId).uuid);
      before.emplace_back(actorId, std::nullopt);
    }
    const RowId id = view.id;
    parts.push_back(putRecord<View>(std::move(view)));
    parts.push_back(
        std::make_unique<SetPositions>(id, std::move(positions), std::move(before), std::move(uuids), description));
  }
  return std::make_unique<GroupCommand>(description, std::move(parts));
}

CommandPtr setMapInfo(const Model& m, MapInfo info) {
  if (info.uuid.isNil()) info.uuid = m.info.uuid;
  std::string d = trf("cmd.map_info", {info.name});
  return std::make_unique<SetMapInfo>(m.info, std::move(info), d);
}

template <class T>
CommandPtr putRecord(T row) {
  std::string d = trf("cmd.put_record", {row.id == 0 ? tr("cmd.new") : std::to_string(row.id)});
  return std::make_unique<PutRecord<T>>(std::move(row), d);
}

template <class T>
CommandPtr removeRecord(const Model& m, RowId id) {
  require<T>(m, id);
  return std::make_unique<RemoveRecord<T>>(id, trf("cmd.remove_record", {std::to_string(id)}));
}

#define NESTMAP_RECORD_COMMANDS(T)         \
  template CommandPtr putRecord<T>(T row); \
  template CommandPtr removeRecord<T>(const Model& m, RowId id);
NESTMAP_RECORD_COMMANDS(Sector)
NESTMAP_RECORD_COMMANDS(ActorType)
NESTMAP_RECORD_COMMANDS(TieType)
NESTMAP_RECORD_COMMANDS(AgreementType)
NESTMAP_RECORD_COMMANDS(StatusLabel)
NESTMAP_RECORD_COMMANDS(NestTemplate)
NESTMAP_RECORD_COMMANDS(NestCategory)
NESTMAP_RECORD_COMMANDS(View)
#undef NESTMAP_RECORD_COMMANDS

}  // namespace nestmap
