#pragma once
#include <imgui.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.hpp"
#include "ui/draft_text.hpp"
#include "ui/item_rects.hpp"

namespace nestmap {

class Document;

/// A status as the map labels it in the current language (the fixed label when the map has none).
std::string agreementStatusName(const Model& model, AgreementStatus status);
/// A status's colour from the map's StatusLabel table (grey when it has none).
ImU32 agreementStatusColor(const Model& model, AgreementStatus status);
/// The actors of type `prison`, by folded name.
std::vector<RowId> prisonActors(const Model& model);
/// A contact as the owner list shows it: "name — organisation" (the role when it has no name).
std::string contactLabel(const Model& model, const Contact& contact);

/// The editor window of one agreement: title, parties (from a searchable list
/// or the canvas selection) with their roles, type, scope prison, owner,
/// review date, documents, building blocks, work package, notes, the status
/// workflow and the history as a small timeline.
///
/// Like the inspector, text fields commit when they lose focus after an edit
/// (or on Enter) and the other widgets when they change; each commit is one
/// command on the undo stack, and a refused one (a UserError) shows its reason
/// in red under the field and changes nothing. A new agreement is a draft
/// held here until it has what every agreement needs (a title, two parties);
/// "Afspraak aanmaken" then adds it as one command.
struct AgreementEditor {
  /// Starts a program without waiting; nullopt when it started, else why not.
  using Launcher = std::function<std::optional<std::string>(const std::vector<std::string>&)>;

  AgreementEditor();

  /// Opens the window on an agreement of the map (0: does nothing).
  void open(RowId agreementId);
  /// Opens the window on a new, unsaved agreement: status idee from today().
  void openNew();
  void close();
  bool isOpen() const { return m_open; }
  /// The agreement being edited; 0 for a draft (or when closed).
  RowId agreement() const { return m_agreementId; }
  bool isDraft() const { return m_open && m_agreementId == 0; }
  /// The draft, while isDraft().
  const Agreement& draft() const { return m_draft; }

  /// Draws the window when open, placed at `pos`, `size` when it appears (the
  /// user may move it). `canvasSelection`: the actors "Selectie van de kaart
  /// toevoegen" adds. Returns the id of the agreement it created this frame, else 0.
  RowId draw(Document& doc, const std::set<RowId>& canvasSelection, ImVec2 pos, ImVec2 size);

  /// The day a status change and a new agreement default to; the real date unless set (tests).
  void setToday(std::optional<Date> today) { m_today = today; }
  Date today() const;
  /// What "Openen" runs a document's openCommand() with; launchDetached() by default.
  Launcher launcher;

  // For tests and callers: what the last frame showed.
  /// The message of the last refused edit; empty when the last commit went through.
  const std::string& error() const { return m_error; }
  /// The field that message belongs to ("title", "review_date", "status_apply", ...).
  const std::string& errorField() const { return m_errorField; }
  /// The centre of an item as drawn in the last frame; nullopt when it was not drawn. Items:
  /// "title", "party_search", "party_option:<actor>", "add_selection", "party_role:<actor>",
  /// "party_remove:<actor>", "type", "type_option:<id>" (0: none), "prison", "prison_option:<id>" (0: none),
  /// "owner", "owner_pick", "owner_option:<contact>", "review_date", "doc_title:<i>", "doc_ref:<i>",
  /// "doc_open:<i>", "doc_remove:<i>", "new_doc_title", "new_doc_ref", "doc_add", "block:<1-8>",
  /// "work_package", "wp_option:<0-5>", "notes", "status_combo", "status_option:<key>", "status_date",
  /// "status_note", "status_apply", "timeline_dot:<i>", "create".
  std::optional<ImVec2> fieldCenter(std::string_view field) const;
  /// Whether the last frame showed the warning that an agreement needs two parties.
  bool showedPartyWarning() const { return m_partyWarning; }
  /// Whether the last frame said that the chosen status needs a note.
  bool showedNoteHint() const { return m_noteHint; }
  /// The status the status combo has chosen.
  AgreementStatus chosenStatus() const { return m_nextStatus; }
  /// The history entry whose timeline dot the mouse was over in the last frame.
  std::optional<std::size_t> hoveredHistoryEntry() const { return m_hoveredEntry; }
  /// The argv the last "Openen" ran.
  const std::vector<std::string>& lastOpened() const { return m_lastOpened; }

 private:
  void drawFields(Document& doc, const Agreement& a, const std::set<RowId>& canvasSelection);
  void drawParties(Document& doc, const Agreement& a, const std::set<RowId>& canvasSelection);
  void drawOwner(Document& doc, const Agreement& a);
  void drawDocuments(Document& doc, const Agreement& a);
  void drawStatus(Document& doc, const Agreement& a);
  void drawTimeline(const Model& m, const Agreement& a);
  RowId drawCreate(Document& doc);

  /// Changes the agreement: the draft in place, or the map's record through one updateAgreement.
  /// `change` edits a fresh copy, so two commits in one frame never undo each other.
  bool change(Document& doc, const std::string& field, const std::function<void(Agreement&)>& change);
  /// Runs a command; on a UserError records it against `field` and returns false.
  template <class MakeCommand>
  bool commit(Document& doc, const std::string& field, MakeCommand&& make);
  void fail(const std::string& field, std::string message);
  /// A text field showing `value`; true (with `out` set) when an edit was committed.
  bool textField(const std::string& field, const std::string& label, const std::string& value, std::string& out,
                 bool multiline = false);
  void showError(const std::string& field) const;
  void resetStatusForm(const Agreement& a);

  bool m_open = false;
  RowId m_agreementId = 0;
  Agreement m_draft;
  std::optional<Date> m_today;

  DraftText m_drafts;
  ItemRects m_rects;                            ///< last frame's item rectangles
  std::string m_error, m_errorField;
  bool m_partyWarning = false, m_noteHint = false;

  std::string m_partySearch, m_ownerSearch;
  std::string m_partySearchFor;  ///< the search the cached list below belongs to
  std::uint64_t m_partyRevision = ~std::uint64_t{0};
  std::vector<RowId> m_partyHits;

  std::string m_newDocTitle, m_newDocRef;

  AgreementStatus m_nextStatus = AgreementStatus::Discussion;
  std::string m_statusDate, m_statusNote;
  RowId m_statusFormFor = -1;           ///< the agreement the status form was last reset for
  std::size_t m_statusFormHistory = 0;  ///< and its history length then
  std::optional<std::size_t> m_hoveredEntry;
  std::vector<std::string> m_lastOpened;
};

}  // namespace nestmap
