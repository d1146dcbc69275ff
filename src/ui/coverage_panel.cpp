// [SECTION] texts: names, short headers, the cell explained
// [SECTION] drawing a cell's square and its marks
// [SECTION] CoveragePanel: computing, sorting, drawing
#include "ui/coverage_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <exception>

#include "analysis/nest_names.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "edit/document.hpp"
#include "render/imgui_renderer.hpp"
#include "core/date_text.hpp"

namespace nestmap {
namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
// A tooltip lists this many partners and ways; the rest are counted.
constexpr std::size_t kMaxPartners = 6, kMaxPaths = 4;

// ---------------------------------------------------------------------------
// [SECTION] texts: names, short headers, the cell explained

std::string actorName(const Model& m, RowId id) {
  const Actor* a = m.actors.find(id);
  return a ? a->name : "#" + std::to_string(id);
}

std::string categoryName(const NestCategory& c) {
  return language() == Language::Dutch || c.nameEn.empty() ? c.nameNl : c.nameEn;
}

std::string agreementStatusName(const Model& m, AgreementStatus status) {
  for (const auto& [id, label] : m.statusLabels)
    if (label.status == status)
      return language() == Language::Dutch || label.nameEn.empty() ? label.nameNl : label.nameEn;
  return std::string(key(status));
}

std::string hopText(int hops) {
  if (hops < 0) return tr("coverage.tip.formal_only");
  return hops == 1 ? tr("coverage.tip.one_step") : trf("coverage.tip.steps", {std::to_string(hops)});
}

std::string pathText(const Model& m, const std::vector<RowId>& actors) {
  std::string out;
  for (std::size_t i = 0; i < actors.size(); ++i) out += (i ? " → " : "") + actorName(m, actors[i]);
  return out;
}

/// Whether the i18n table has `key` (tr() would answer "[key]" otherwise).
bool hasText(std::string_view key) {
  const auto all = translations();
  return std::any_of(all.begin(), all.end(), [&](const Translation& t) { return t.key == key; });
}

/// The first `n` characters of UTF-8 `text`, with "…" when it was longer.
std::string firstChars(const std::string& text, std::size_t n) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (chars++ == n) return text.substr(0, i) + "…";
  }
  return text;
}

// ---------------------------------------------------------------------------
// [SECTION] drawing a cell's square and its marks

ImU32 statusColour(CoverageStatus s) {
  const Color c = coverageColour(s);
  return IM_COL32(c.r, c.g, c.b, 255);
}

CoveragePanel::Mark statusMark(CoverageStatus s) { return coverageMark(s); }

/// The square as the report draws it (scene/coverage_picture), into the panel's draw list.
void drawSquare(ImDrawList* dl, ImVec2 min, float s, ImU32 fill, std::optional<CoveragePanel::Mark> mark, bool fragile,
                bool stale) {
  const ImVec4 f = ImGui::ColorConvertU32ToFloat4(fill);
  const Color colour{static_cast<std::uint8_t>(f.x * 255 + 0.5f), static_cast<std::uint8_t>(f.y * 255 + 0.5f),
                     static_cast<std::uint8_t>(f.z * 255 + 0.5f)};
  DisplayList square;
  square.size = {min.x + s + 1, min.y + s + 1};
  const ImGuiMeasure measure(ImGui::GetFont());
  DisplayListBuilder out(square, measure);
  composeCoverageSquare(out, {min.x, min.y}, s, colour, mark, fragile, stale);
  drawItems(dl, ImGui::GetFont(), square, {0, 0}, 0, square.items.size());
}

}  // namespace

