#pragma once
// The commands that edit a map. Each returns a Command to hand to
// Document::execute(); building one never changes anything.

#include <optional>
#include <utility>
#include <vector>

#include "edit/command.hpp"

namespace nestmap {

CommandPtr addActor(Actor actor);
CommandPtr updateActor(Actor actor);
/// Deletes an actor with everything that hangs on it (ties, contacts, its
/// place in agreements and views; children lose their parent) as one step.
CommandPtr deleteActor(const Model& model, RowId actorId);

CommandPtr addTie(const Model& model, Tie tie);
CommandPtr updateTie(const Model& model, Tie tie);
CommandPtr deleteTie(const Model& model, RowId tieId);

CommandPtr addContact(Contact contact);
CommandPtr updateContact(Contact contact);
CommandPtr deleteContact(const Model& model, RowId contactId);

CommandPtr addAgreement(Agreement agreement);
CommandPtr updateAgreement(Agreement agreement);
CommandPtr deleteAgreement(const Model& model, RowId agreementId);
/// Moves an agreement to `status` on `date`, appended to its history; throws
/// UserError (InvalidInput) when checkStatusChange refuses the step.
CommandPtr setAgreementStatus(const Model& model, RowId agreementId, AgreementStatus status, Date date,
                              std::string note = {});

/// Places actors in a view (one undo step however many); nullopt removes a position.
CommandPtr setPositions(const Model& model, RowId viewId,
                        std::vector<std::pair<RowId, std::optional<ViewPosition>>> positions);

/// A layout's result as one undo step: the view (added when its id is 0,
/// else updated, e.g. its `layout`) and the positions placed in it.
CommandPtr applyLayout(const Model& model, View view,
                       std::vector<std::pair<RowId, std::optional<ViewPosition>>> positions);

CommandPtr setMapInfo(const Model& model, MapInfo info);

/// Any taxonomy, nest-template or view record: add (id 0) or replace.
template <class T>
CommandPtr putRecord(T row);
template <class T>
CommandPtr removeRecord(const Model& model, RowId id);

}  // namespace nestmap
