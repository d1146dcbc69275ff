#pragma once
// Small helpers for tests that build maps record by record.

#include <catch2/catch.hpp>
#include <string_view>

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

/// Adds an active tie of the type keyed `typeKey` (the first type when empty) and returns its id.
inline RowId putTie(Model& m, RowId from, RowId to, std::string_view typeKey = {}) {
  Tie t;
  t.id = m.ties.nextId();
  t.sourceId = from;
  t.targetId = to;
  t.typeId = typeKey.empty() ? m.tieTypes.records().front().id : m.tieTypeByKey(typeKey)->id;
  m.ties.put(t);
  return t.id;
}

}  // namespace nestmap::test
