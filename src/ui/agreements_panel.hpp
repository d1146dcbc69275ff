#pragma once
#include <imgui.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "ui/agreement_editor.hpp"
#include "ui/item_rects.hpp"

namespace nestmap {

class Document;

/// The register of agreements: a table of every agreement, sortable by any
/// column and filtered by status, prison, party and free text, with reviews
/// that are overdue (red) or due within 14 days (amber) marked in colour and
/// in words. A click selects an agreement, a double-click opens the editor
/// (which this panel owns); "Nieuwe afspraak" and Delete edit the map through commands.
struct AgreementsPanel {
  enum Column : int { Title, Parties, Prison, Type, Status, Owner, Review, WorkPackage, BuildingBlocks, ColumnCount };
  /// Where an agreement's review stands on today().
  enum class Flag { None, DueSoon, Overdue };
  static constexpr ImU32 kOverdueTint = IM_COL32(214, 64, 52, 110);
  static constexpr ImU32 kDueSoonTint = IM_COL32(240, 170, 30, 100);

  /// One agreement's line of the table, as shown.
  struct Row {
    RowId agreement = 0;
    std::array<std::string, ColumnCount> text;    ///< each cell's text
    std::array<std::string, ColumnCount> folded;  ///< the texts as foldForSearch gives them, to sort
    AgreementStatus status = AgreementStatus::Idea;
    std::optional<Date> review;
    int workPackage = 0;
    std::vector<int> buildingBlocks;
    std::vector<std::string> partyNames;  ///< folded names and short names of the parties
    std::vector<RowId> prisons;           ///< scope prison and every party with what it belongs to, sorted
    std::string searchText;               ///< folded title, notes and work package
    Flag flag = Flag::None;
    int flagDays = 0;  ///< overdue: days past the review; due soon: days left
    std::string flagText;
  };
  /// Where the last frame drew things, so tests can click and inspect them.
  struct DrawnRow {
    RowId agreement = 0;
    ImVec2 min{0, 0}, max{0, 0};
    ImU32 tint = 0;  ///< the row's background tint; 0: none
    std::string flag;
  };
  struct Hooks {
    std::vector<DrawnRow> rows;                      ///< the rows drawn, top to bottom
    std::array<ImVec2, ColumnCount> headerCenter{};  ///< the middle of each column header
  };

  /// Draws the register over `pos`, `size`.
  void draw(Document& doc, ImVec2 pos, ImVec2 size);
  /// Draws the editor window when it is open (call every frame, also when the
  /// register is hidden); `canvasSelection` is what "Selectie van de kaart
  /// toevoegen" adds; it appears at `pos`, `size`. A new agreement created in it is selected.
  void drawEditor(Document& doc, const std::set<RowId>& canvasSelection, ImVec2 pos, ImVec2 size);

  /// The agreement selected in the register; 0: none.
  RowId selectedAgreement() const { return m_selected; }
  void select(RowId agreementId);
  /// Selects an agreement and opens the editor on it.
  void openEditor(RowId agreementId);
  AgreementEditor& editor() { return m_editor; }
  const AgreementEditor& editor() const { return m_editor; }

  /// The day reviews are judged on (and new agreements start); the real date unless set (tests).
  void setToday(std::optional<Date> today);
  Date today() const;

  // Filters, as choosing them in the panel does (they take effect at the next draw).
  void setStatusFilter(std::optional<AgreementStatus> status) { m_statusFilter = status; }
  void setPrisonFilter(RowId prisonId) { m_prisonFilter = prisonId; }
  void setPartyFilter(std::string text) { m_partyFilter = std::move(text); }
  void setSearch(std::string text) { m_search = std::move(text); }

  // For tests and callers: what the last frame showed.
  /// Every agreement's row, in id order.
  const std::vector<Row>& rows() const { return m_rows; }
  /// Indices into rows() as the table shows them: sorted, then filtered.
  const std::vector<std::uint32_t>& visibleRows() const { return m_visible; }
  /// The agreements the table shows, in order.
  std::vector<RowId> visibleAgreements() const;
  const Hooks& hooks() const { return m_hooks; }
  /// The message of the last refused edit (a delete); empty when it went through.
  const std::string& message() const { return m_message; }
  /// The centre of an item as drawn in the last frame: "new", "edit", "delete", "status_filter",
  /// "status_option:<key>" ("status_option:all"), "prison_filter", "prison_option:<id>" (0: all),
  /// "party_filter", "search".
  std::optional<ImVec2> itemCenter(std::string_view item) const;

 private:
  void rebuild(const Document& doc);
  void sortRows(const ImGuiTableSortSpecs& specs);
  void filterRows();
  void drawToolbar(Document& doc);
  void drawTable(const Document& doc);
  void remove(Document& doc);

  AgreementEditor m_editor;
  RowId m_selected = 0;
  bool m_scrollToSelected = false;
  std::optional<Date> m_today;

  std::vector<Row> m_rows;
  std::vector<std::uint32_t> m_sorted, m_visible;
  // The rows are rebuilt when one of these changed, and filtered again when a filter did.
  std::uint64_t m_builtRevision = ~std::uint64_t{0};
  Date m_builtToday;
  int m_builtLanguage = -1;
  bool m_needSort = true, m_needFilter = true;

  std::optional<AgreementStatus> m_statusFilter;
  RowId m_prisonFilter = 0;
  std::string m_partyFilter, m_search;
  std::optional<AgreementStatus> m_filteredStatus;
  RowId m_filteredPrison = 0;
  std::string m_filteredParty, m_filteredSearch;

  std::vector<RowId> m_prisons;
  std::string m_message;
  Hooks m_hooks;
  ItemRects m_rects;
};

}  // namespace nestmap
