#include "ui/warnings_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <map>
#include <utility>

#include "analysis/graph_snapshot.hpp"
#include "analysis/nest_coverage.hpp"
#include "analysis/nest_names.hpp"
#include "analysis/structure.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "edit/document.hpp"
#include "core/date_text.hpp"

namespace nestmap {
namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
constexpr const char* kHeaderKeys[WarningsPanel::kKindCount] = {"warnings.cut_points", "warnings.bridges",
                                                                "warnings.isolated", "warnings.sector_gaps"};
constexpr const char* kExplainKeys[WarningsPanel::kKindCount] = {
    "warnings.explain.cut_points", "warnings.explain.bridges", "warnings.explain.isolated",
    "warnings.explain.sector_gaps"};
// A line names this many of whom a cut point cuts off, its tooltip this many.
constexpr std::size_t kNamesInLine = 3, kNamesInDetail = 40;

std::string actorName(const Model& m, RowId id) {
  const Actor* a = m.actors.find(id);
  return a ? a->name : "#" + std::to_string(id);
}

const std::string& localName(const std::string& nl, const std::string& en) {
  return language() == Language::Dutch || en.empty() ? nl : en;
}

/// The first `limit` names joined by commas, then "en N andere" for the rest.
std::string nameList(const std::vector<std::string>& names, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > limit) out += " " + trf("warnings.and_more", {std::to_string(names.size() - limit)});
  return out;
}

/// Sorts names as people read them: accents and case aside.
void sortByName(std::vector<WarningsPanel::Warning>& list) {
  std::vector<std::pair<std::string, std::size_t>> keys;
  for (std::size_t i = 0; i < list.size(); ++i) keys.emplace_back(foldForSearch(list[i].text), i);
  std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<WarningsPanel::Warning> sorted;
  sorted.reserve(list.size());
  for (const auto& [key, i] : keys) sorted.push_back(std::move(list[i]));
  list = std::move(sorted);
}

}  // namespace

std::optional<WarningsPanel::Selection> WarningsPanel::takeSelection() {
  auto out = std::move(m_selection);
  m_selection.reset();
  return out;
}

void WarningsPanel::update(const Document& doc) {
  const int lang = static_cast<int>(language());
  if (doc.revision() == m_revision && m_asOf == m_builtAsOf && lang == m_language) return;
  m_revision = doc.revision();
  m_builtAsOf = m_asOf;
  m_language = lang;
  compute(doc.model());
}

void WarningsPanel::compute(const Model& model) {
  ++m_computeCount;
  m_selectedKind = -1;
  for (auto& list : m_warnings) list.clear();

  SnapshotOptions options;
  options.asOf = m_asOf;
  const GraphSnapshot g = GraphSnapshot::fromModel(model, options);
  CutPoints::Params params;
  params.blocks = false;
  const CutPoints::Result cut = CutPoints::run(g, params);

  // Cut points, those that cut off the most first.
  auto& cutPoints = m_warnings[static_cast<int>(Kind::CutPoint)];
  for (const auto& point : cut.articulationPoints) {
    Warning w;
    w.kind = Kind::CutPoint;
    const RowId id = g.rowId(point.vertex);
    w.selection.actors.push_back(id);
    std::vector<std::string> names;
    for (GraphSnapshot::Vertex v : point.cutsOff) {
      w.selection.actors.push_back(g.rowId(v));
      names.push_back(actorName(model, g.rowId(v)));
    }
    std::sort(names.begin(), names.end(),
              [](const std::string& a, const std::string& b) { return foldForSearch(a) < foldForSearch(b); });
    w.cutsOff = point.cutsOff.size();
    w.text = w.cutsOff == 1 ? trf("warnings.cut_point_one", {actorName(model, id), names.front()})
                            : trf("warnings.cut_point",
                                  {actorName(model, id), std::to_string(w.cutsOff), nameList(names, kNamesInLine)});
    w.detail = trf("warnings.cuts_off", {nameList(names, kNamesInDetail)});
    cutPoints.push_back(std::move(w));
  }
  sortByName(cutPoints);
  std::stable_sort(cutPoints.begin(), cutPoints.end(),
                   [](const Warning& a, const Warning& b) { return a.cutsOff > b.cutsOff; });

  // Bridges: the tie behind each, where there is one (else only an agreement joins the two).
  std::map<std::pair<RowId, RowId>, RowId> tieOf;
  for (const auto& [u, v] : cut.bridges) {
    const RowId a = g.rowId(u), b = g.rowId(v);
    tieOf[{std::min(a, b), std::max(a, b)}] = 0;
  }
  if (!tieOf.empty())
    for (const auto& [id, tie] : model.ties) {
      if (tie.status != TieStatus::Active) continue;
      if (m_asOf && !withinValidity(*m_asOf, tie.validFrom, tie.validTo)) continue;
      auto it = tieOf.find({std::min(tie.sourceId, tie.targetId), std::max(tie.sourceId, tie.targetId)});
      if (it != tieOf.end() && it->second == 0) it->second = id;  // ties come in id order: the lowest
    }
  auto& bridges = m_warnings[static_cast<int>(Kind::Bridge)];
  for (const auto& [ends, tieId] : tieOf) {
    Warning w;
    w.kind = Kind::Bridge;
    std::string first = actorName(model, ends.first), second = actorName(model, ends.second);
    w.selection.actors = {ends.first, ends.second};
    if (foldForSearch(second) < foldForSearch(first)) {
      std::swap(first, second);
      std::swap(w.selection.actors[0], w.selection.actors[1]);
    }
    w.selection.tieId = tieId;
    w.text = trf(tieId ? "warnings.bridge" : "warnings.bridge_agreement", {first, second});
    bridges.push_back(std::move(w));
  }
  sortByName(bridges);

  // Isolated actors, with their type.
  auto& isolated = m_warnings[static_cast<int>(Kind::Isolated)];
  for (GraphSnapshot::Vertex v = 0; v < g.vertexCount(); ++v) {
    if (!g.neighbours(v).empty()) continue;
    Warning w;
    w.kind = Kind::Isolated;
    const RowId id = g.rowId(v);
    w.selection.actors = {id};
    const Actor& a = *model.actors.find(id);
    const ActorType* type = model.actorTypes.find(a.typeId);
    w.text = type ? trf("warnings.isolated_actor", {a.name, localName(type->nameNl, type->nameEn)}) : a.name;
    isolated.push_back(std::move(w));
  }
  sortByName(isolated);

  // Sectors with no tie between them, per province with a prison: a steering
  // group reads the gaps region by region, where the prisons' partners are.
  // SectorGaps needs a day; "as it is" reads as today there.
  const Date day = m_asOf.value_or(Date::today());
  const SectorGaps::Result sectors = SectorGaps::run(model, {day});
  auto& gaps = m_warnings[static_cast<int>(Kind::SectorGap)];
  for (const SectorGaps::Region& region : sectors.regions) {
    if (region.missingPairs.empty()) continue;
    std::vector<std::string> prisons;
    for (RowId id : region.prisons) prisons.push_back(actorName(model, id));
    const std::string group = trf("warnings.region", {provinceName(region.province), nameList(prisons, 99)});
    // The province's actors per sector, to select.
    std::map<RowId, std::vector<RowId>> actorsOf;
    for (const auto& [id, a] : model.actors) {
      if (a.province != region.province || !withinValidity(day, a.validFrom, a.validTo)) continue;
      if (const ActorType* type = model.actorTypes.find(a.typeId); type && type->sectorId)
        actorsOf[type->sectorId].push_back(id);
    }
    auto sectorName = [&](RowId id) {
      const Sector* s = model.sectors.find(id);
      return s ? localName(s->nameNl, s->nameEn) : "#" + std::to_string(id);
    };
    for (const auto& [a, b] : region.missingPairs) {
      Warning w;
      w.kind = Kind::SectorGap;
      w.group = group;
      w.text = trf("warnings.sector_pair", {sectorName(a), sectorName(b)});
      w.selection.actors = actorsOf[a];
      w.selection.actors.insert(w.selection.actors.end(), actorsOf[b].begin(), actorsOf[b].end());
      w.detail = trf("warnings.sector_pair_detail", {std::to_string(actorsOf[a].size()), sectorName(a),
                                                     std::to_string(actorsOf[b].size()), sectorName(b)});
      gaps.push_back(std::move(w));
    }
  }
}

