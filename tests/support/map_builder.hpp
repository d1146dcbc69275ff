#pragma once
// Small helpers for tests that build maps record by record.

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.hpp"

namespace nestmap::test {

/// The actor whose external id (the demo's key) is `key`; fails the test when there is none.
inline RowId actorByKey(const Model& m, std::string_view key) {
  for (const auto& [id, a] : m.actors)
    if (a.externalId == key) return id;
  FAIL("no actor " << key);
  return 0;
}

/// The actor named exactly `name`, or 0.
inline RowId actorByName(const Model& m, std::string_view name) {
  for (const auto& [id, a] : m.actors)
    if (a.name == name) return id;
  return 0;
}

/// Adds `actor` under the next free id and returns that id.
inline RowId putActor(Model& m, Actor actor) {
  actor.id = m.actors.nextId();
  m.actors.put(actor);
  return actor.id;
}

/// Adds an actor named `name` of the type keyed `typeKey` under `parent` (0: none) and returns its id.
inline RowId putActor(Model& m, std::string name, std::string_view typeKey, RowId parent = 0) {
  Actor a;
  a.name = std::move(name);
  a.typeId = m.actorTypeByKey(typeKey)->id;
  a.parentId = parent;
  return putActor(m, std::move(a));
}

/// Adds a tie of the type keyed `typeKey` (the first type when empty), active unless told, and returns its id.
inline RowId putTie(Model& m, RowId from, RowId to, std::string_view typeKey = {}, TieStatus status = TieStatus::Active,
                    std::optional<Date> validFrom = {}, std::optional<Date> validTo = {}) {
  Tie t;
  t.id = m.ties.nextId();
  t.sourceId = from;
  t.targetId = to;
  t.typeId = typeKey.empty() ? m.tieTypes.records().front().id : m.tieTypeByKey(typeKey)->id;
  t.status = status;
  t.validFrom = validFrom;
  t.validTo = validTo;
  m.ties.put(t);
  return t.id;
}

/// Adds an agreement titled "agreement <id>" between `parties` (each a "partner") with `history`,
/// scoped to `scope` (0: every prison), and returns its id.
inline RowId putAgreement(Model& m, std::vector<RowId> parties, std::vector<StatusChange> history, RowId scope = 0,
                          RowId typeId = 0, std::optional<Date> review = {}) {
  Agreement a;
  a.id = m.agreements.nextId();
  a.title = "agreement " + std::to_string(a.id);
  a.typeId = typeId;
  a.scopePrisonId = scope;
  for (RowId p : parties) a.parties.push_back({p, "partner"});
  a.history = std::move(history);
  a.reviewDate = review;
  m.agreements.put(a);
  return a.id;
}

}  // namespace nestmap::test