std::string CoveragePanel::shortName(const NestCategory& category) {
  const std::string key = "coverage.short." + category.key;
  if (hasText(key)) return tr(key);
  const std::string name = categoryName(category);
  // An acronym in brackets says it best: "Leerlingenbegeleiding (CLB)".
  const std::size_t open = name.rfind('('), close = name.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open + 1 && close - open <= 8) {
    const std::string inside = name.substr(open + 1, close - open - 1);
    if (std::all_of(inside.begin(), inside.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return inside;
  }
  return firstChars(name, 8);
}

std::vector<std::string> CoveragePanel::explainCell(const Model& model, const NestCoverage::Result& coverage,
                                                    const PrisonCoverage& prison, const CoverageCell& cell) {
  std::vector<std::string> lines;
  const NestCategory* category = model.nestCategories.find(cell.categoryId);
  lines.push_back(trf("coverage.tip.title",
                      {actorName(model, prison.prisonId), category ? categoryName(*category) : std::string("?")}));
  lines.push_back(trf("coverage.tip.status", {statusName(cell.status)}));
  if (category && category->reach == Reach::Formal && cell.status == CoverageStatus::Informal)
    lines.push_back(tr("coverage.tip.needs_agreement"));
  if (cell.status == CoverageStatus::Missing && category) {
    const int limit = hopLimit(model, *category);
    lines.push_back(trf("coverage.tip.none_within",
                        {limit == 1 ? tr("nest.hop_limit_one") : trf("nest.hop_limit", {std::to_string(limit)})}));
  }

  if (!cell.partners.empty()) {
    lines.push_back(trf("coverage.tip.partners", {std::to_string(cell.partners.size())}));
    for (std::size_t i = 0; i < cell.partners.size() && i < kMaxPartners; ++i) {
      const CellPartner& p = cell.partners[i];
      std::string line = "  • " + actorName(model, p.actorId) + " — " + hopText(p.hops);
      if (p.formal && p.hops >= 0) line += ", " + tr("coverage.tip.with_agreement");
      lines.push_back(std::move(line));
    }
    if (cell.partners.size() > kMaxPartners)
      lines.push_back("  " + trf("coverage.tip.more", {std::to_string(cell.partners.size() - kMaxPartners)}));
  }
  // The ways show the go-betweens; a way of one step says nothing the partner line does not.
  std::vector<const std::vector<RowId>*> ways;
  for (const auto& path : cell.paths)
    if (path.size() > 2) ways.push_back(&path);
  if (!ways.empty()) {
    lines.push_back(tr("coverage.tip.ways"));
    for (std::size_t i = 0; i < ways.size() && i < kMaxPaths; ++i) lines.push_back("  • " + pathText(model, *ways[i]));
    if (ways.size() > kMaxPaths)
      lines.push_back("  " + trf("coverage.tip.more", {std::to_string(ways.size() - kMaxPaths)}));
  }

  if (!cell.agreements.empty()) {
    lines.push_back(tr("coverage.tip.agreements"));
    for (RowId id : cell.agreements) {
      const Agreement* a = model.agreements.find(id);
      if (!a) continue;
      std::string line = "  • " + a->title;
      if (std::find(cell.staleAgreements.begin(), cell.staleAgreements.end(), id) != cell.staleAgreements.end())
        line += " — " + trf("coverage.tip.review_overdue", {a->reviewDate ? longDate(*a->reviewDate) : "?"});
      lines.push_back(std::move(line));
    }
  }
  if (!cell.pendingAgreements.empty()) {
    lines.push_back(tr("coverage.tip.pending"));
    for (RowId id : cell.pendingAgreements) {
      const Agreement* a = model.agreements.find(id);
      if (!a) continue;
      const auto status = a->statusOn(coverage.asOf);
      lines.push_back("  • " + a->title + " (" + (status ? agreementStatusName(model, *status) : "—") + ")");
    }
  }

  if (cell.fragile) {
    std::string why;
    switch (cell.fragility) {
      case Fragility::SinglePartner:
        why = trf("nest.fragile.single_partner",
                  {cell.partners.empty() ? "?" : actorName(model, cell.partners.front().actorId)});
        break;
      case Fragility::SingleActor:
        why = trf("nest.fragile.single_actor", {actorName(model, cell.singleActor)});
        break;
      case Fragility::SingleTie:
        why = trf("nest.fragile.single_tie",
                  {actorName(model, cell.singleTie.first), actorName(model, cell.singleTie.second)});
        break;
      case Fragility::None:
        break;
    }
    lines.push_back(trf("coverage.tip.fragile", {why}));
  }
  if (cell.stale) lines.push_back(tr("coverage.tip.stale"));
  lines.push_back(tr("coverage.tip.click"));
  return lines;
}

// ---------------------------------------------------------------------------
// [SECTION] CoveragePanel: computing, sorting, drawing

std::optional<CoveragePanel::OpenRequest> CoveragePanel::takeOpenRequest() {
  auto out = m_request;
  m_request.reset();
  return out;
}

void CoveragePanel::setSort(Sort sort) {
  if (sort != m_sort) m_needSort = true;
  m_sort = sort;
}

void CoveragePanel::update(const Document& doc) {
  const Date date = m_asOf.value_or(Date::today());
  if (doc.revision() == m_revision && date == m_date) return;
  m_revision = doc.revision();
  m_date = date;
  const Model& model = doc.model();
  m_hasResult = false;
  m_error.clear();
  m_result = {};
  if (!defaultTemplate(model)) return;
  try {
    NestCoverage::Params params;
    params.asOf = date;
    m_result = NestCoverage::run(model, params);
    m_hasResult = true;
    ++m_computeCount;
  } catch (const std::exception& e) {
    m_error = e.what();
  }
  m_sortNames.clear();
  for (const PrisonCoverage& p : m_result.prisons) m_sortNames.push_back(foldForSearch(actorName(model, p.prisonId)));
  m_needSort = true;
}

void CoveragePanel::sortRows() {
  const auto& prisons = m_result.prisons;
  m_order.resize(prisons.size());
  for (std::size_t i = 0; i < m_order.size(); ++i) m_order[i] = i;
  // Stable on the result's name order, so equal scores stay by name in both directions.
  std::stable_sort(m_order.begin(), m_order.end(), [&](std::size_t a, std::size_t b) {
    switch (m_sort) {
      case Sort::ScoreAscending:
        return prisons[a].score < prisons[b].score;
      case Sort::ScoreDescending:
        return prisons[a].score > prisons[b].score;
      case Sort::NameAscending:
        return m_sortNames[a] < m_sortNames[b];
      case Sort::NameDescending:
        return m_sortNames[a] > m_sortNames[b];
    }
    return false;
  });
  m_needSort = false;
}

void CoveragePanel::draw(const Document& doc, ImVec2 pos, ImVec2 size) {
  update(doc);
  m_hooks.rows.clear();
  m_hooks.cells.clear();
  m_hooks.tooltip.clear();
  m_hooks.legendDrawn = false;

  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (!ImGui::Begin("##coverage", nullptr, kPanelFlags)) {
    ImGui::End();
    return;
  }
  const Model& model = doc.model();
  if (!m_error.empty()) {
    ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.2f, 1), "%s", trf("coverage.failed", {m_error}).c_str());
  } else if (!m_hasResult) {
    ImGui::TextWrapped("%s", tr("nest.no_template").c_str());
  } else if (m_result.prisons.empty()) {
    ImGui::TextWrapped("%s", tr("coverage.no_prisons").c_str());
  } else {
    if (m_needSort) sortRows();
    const NestTemplate* tmpl = model.nestTemplates.find(m_result.templateId);
    double mean = 0;
    for (const PrisonCoverage& p : m_result.prisons) mean += p.score;
    mean /= static_cast<double>(m_result.prisons.size());
    ImGui::TextUnformatted(
        trf("coverage.title", {longDate(m_result.asOf), tmpl ? tmpl->name : "—", formatNumber(mean, 0)}).c_str());
    // Room for the legend under the grid: two lines.
    const float legendHeight =
        ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    drawTable(model, ImVec2(avail.x, std::max(avail.y - legendHeight, ImGui::GetFrameHeight() * 4)));
    drawLegend();
  }
  ImGui::End();
}