void WarningsPanel::draw(const Document& doc, ImVec2 pos, ImVec2 size) {
  update(doc);
  m_hooks.lines.clear();
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (!ImGui::Begin("##warnings", nullptr, kPanelFlags)) {
    ImGui::End();
    return;
  }
  ImGui::TextUnformatted((m_asOf ? trf("warnings.title_on", {longDate(*m_asOf)}) : tr("warnings.title_now")).c_str());
  ImGui::BeginChild("##warnings_list", ImVec2(0, 0), false);

  auto line = [&](Kind kind, std::size_t i) {
    const Warning& w = m_warnings[static_cast<int>(kind)][i];
    const bool selected = m_selectedKind == static_cast<int>(kind) && m_selectedIndex == i;
    // An empty label with the text drawn over it: a name is text, never an ImGui id.
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable("##line", selected)) {
      m_selection = w.selection;
      m_selectedKind = static_cast<int>(kind);
      m_selectedIndex = i;
    }
    ImGui::PopID();
    m_hooks.lines.push_back({kind, i, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
    if (!w.detail.empty() && ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
      ImGui::TextUnformatted(w.detail.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    ImGui::SameLine();
    ImGui::SetCursorScreenPos(ImVec2(start.x + ImGui::GetStyle().IndentSpacing * 0.5f, start.y));
    ImGui::TextUnformatted(w.text.c_str());
  };

  for (int k = 0; k < kKindCount; ++k) {
    const Kind kind = static_cast<Kind>(k);
    const auto& list = m_warnings[k];
    const std::string label = trf(kHeaderKeys[k], {std::to_string(list.size())}) + "###kind" + std::to_string(k);
    const bool open = ImGui::CollapsingHeader(label.c_str(), ImGuiTreeNodeFlags_DefaultOpen);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    m_hooks.headerCenter[k] = ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
      ImGui::TextUnformatted(tr(kExplainKeys[k]).c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    if (!open) continue;
    ImGui::PushID(k);
    if (list.empty()) {
      ImGui::TextDisabled("%s", tr("warnings.none").c_str());
    } else if (kind == Kind::SectorGap) {
      // A few hundred lines at most (pairs of ~14 sectors in a handful of provinces), under sub-headers.
      const std::string* group = nullptr;
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (!group || *group != list[i].group) {
          group = &list[i].group;
          ImGui::TextDisabled("%s", group->c_str());
        }
        line(kind, i);
      }
    } else {
      // Thousands of lines on a large map: draw only those in view.
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(list.size()));
      while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) line(kind, static_cast<std::size_t>(i));
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace nestmap
