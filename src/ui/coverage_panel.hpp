#pragma once
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/nest_coverage.hpp"
#include "core/model.hpp"
#include "scene/coverage_picture.hpp"

namespace nestmap {

class Document;

/// The coverage heatmap: one row per prison (name and score), one column per
/// category of the nest template, each cell a square coloured by its status
/// with a mark for fragile and for stale; hovering a cell explains it, clicking
/// it asks to open the prison's nest view with that category highlighted.
/// Computed on the UI thread (a few ms for the demo, ~50 ms for 20k actors),
/// only when the map's revision or the date changes.
struct CoveragePanel {
  enum class Sort { ScoreAscending, ScoreDescending, NameAscending, NameDescending };
  /// What a cell's square shows besides its colour, so that colour is not the only cue.
  using Mark = CoverageMark;

  static constexpr ImU32 kFormalisedColour =
      IM_COL32(kCoverageFormalised.r, kCoverageFormalised.g, kCoverageFormalised.b, 255);
  static constexpr ImU32 kInformalColour = IM_COL32(kCoverageInformal.r, kCoverageInformal.g, kCoverageInformal.b, 255);
  static constexpr ImU32 kMissingColour = IM_COL32(kCoverageMissing.r, kCoverageMissing.g, kCoverageMissing.b, 255);

  /// A click on a cell (or on a prison's name: categoryId 0): open this prison's nest view.
  struct OpenRequest {
    RowId prisonId = 0;
    RowId categoryId = 0;  ///< the category to highlight; 0: none
    friend bool operator==(const OpenRequest&, const OpenRequest&) = default;
  };
  /// One cell as the last frame drew it.
  struct DrawnCell {
    RowId prisonId = 0, categoryId = 0;
    ImU32 fill = 0;
    Mark mark = Mark::Cross;
    bool fragileMark = false, staleMark = false;
    ImVec2 min{0, 0}, max{0, 0};
  };
  /// Where the last frame drew things, so tests can hover, click and inspect them.
  struct Hooks {
    std::vector<RowId> rows;       ///< the prisons top to bottom
    std::vector<DrawnCell> cells;  ///< row by row, left to right
    ImVec2 nameHeaderCenter{0, 0}, scoreHeaderCenter{0, 0};
    std::vector<ImVec2> categoryHeaderCenter;  ///< per category, in the template's order
    std::vector<std::string> tooltip;          ///< the lines of the cell tooltip shown; empty when none
    bool legendDrawn = false;
  };

  /// Recomputes when the map or the date changed; draw() does this too.
  void update(const Document& doc);
  /// Draws the panel over `pos`, `size`. A click leaves a request for takeOpenRequest().
  void draw(const Document& doc, ImVec2 pos, ImVec2 size);

  /// The day the coverage is measured on: the timeline's; nullopt: today.
  void setAsOf(std::optional<Date> date) { m_asOf = date; }
  /// The request of the last click, once; nullopt when there was none since the last call.
  std::optional<OpenRequest> takeOpenRequest();

  void setSort(Sort sort);
  Sort sort() const { return m_sort; }
  /// The coverage shown; nullptr before the first update() or without a template.
  const NestCoverage::Result* coverage() const { return m_hasResult ? &m_result : nullptr; }
  /// Indices into coverage()->prisons in the order the rows show them.
  const std::vector<std::size_t>& order() const { return m_order; }
  /// How many times the coverage was computed (tests check that it is not every frame).
  int computeCount() const { return m_computeCount; }
  const Hooks& hooks() const { return m_hooks; }

  /// The tooltip of a cell, line by line: status, partners with their steps,
  /// the ways, formal, stale and pending agreements, and why it is fragile.
  static std::vector<std::string> explainCell(const Model& model, const NestCoverage::Result& coverage,
                                              const PrisonCoverage& prison, const CoverageCell& cell);
  /// A category's column header: a short name ("VK", "CLB"), else the start of its name.
  static std::string shortName(const NestCategory& category);

 private:
  void sortRows();
  void drawTable(const Model& model, ImVec2 size);
  void drawLegend();

  std::optional<Date> m_asOf;
  NestCoverage::Result m_result;
  bool m_hasResult = false;
  std::uint64_t m_revision = ~std::uint64_t{0};
  Date m_date;
  std::string m_error;
  int m_computeCount = 0;

  Sort m_sort = Sort::ScoreAscending;
  bool m_needSort = true;
  std::vector<std::size_t> m_order;
  std::vector<std::string> m_sortNames;  ///< folded prison names, per coverage prison

  std::optional<OpenRequest> m_request;
  Hooks m_hooks;
};

}  // namespace nestmap