void CoveragePanel::drawTable(const Model& model, ImVec2 size) {
  const std::size_t categoryCount = m_result.categories.size();
  const float square = std::round(ImGui::GetFrameHeight());
  const float pad = ImGui::GetStyle().CellPadding.x * 2;
  std::vector<const NestCategory*> categories;
  std::vector<std::string> headers;
  for (RowId id : m_result.categories) {
    categories.push_back(model.nestCategories.find(id));
    headers.push_back(categories.back() ? shortName(*categories.back()) : "?");
  }
  const std::string nameLabel = tr("nest.prison"), scoreLabel = tr("nest.score");
  const char* up = "↑";
  const char* down = "↓";
  float nameWidth = ImGui::CalcTextSize((nameLabel + " ↑").c_str()).x;
  for (const PrisonCoverage& p : m_result.prisons)
    nameWidth = std::max(nameWidth, ImGui::CalcTextSize(actorName(model, p.prisonId).c_str()).x);
  nameWidth = std::min(nameWidth + pad, ImGui::GetFontSize() * 18);
  const float scoreWidth =
      std::max(ImGui::CalcTextSize((scoreLabel + " ↑").c_str()).x, ImGui::CalcTextSize("100 %").x) + pad;

  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_NoSavedSettings;
  // No taller than its rows, so that the legend sits right under the grid.
  const float rowHeight = std::max(square, ImGui::GetTextLineHeight()) + ImGui::GetStyle().CellPadding.y * 2;
  const float scrollbar = ImGui::GetStyle().ScrollbarSize;
  size.y = std::min(size.y, rowHeight * static_cast<float>(m_result.prisons.size() + 2) + scrollbar + 4);
  if (!ImGui::BeginTable("##coverage_grid", static_cast<int>(categoryCount) + 2, flags, size)) return;
  ImGui::TableSetupScrollFreeze(2, 1);
  ImGui::TableSetupColumn("##name", ImGuiTableColumnFlags_WidthFixed, nameWidth);
  ImGui::TableSetupColumn("##score", ImGuiTableColumnFlags_WidthFixed, scoreWidth);
  for (std::size_t k = 0; k < categoryCount; ++k)
    ImGui::TableSetupColumn("##category", ImGuiTableColumnFlags_WidthFixed,
                            std::max(square + pad, ImGui::CalcTextSize(headers[k].c_str()).x + pad));

  // Headers: the prison and score headers sort on a click; a category's names it in full on hover.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  auto center = [] {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
  };
  if (ImGui::TableSetColumnIndex(0)) {
    const bool byName = m_sort == Sort::NameAscending || m_sort == Sort::NameDescending;
    const std::string label =
        nameLabel + (byName ? std::string(" ") + (m_sort == Sort::NameAscending ? up : down) : "") + "###name";
    ImGui::TableHeader(label.c_str());
    m_hooks.nameHeaderCenter = center();
    if (ImGui::IsItemClicked()) setSort(m_sort == Sort::NameAscending ? Sort::NameDescending : Sort::NameAscending);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("coverage.sort_name").c_str());
  }
  if (ImGui::TableSetColumnIndex(1)) {
    const bool byScore = m_sort == Sort::ScoreAscending || m_sort == Sort::ScoreDescending;
    const std::string label =
        scoreLabel + (byScore ? std::string(" ") + (m_sort == Sort::ScoreAscending ? up : down) : "") + "###score";
    ImGui::TableHeader(label.c_str());
    m_hooks.scoreHeaderCenter = center();
    if (ImGui::IsItemClicked()) setSort(m_sort == Sort::ScoreAscending ? Sort::ScoreDescending : Sort::ScoreAscending);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("coverage.sort_score").c_str());
  }
  m_hooks.categoryHeaderCenter.assign(categoryCount, ImVec2(0, 0));
  for (std::size_t k = 0; k < categoryCount; ++k) {
    if (!ImGui::TableSetColumnIndex(static_cast<int>(k) + 2)) continue;
    ImGui::PushID(static_cast<int>(k));
    ImGui::TableHeader(headers[k].c_str());
    ImGui::PopID();
    m_hooks.categoryHeaderCenter[k] = center();
    if (ImGui::IsItemHovered() && categories[k]) {
      const NestCategory& c = *categories[k];
      const int limit = hopLimit(model, c);
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(categoryName(c).c_str());
      ImGui::TextDisabled(
          "%s", (std::string(c.reach == Reach::Formal ? tr("nest.reach.formal") : tr("nest.reach.any")) + ", " +
                 (limit == 1 ? tr("nest.hop_limit_one") : trf("nest.hop_limit", {std::to_string(limit)})))
                    .c_str());
      ImGui::TextUnformatted(trf("coverage.category_score", {formatNumber(m_result.categoryScores[k], 0)}).c_str());
      ImGui::EndTooltip();
    }
  }
  if (m_needSort) sortRows();  // a header click above changed the order

  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (std::size_t row = 0; row < m_order.size(); ++row) {
    const PrisonCoverage& prison = m_result.prisons[m_order[row]];
    m_hooks.rows.push_back(prison.prisonId);
    ImGui::TableNextRow(0, square);
    ImGui::PushID(static_cast<int>(m_order[row]));
    if (ImGui::TableSetColumnIndex(0)) {
      // An empty label with the name drawn over it: a name is text, never an ImGui id.
      const ImVec2 start = ImGui::GetCursorScreenPos();
      if (ImGui::Selectable("##prison", false, 0, ImVec2(0, square))) m_request = OpenRequest{prison.prisonId, 0};
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", trf("coverage.open_prison", {actorName(model, prison.prisonId)}).c_str());
      dl->AddText(ImVec2(start.x, start.y + (square - ImGui::GetFontSize()) * 0.5f), ImGui::GetColorU32(ImGuiCol_Text),
                  actorName(model, prison.prisonId).c_str());
    }
    if (ImGui::TableSetColumnIndex(1)) {
      const std::string text = formatNumber(prison.score, 0) + " %";
      const ImVec2 start = ImGui::GetCursorScreenPos();
      const float offset = std::max(0.0f, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(text.c_str()).x);
      dl->AddText(ImVec2(start.x + offset, start.y + (square - ImGui::GetFontSize()) * 0.5f),
                  ImGui::GetColorU32(ImGuiCol_Text), text.c_str());
      ImGui::Dummy(ImVec2(1, square));
    }
    for (std::size_t k = 0; k < prison.cells.size() && k < categoryCount; ++k) {
      if (!ImGui::TableSetColumnIndex(static_cast<int>(k) + 2)) continue;
      const CoverageCell& cell = prison.cells[k];
      const float offset = std::max(0.0f, (ImGui::GetContentRegionAvail().x - square) * 0.5f);
      ImGui::SetCursorPosX(ImGui::GetCursorPosX() + offset);
      ImGui::PushID(static_cast<int>(k));
      const bool clicked = ImGui::InvisibleButton("##cell", ImVec2(square, square));
      ImGui::PopID();
      DrawnCell drawn;
      drawn.prisonId = prison.prisonId;
      drawn.categoryId = cell.categoryId;
      drawn.fill = statusColour(cell.status);
      drawn.mark = statusMark(cell.status);
      drawn.fragileMark = cell.fragile;
      drawn.staleMark = cell.stale;
      drawn.min = ImGui::GetItemRectMin();
      drawn.max = ImGui::GetItemRectMax();
      drawSquare(dl, drawn.min, square, drawn.fill, drawn.mark, drawn.fragileMark, drawn.staleMark);
      if (ImGui::IsItemHovered()) {
        dl->AddRect(drawn.min, drawn.max, ImGui::GetColorU32(ImGuiCol_Text), square * 0.12f, 0, 2.0f);
        m_hooks.tooltip = explainCell(model, m_result, prison, cell);
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
        for (const std::string& line : m_hooks.tooltip) ImGui::TextUnformatted(line.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
      if (clicked) m_request = OpenRequest{prison.prisonId, cell.categoryId};
      m_hooks.cells.push_back(drawn);
    }
    ImGui::PopID();
  }
  // The category scores under their columns.
  ImGui::TableNextRow();
  if (ImGui::TableSetColumnIndex(0)) ImGui::TextDisabled("%s", tr("nest.category_score").c_str());
  for (std::size_t k = 0; k < categoryCount; ++k) {
    if (!ImGui::TableSetColumnIndex(static_cast<int>(k) + 2)) continue;
    const std::string text = formatNumber(m_result.categoryScores[k], 0);
    const float offset =
        std::max(0.0f, (ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(text.c_str()).x) * 0.5f);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + offset);
    ImGui::TextDisabled("%s", text.c_str());
  }
  ImGui::EndTable();
}

void CoveragePanel::drawLegend() {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float s = std::round(ImGui::GetTextLineHeight());
  const ImU32 neutral = IM_COL32(150, 150, 150, 255);
  struct Item {
    ImU32 fill;
    std::optional<Mark> mark;
    bool fragile, stale;
    const char* key;
  };
  const Item items[] = {
      {kFormalisedColour, Mark::Check, false, false, "coverage.legend.formalised"},
      {kInformalColour, Mark::Tilde, false, false, "coverage.legend.informal"},
      {kMissingColour, Mark::Cross, false, false, "coverage.legend.missing"},
      {neutral, std::nullopt, true, false, "coverage.legend.fragile"},
      {neutral, std::nullopt, false, true, "coverage.legend.stale"},
  };
  bool first = true;
  for (const Item& item : items) {
    if (!first) ImGui::SameLine(0, ImGui::GetFontSize());
    first = false;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(s, s));
    drawSquare(dl, at, s, item.fill, item.mark, item.fragile, item.stale);
    ImGui::SameLine();
    ImGui::TextUnformatted(tr(item.key).c_str());
  }
  ImGui::TextDisabled("%s", tr("coverage.legend.hint").c_str());
  m_hooks.legendDrawn = true;
}

}  // namespace nestmap
