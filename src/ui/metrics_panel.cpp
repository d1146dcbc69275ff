#include "ui/metrics_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <string_view>
#include <utility>

#include "analysis/centrality.hpp"
#include "analysis/graph_snapshot.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "edit/document.hpp"
#include "ui/table_headers.hpp"

namespace nestmap {
namespace {

// The algorithms in the order the worker runs them, for the progress text.
constexpr const char* kStageKeys[] = {"metrics.degree",      "metrics.betweenness", "metrics.closeness",
                                      "metrics.eigenvector", "metrics.pagerank",    "metrics.clustering",
                                      "metrics.core"};
constexpr int kStageCount = static_cast<int>(std::size(kStageKeys));

constexpr const char* kColumnKeys[MetricsPanel::ColumnCount] = {
    "metrics.name",        "metrics.type",     "metrics.degree",     "metrics.betweenness", "metrics.closeness",
    "metrics.eigenvector", "metrics.pagerank", "metrics.clustering", "metrics.core"};

/// What the worker needs, copied on the UI thread: the document may change while it runs.
struct Input {
  std::uint64_t revision = 0;
  GraphSnapshot graph;
  std::vector<std::string> names, types;  ///< per vertex
};

MetricsPanel::Result compute(const Input& in, Progress& progress, std::atomic<int>& stage) {
  const GraphSnapshot& g = in.graph;
  const std::size_t n = g.vertexCount();
  MetricsPanel::Result out;
  out.revision = in.revision;
  out.rows.resize(n);
  // Each algorithm reports 0–1 on the shared Progress; the stage says which one it is.
  auto next = [&](int s) {
    progress.throwIfCancelled();
    progress.report(0);
    stage.store(s, std::memory_order_relaxed);
  };
  auto fill = [&](int metric, const auto& values) {
    for (std::size_t v = 0; v < n; ++v) out.rows[v].values[metric] = static_cast<double>(values[v]);
  };
  next(0);
  fill(0, Degree::run(g, {}, &progress).degree);
  next(1);
  fill(1, Betweenness::run(g, {}, &progress).normalized);
  next(2);
  fill(2, Closeness::run(g, {}, &progress).closeness);
  next(3);
  fill(3, EigenvectorCentrality::run(g, {}, &progress).scores);
  next(4);
  fill(4, PageRank::run(g, {}, &progress).scores);
  next(5);
  fill(5, Clustering::run(g, {}, &progress).coefficient);
  next(6);
  fill(6, CoreNumber::run(g, {}, &progress).core);
  progress.throwIfCancelled();
  for (std::size_t v = 0; v < n; ++v) {
    MetricsPanel::Row& row = out.rows[v];
    row.actor = g.rowId(static_cast<GraphSnapshot::Vertex>(v));
    row.name = in.names[v];
    row.folded = foldForSearch(row.name);
    row.type = in.types[v];
  }
  return out;
}

const std::string& localName(const std::string& nl, const std::string& en) {
  return language() == Language::Dutch || en.empty() ? nl : en;
}

/// A measure as the table shows it: counts whole, the rest to four places; nothing for NaN.
std::string cellText(int column, double value) {
  if (std::isnan(value)) return {};
  return formatNumber(value, column == MetricsPanel::Degree || column == MetricsPanel::Core ? -1 : 4);
}

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

}  // namespace

MetricsPanel::MetricsPanel() : m_stage(std::make_shared<std::atomic<int>>(0)) {}

MetricsPanel::~MetricsPanel() {
  // Ask every job to stop before the members' destructors wait for them one by one.
  if (m_job) m_job->cancel();
  for (auto& job : m_cancelled) job->cancel();
}

void MetricsPanel::setSearch(std::string text) {
  m_search = std::move(text);
  const std::size_t n = std::min(m_search.size(), m_searchBuffer.size() - 1);
  std::copy_n(m_search.data(), n, m_searchBuffer.data());
  m_searchBuffer[n] = '\0';
}

void MetricsPanel::startJob(const Document& doc) {
  if (m_job) {
    m_job->cancel();
    m_cancelled.push_back(std::move(m_job));
  }
  const Model& m = doc.model();
  auto input = std::make_shared<Input>();
  input->revision = doc.revision();
  SnapshotOptions options;
  options.asOf = m_asOf;
  input->graph = GraphSnapshot::fromModel(m, options);
  const std::size_t n = input->graph.vertexCount();
  input->names.reserve(n);
  input->types.reserve(n);
  for (RowId id : input->graph.rowIds()) {
    const Actor& actor = *m.actors.find(id);
    input->names.push_back(actor.name);
    const ActorType* type = m.actorTypes.find(actor.typeId);
    input->types.push_back(type ? localName(type->nameNl, type->nameEn) : std::string());
  }
  m_stage = std::make_shared<std::atomic<int>>(0);  // its own: a cancelled job may still be writing the old one
  m_error.clear();
  m_jobRevision = doc.revision();
  m_jobAsOf = m_asOf;
  m_job =
      std::make_unique<Job>([input, stage = m_stage](Progress& progress) { return compute(*input, progress, *stage); });
}

void MetricsPanel::collectJob() {
  std::erase_if(m_cancelled, [](const std::unique_ptr<Job>& job) { return job->ready(); });
  if (!m_job || !m_job->ready()) return;
  try {
    m_result = m_job->get();
    m_hasResult = true;
    m_dataChanged = true;
  } catch (const Cancelled&) {
  } catch (const std::exception& e) {
    m_error = e.what();
  }
  m_job.reset();
}

void MetricsPanel::sortRows(const ImGuiTableSortSpecs& specs) {
  const auto& rows = m_result.rows;
  m_sorted.resize(rows.size());
  for (std::uint32_t i = 0; i < m_sorted.size(); ++i) m_sorted[i] = i;
  auto less = [&](std::uint32_t a, std::uint32_t b) {
    for (int s = 0; s < specs.SpecsCount; ++s) {
      const ImGuiTableColumnSortSpecs& spec = specs.Specs[s];
      const Row& ra = spec.SortDirection == ImGuiSortDirection_Descending ? rows[b] : rows[a];
      const Row& rb = spec.SortDirection == ImGuiSortDirection_Descending ? rows[a] : rows[b];
      int cmp = 0;
      switch (spec.ColumnUserID) {
        case Name:
          cmp = ra.folded.compare(rb.folded);
          break;
        case Type:
          cmp = ra.type.compare(rb.type);
          break;
        default: {
          // NaN (no value) sorts before every number, so it gathers at one end.
          const double x = ra.values[spec.ColumnUserID - Degree], y = rb.values[spec.ColumnUserID - Degree];
          const bool xNan = std::isnan(x), yNan = std::isnan(y);
          cmp = xNan || yNan ? int(yNan) - int(xNan) : (x < y ? -1 : (y < x ? 1 : 0));
        }
      }
      if (cmp != 0) return cmp < 0;
    }
    return a < b;  // equal rows keep actor-id order, in both directions
  };
  std::sort(m_sorted.begin(), m_sorted.end(), less);
}

void MetricsPanel::filterRows() {
  const std::string query = foldForSearch(m_search);
  m_visible.clear();
  m_visible.reserve(m_sorted.size());
  for (std::uint32_t i : m_sorted)
    if (query.empty() || m_result.rows[i].folded.find(query) != std::string::npos) m_visible.push_back(i);
  m_filteredFor = m_search;
}

void MetricsPanel::update(const Document& doc) {
  collectJob();
  if (doc.revision() != m_jobRevision || m_asOf != m_jobAsOf) startJob(doc);
}

RowId MetricsPanel::draw(const Document& doc, ImVec2 pos, ImVec2 size) {
  update(doc);

  RowId clicked = 0;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (!ImGui::Begin("##metrics", nullptr, kPanelFlags)) {
    ImGui::End();
    return 0;
  }

  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  const std::string hint = tr("metrics.search_hint");
  if (ImGui::InputTextWithHint("##search", hint.c_str(), m_searchBuffer.data(), m_searchBuffer.size()))
    m_search = m_searchBuffer.data();
  ImGui::SameLine();
  if (m_job) {
    const int stage = std::clamp(m_stage->load(), 0, kStageCount - 1);
    const double fraction = (stage + std::clamp(m_job->progress().fraction(), 0.0, 1.0)) / kStageCount;
    const std::string text = trf("metrics.computing", {tr(kStageKeys[stage])});
    ImGui::ProgressBar(static_cast<float>(fraction), ImVec2(ImGui::GetFontSize() * 20, 0), text.c_str());
    ImGui::SameLine();
  }
  if (!m_error.empty()) {
    ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.2f, 1), "%s", trf("metrics.failed", {m_error}).c_str());
    ImGui::SameLine();
  }
  if (m_hasResult)
    ImGui::TextDisabled(
        "%s", trf("metrics.count", {std::to_string(m_visible.size()), std::to_string(m_result.rows.size())}).c_str());
  else
    ImGui::NewLine();

  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings;
  if (m_hasResult && ImGui::BeginTable("##metrics_table", ColumnCount, flags, ImGui::GetContentRegionAvail())) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (int c = 0; c < ColumnCount; ++c) {
      ImGuiTableColumnFlags columnFlags = c >= Degree ? ImGuiTableColumnFlags_PreferSortDescending : 0;
      if (c == Name) columnFlags |= ImGuiTableColumnFlags_DefaultSort;
      ImGui::TableSetupColumn(tr(kColumnKeys[c]).c_str(), columnFlags,
                              c == Name   ? 3.0f
                              : c == Type ? 2.0f
                                          : 1.0f,
                              static_cast<ImGuiID>(c));
    }
    tableHeadersRow(m_hooks.headerCenter);

    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && (specs->SpecsDirty || m_dataChanged)) {
      sortRows(*specs);
      specs->SpecsDirty = false;
      m_dataChanged = false;
      m_filteredFor.assign(1, '\1');  // force the filter to run again
    }
    if (m_filteredFor != m_search) filterRows();

    m_hooks.firstRowDrawn = false;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_visible.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const Row& row = m_result.rows[m_visible[static_cast<std::size_t>(i)]];
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(Name);
        // An empty label with the name drawn over it: a name is text, never an ImGui id ("##").
        const ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::PushID(i);
        if (ImGui::Selectable("##row", row.actor == m_clicked, ImGuiSelectableFlags_SpanAllColumns)) {
          m_clicked = row.actor;
          clicked = row.actor;
        }
        ImGui::PopID();
        if (!m_hooks.firstRowDrawn) {
          m_hooks.firstRowDrawn = true;
          m_hooks.firstRowPosition = static_cast<std::size_t>(i);
          m_hooks.firstRowMin = ImGui::GetItemRectMin();
          m_hooks.firstRowMax = ImGui::GetItemRectMax();
          m_hooks.rowHeight = 0;
        } else if (static_cast<std::size_t>(i) == m_hooks.firstRowPosition + 1) {
          m_hooks.rowHeight = ImGui::GetItemRectMin().y - m_hooks.firstRowMin.y;
        }
        ImGui::SameLine();
        ImGui::SetCursorScreenPos(start);
        ImGui::TextUnformatted(row.name.c_str());
        ImGui::TableSetColumnIndex(Type);
        ImGui::TextUnformatted(row.type.c_str());
        for (int c = Degree; c < ColumnCount; ++c) {
          ImGui::TableSetColumnIndex(c);
          const std::string text = cellText(c, row.values[c - Degree]);
          // Right-aligned, so that magnitudes line up.
          const float offset = ImGui::GetColumnWidth() - ImGui::CalcTextSize(text.c_str()).x;
          if (offset > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + offset);
          ImGui::TextUnformatted(text.c_str());
        }
      }
    }
    ImGui::EndTable();
  }
  ImGui::End();
  return clicked;
}

}  // namespace nestmap
