#pragma once
#include <imgui.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/progress.hpp"
#include "core/model.hpp"

namespace nestmap {

class Document;

/// The bottom panel that lists every actor with its centrality measures:
/// computed on a worker whenever the map changes, sortable by any column,
/// filtered by name; a click on a row picks that actor.
struct MetricsPanel {
  enum Column : int {
    Name,
    Type,
    Degree,
    Betweenness,
    Closeness,
    Eigenvector,
    PageRank,
    Clustering,
    Core,
    ColumnCount
  };
  static constexpr int kMetricCount = ColumnCount - Degree;

  /// One actor's line of the table.
  struct Row {
    RowId actor = 0;
    std::string name, folded, type;             ///< folded: the name as foldForSearch gives it
    std::array<double, kMetricCount> values{};  ///< Degree .. Core, in column order
  };
  /// What the worker hands back: the rows of the map at `revision`.
  struct Result {
    std::uint64_t revision = 0;
    std::vector<Row> rows;
  };
  /// Where the last frame drew things, so tests can click them.
  struct Hooks {
    ImVec2 firstRowMin{0, 0}, firstRowMax{0, 0};  ///< the first drawn row
    std::size_t firstRowPosition = 0;             ///< its position in visibleRows()
    float rowHeight = 0;                          ///< from one row to the next; 0 when one row shows
    bool firstRowDrawn = false;
    std::array<ImVec2, ColumnCount> headerCenter{};  ///< the middle of each column header
  };

  MetricsPanel();
  ~MetricsPanel();
  MetricsPanel(const MetricsPanel&) = delete;
  MetricsPanel& operator=(const MetricsPanel&) = delete;

  /// Takes finished results and starts a new computation when the map changed;
  /// draw() does this too. Call it every frame when the panel is hidden.
  void update(const Document& doc);
  /// Draws the panel over `pos`, `size`; returns the actor the user clicked (to select and centre), or 0.
  RowId draw(const Document& doc, ImVec2 pos, ImVec2 size);

  /// Computes the measures of the map as it was on `date` (nullopt: as it is), from the next update() on.
  void setAsOf(std::optional<Date> date) { m_asOf = date; }
  /// Whether a computation is under way (the table shows the last results meanwhile).
  bool computing() const { return m_job != nullptr; }
  /// The revision the shown rows belong to; nothing shown yet while `hasResult()` is false.
  bool hasResult() const { return m_hasResult; }
  std::uint64_t resultRevision() const { return m_result.revision; }
  /// Every row, in actor-id order.
  const std::vector<Row>& rows() const { return m_result.rows; }
  /// Indices into rows() as the table shows them: sorted, then filtered by the search text.
  const std::vector<std::uint32_t>& visibleRows() const { return m_visible; }
  /// Sets the search text, as typing it in the search box does.
  void setSearch(std::string text);
  const Hooks& hooks() const { return m_hooks; }

 private:
  using Job = BackgroundJob<Result>;
  void startJob(const Document& doc);
  void collectJob();
  void sortRows(const ImGuiTableSortSpecs& specs);
  void filterRows();

  std::unique_ptr<Job> m_job;
  std::vector<std::unique_ptr<Job>> m_cancelled;  ///< old jobs asked to stop, dropped once they did
  std::shared_ptr<std::atomic<int>> m_stage;      ///< which algorithm the running job is at
  std::uint64_t m_jobRevision = ~std::uint64_t{0};
  std::optional<Date> m_asOf, m_jobAsOf;
  std::string m_error;

  Result m_result;
  bool m_hasResult = false;
  bool m_dataChanged = false;  ///< new rows: sort again even when the specs did not change
  std::vector<std::uint32_t> m_sorted, m_visible;
  std::string m_search, m_filteredFor;
  std::array<char, 256> m_searchBuffer{};
  Hooks m_hooks;
  RowId m_clicked = 0;
};

}  // namespace nestmap
