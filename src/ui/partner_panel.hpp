#pragma once
#include <imgui.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/partner_finder.hpp"
#include "core/model.hpp"
#include "ui/item_rects.hpp"

namespace nestmap {

class Document;

/// The partner finder for Kindreflex ambassadors: for one prison and one
/// category of its nest (or every category it misses) the ranked candidates
/// within a radius, each with its score parts, distance and the introduction
/// from the prison's side. Selecting a row hands the introduction path to the
/// canvas; "Afspraak plannen" adds an agreement in status idee between the
/// prison and the candidate as one undoable command.
struct PartnerPanel {
  enum Column : int {
    Rank,
    Name,
    Category,
    Score,
    Connection,
    Distance,
    Region,
    Experience,
    Broker,
    Km,
    Introduction,
    Plan,
    ColumnCount
  };
  static constexpr double kMinRadiusKm = 1, kMaxRadiusKm = 250;
  static constexpr int kMinLimit = 1, kMaxLimit = 25, kDefaultLimit = 5;

  /// One line of the table: a candidate as PartnerFinder ranks it, with its texts.
  struct Row {
    int rank = 0;  ///< 1-based, per category
    PartnerCandidate candidate;
    std::string name, category;
    std::string introduction;     ///< "via A → B" (the side actor and the go-betweens), or why there is none
    std::string path;             ///< the whole introduction, candidate included: "A → B → C"
    RowId existingAgreement = 0;  ///< an agreement between the prison and the candidate already on the map
  };
  /// Where the last frame drew a row, so tests can click it.
  struct DrawnRow {
    std::size_t row = 0;  ///< index into rows()
    ImVec2 min{0, 0}, max{0, 0};
    ImVec2 planCenter{0, 0};  ///< the middle of its "Afspraak plannen" button
    bool planEnabled = false;
  };
  struct Hooks {
    std::vector<DrawnRow> rows;          ///< the rows drawn, top to bottom
    std::vector<ImVec2> headerCenter;    ///< the middle of each column header
    std::vector<RowId> emptyCategories;  ///< categories drawn with "no candidates"
  };

  /// Draws the panel over `pos`, `size`; recomputes first when the map, the
  /// day, the language or a control changed since the last computation.
  void draw(Document& doc, ImVec2 pos, ImVec2 size);

  /// Measures the map as it was on `date` (nullopt: as it is today()).
  void setAsOf(std::optional<Date> date) { m_asOf = date; }
  std::optional<Date> asOf() const { return m_asOf; }
  /// The day new agreements start on; the real date unless set (tests).
  void setToday(std::optional<Date> today) { m_today = today; }
  Date today() const;

  // Controls, as choosing them in the panel does (they take effect at the next draw).
  /// The prison (0: the first by name).
  void setPrison(RowId prisonId);
  RowId prison() const { return m_prison; }
  /// One category of the template, or 0 for every category the prison misses ("alle ontbrekende categorieën").
  void setCategory(RowId categoryId);
  RowId category() const { return m_category; }
  /// The search radius; nullopt: each category's own catchment radius (what choosing a category resets it to).
  void setRadiusKm(std::optional<double> km);
  std::optional<double> radiusKm() const { return m_radiusKm; }
  /// Candidates per category, kMinLimit–kMaxLimit.
  void setLimit(int limit);
  int limit() const { return m_limit; }

  // The selected candidate, for the canvas to draw and select.
  /// The selected candidate's actor; 0: none.
  RowId selectedCandidate() const;
  /// The category the selected candidate was found for; 0: none.
  RowId selectedCategory() const;
  /// The introduction of the selected candidate: the actor on the prison's
  /// side, the go-betweens and the candidate, in that order; empty when
  /// nothing is selected or the candidate is not connected yet.
  std::vector<RowId> selectedPath() const;
  /// True once after the selection changed (a click, or a selection that vanished on recomputing).
  bool takeSelectionChanged();
  /// Selects a candidate of the current list as a click on its row does (0: clears).
  void select(RowId actorId, RowId categoryId);

  /// The agreement that "Afspraak plannen" added since the last call, once; 0: none.
  RowId takePlannedAgreement();
  /// Plans an agreement with the candidate of rows()[row] as its button does; returns its id, 0 when refused.
  RowId plan(Document& doc, std::size_t row);

  // For tests and callers: what the last computation gave and the last frame showed.
  const PartnerFinder::Result& result() const { return m_result; }
  const std::vector<Row>& rows() const { return m_rows; }
  /// How many times the candidates were computed (once per change of map, day or control).
  int computations() const { return m_computations; }
  /// The confirmation of the last planned agreement, or why it was refused; empty otherwise.
  const std::string& message() const { return m_message; }
  bool messageIsError() const { return m_messageIsError; }
  const Hooks& hooks() const { return m_hooks; }
  /// The centre of an item as drawn in the last frame: "prison", "prison_option:<id>", "category",
  /// "category_option:<id>" (0: all missing categories), "radius", "radius_reset", "limit".
  std::optional<ImVec2> itemCenter(std::string_view item) const;

 private:
  struct Inputs {
    std::uint64_t revision = 0;
    Date asOf;
    int language = -1;
    RowId prison = 0, category = 0;
    std::optional<double> radiusKm;
    int limit = 0;
    friend bool operator==(const Inputs&, const Inputs&) = default;
  };
  void recompute(const Document& doc, const Inputs& inputs);
  void drawControls(const Model& m);
  void drawTable(Document& doc);
  Date day() const { return m_asOf ? *m_asOf : today(); }

  std::optional<Date> m_asOf, m_today;
  RowId m_prison = 0, m_category = 0;
  std::optional<double> m_radiusKm;
  int m_limit = kDefaultLimit;

  std::optional<Inputs> m_computed;
  int m_computations = 0;
  PartnerFinder::Result m_result;
  std::vector<Row> m_rows;
  std::vector<RowId> m_prisons;     ///< the prisons on the day, by name
  std::vector<RowId> m_categories;  ///< the template's categories, in order

  RowId m_selectedActor = 0, m_selectedCategory = 0;
  bool m_selectionChanged = false;
  RowId m_planned = 0;
  std::string m_message;
  bool m_messageIsError = false;
  std::uint64_t m_messageRevision = 0;

  Hooks m_hooks;
  ItemRects m_rects;
};

}  // namespace nestmap
