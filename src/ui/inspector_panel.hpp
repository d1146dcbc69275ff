#pragma once
#include <imgui.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "core/model.hpp"
#include "ui/draft_text.hpp"
#include "ui/item_rects.hpp"

namespace nestmap {

class Document;

/// Edits the selected actor (every field, its contacts) or the selected tie.
///
/// Text fields commit when they lose focus after an edit (or on Enter);
/// combos, sliders and check boxes commit when they change. Each commit is
/// one command on the document's undo stack; a command that is refused
/// (a UserError) shows its message in red under the field and changes nothing.
struct InspectorPanel {
  /// The inspector window over `pos`, `size`: the actor when exactly one is
  /// selected, a list when several, else the tie `selectedTie` (0: none), else a hint.
  void draw(Document& doc, const std::set<RowId>& selectedActors, ImVec2 pos, ImVec2 size, RowId selectedTie = 0);
  /// The editor of one tie, inside the current window.
  void drawTie(Document& doc, RowId tieId);

  // For tests and callers: what the last frame showed.
  /// The message of the last refused edit; empty when the last commit went through.
  const std::string& error() const { return m_error; }
  /// The agreement clicked in the actor's list of agreements this frame (0: none); taken once.
  RowId takeClickedAgreement() { return std::exchange(m_clickedAgreement, 0); }
  /// The field that message belongs to ("name", "latitude", "contact_name:3", "tie_valid_from", ...).
  const std::string& errorField() const { return m_errorField; }
  /// The centre of a field as drawn in the last frame, by the same keys; nullopt when it was not drawn.
  /// Options of open combos are "type_option:<id>", "parent_option:<id>" (0: none), "tie_status_option:<key>".
  std::optional<ImVec2> fieldCenter(std::string_view field) const;
  /// The rectangle (min, max) of a field as drawn in the last frame.
  std::optional<std::pair<ImVec2, ImVec2>> fieldRect(std::string_view field) const;

 private:
  void drawActor(Document& doc, const Actor& actor);
  void drawMany(const Document& doc, const std::set<RowId>& selectedActors);
  void drawContacts(Document& doc, const Actor& actor);
  void drawRelations(const Document& doc, const Actor& actor);
  bool parentCombo(const Model& m, const Actor& actor, RowId& parentId);

  /// A text field showing `value`; true (with `out` set) when an edit was committed.
  bool textField(const std::string& field, const char* label, const std::string& value, std::string& out,
                 bool multiline = false);
  /// Runs a command; on a UserError records it against `field` and returns false.
  template <class MakeCommand>
  bool commit(Document& doc, const std::string& field, MakeCommand&& make);
  void showError(const std::string& field) const;
  /// Forgets drafts and errors when the panel starts showing something else.
  void focusOn(RowId actorId, RowId tieId);

  RowId m_actorId = 0, m_tieId = 0;
  RowId m_clickedAgreement = 0;
  DraftText m_drafts;
  ItemRects m_rects;                            ///< last frame's field rectangles
  std::string m_error, m_errorField;
  std::map<std::string, double> m_pendingCoordinates;  ///< one coordinate typed, waiting for the other
  std::string m_parentSearch;
};

}  // namespace nestmap
