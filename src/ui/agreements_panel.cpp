// [SECTION] rows: what each agreement shows, built when the map, the day or the language changes
// [SECTION] sorting and filtering
// [SECTION] drawing: toolbar, table, editor
#include "ui/agreements_panel.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <map>
#include <utility>

#include "analysis/agreement_followup.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "ui/edit_scope.hpp"
#include "ui/table_headers.hpp"
#include "ui/ui_text.hpp"

namespace nestmap {
namespace {

const ImVec4 kOverdueText(0.95f, 0.35f, 0.3f, 1.0f);
const ImVec4 kDueSoonText(0.95f, 0.65f, 0.1f, 1.0f);

constexpr const char* kColumnKeys[AgreementsPanel::ColumnCount] = {
    "register.title", "register.parties", "register.prison",       "register.type",           "register.status",
    "register.owner", "register.review",  "register.work_package", "register.building_blocks"};
constexpr float kColumnWeights[AgreementsPanel::ColumnCount] = {3.0f, 2.6f, 1.5f, 1.5f, 1.2f, 1.5f, 2.6f, 0.5f, 0.9f};

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

const std::string& localName(const std::string& nl, const std::string& en) {
  return language() == Language::Dutch || en.empty() ? nl : en;
}

std::string widgetId(const std::string& label, const std::string& item) { return label + "###" + item; }

int statusOrder(AgreementStatus s) {
  const auto* it = std::find(std::begin(kAllAgreementStatuses), std::end(kAllAgreementStatuses), s);
  return static_cast<int>(it - std::begin(kAllAgreementStatuses));
}

std::string flagText(AgreementsPanel::Flag flag, int days) {
  switch (flag) {
    case AgreementsPanel::Flag::Overdue:
      return days == 1 ? tr("register.overdue_one") : trf("register.overdue", {std::to_string(days)});
    case AgreementsPanel::Flag::DueSoon:
      if (days == 0) return tr("register.due_today");
      return days == 1 ? tr("register.due_tomorrow") : trf("register.due_in", {std::to_string(days)});
    case AgreementsPanel::Flag::None:
      break;
  }
  return {};
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] rows: what each agreement shows, built when the map, the day or the language changes

Date AgreementsPanel::today() const { return m_today ? *m_today : Date::today(); }

void AgreementsPanel::setToday(std::optional<Date> today) {
  m_today = today;
  m_editor.setToday(today);
}

void AgreementsPanel::select(RowId agreementId) {
  m_selected = agreementId;
  m_scrollToSelected = agreementId != 0;
}

void AgreementsPanel::openEditor(RowId agreementId) {
  select(agreementId);
  m_editor.open(agreementId);
}

std::vector<RowId> AgreementsPanel::visibleAgreements() const {
  std::vector<RowId> out;
  out.reserve(m_visible.size());
  for (std::uint32_t i : m_visible) out.push_back(m_rows[i].agreement);
  return out;
}

void AgreementsPanel::rebuild(const Document& doc) {
  const Model& m = doc.model();
  const Date day = today();
  AgreementFollowUp::Params params;
  params.today = day;
  const AgreementFollowUp::Result followUp = AgreementFollowUp::run(m, params);
  std::map<RowId, std::pair<Flag, int>> flags;
  for (const auto& item : followUp.dueSoon) flags[item.agreementId] = {Flag::DueSoon, item.days};
  for (const auto& item : followUp.overdue) flags[item.agreementId] = {Flag::Overdue, item.days};

  m_rows.clear();
  m_rows.reserve(m.agreements.size());
  for (const auto& [id, a] : m.agreements) {
    Row r;
    r.agreement = id;
    r.status = a.status();
    r.review = a.reviewDate;
    r.workPackage = a.workPackage;
    r.buildingBlocks = a.buildingBlocks;

    std::string parties;
    for (const AgreementParty& p : a.parties) {
      const Actor* actor = m.actors.find(p.actorId);
      const std::string name = actor ? actor->name : "#" + std::to_string(p.actorId);
      parties += (parties.empty() ? "" : ", ") + name;
      r.partyNames.push_back(foldForSearch(name));
      if (actor && !actor->shortName.empty()) r.partyNames.push_back(foldForSearch(actor->shortName));
      // A party counts for its prison when it is the prison or belongs to it, at any depth.
      std::set<RowId> seen;
      for (const Actor* up = actor; up && seen.insert(up->id).second; up = m.actors.find(up->parentId))
        r.prisons.push_back(up->id);
    }
    if (a.scopePrisonId) r.prisons.push_back(a.scopePrisonId);
    std::sort(r.prisons.begin(), r.prisons.end());
    r.prisons.erase(std::unique(r.prisons.begin(), r.prisons.end()), r.prisons.end());

    std::string blocks;
    for (int b : a.buildingBlocks) blocks += (blocks.empty() ? "" : ", ") + std::to_string(b);
    const AgreementType* type = m.agreementTypes.find(a.typeId);
    const Actor* prison = m.actors.find(a.scopePrisonId);

    r.text[Title] = a.title;
    r.text[Parties] = parties;
    r.text[Prison] = a.scopePrisonId == 0 ? tr("agreements.all_prisons")
                     : prison             ? prison->name
                                          : "#" + std::to_string(a.scopePrisonId);
    r.text[Type] = type ? localName(type->nameNl, type->nameEn) : std::string();
    r.text[Status] = agreementStatusName(m, r.status);
    r.text[Owner] = a.owner;
    r.text[Review] = toString(a.reviewDate);
    r.text[WorkPackage] = a.workPackage ? trf("agreements.work_package", {std::to_string(a.workPackage)}) : "";
    r.text[BuildingBlocks] = blocks;
    for (int c = 0; c < ColumnCount; ++c) r.folded[c] = foldForSearch(r.text[c]);
    r.searchText = r.folded[Title] + '\n' + foldForSearch(a.notes) + '\n' + r.folded[WorkPackage];

    if (auto it = flags.find(id); it != flags.end()) {
      r.flag = it->second.first;
      r.flagDays = it->second.second;
      r.flagText = flagText(r.flag, r.flagDays);
    }
    m_rows.push_back(std::move(r));
  }
  m_prisons = prisonActors(m);
  if (m_selected && !m.agreements.contains(m_selected)) m_selected = 0;
  m_builtRevision = doc.revision();
  m_builtToday = day;
  m_builtLanguage = static_cast<int>(language());
  m_needSort = true;
}

// ---------------------------------------------------------------------------
// [SECTION] sorting and filtering

void AgreementsPanel::sortRows(const ImGuiTableSortSpecs& specs) {
  m_sorted.resize(m_rows.size());
  for (std::uint32_t i = 0; i < m_sorted.size(); ++i) m_sorted[i] = i;
  auto less = [&](std::uint32_t x, std::uint32_t y) {
    for (int s = 0; s < specs.SpecsCount; ++s) {
      const ImGuiTableColumnSortSpecs& spec = specs.Specs[s];
      const bool descending = spec.SortDirection == ImGuiSortDirection_Descending;
      const Row& a = descending ? m_rows[y] : m_rows[x];
      const Row& b = descending ? m_rows[x] : m_rows[y];
      int cmp = 0;
      switch (spec.ColumnUserID) {
        case Status:
          cmp = statusOrder(a.status) - statusOrder(b.status);
          break;
        case Review:
          // No review date sorts before every date, so that it gathers at one end.
          cmp = a.review == b.review ? 0 : (a.review < b.review ? -1 : 1);
          break;
        case WorkPackage:
          cmp = a.workPackage - b.workPackage;
          break;
        case BuildingBlocks:
          cmp = a.buildingBlocks == b.buildingBlocks ? 0 : (a.buildingBlocks < b.buildingBlocks ? -1 : 1);
          break;
        default:
          cmp = a.folded[spec.ColumnUserID].compare(b.folded[spec.ColumnUserID]);
      }
      if (cmp != 0) return cmp < 0;
    }
    return m_rows[x].agreement < m_rows[y].agreement;  // equal rows keep id order, in both directions
  };
  std::sort(m_sorted.begin(), m_sorted.end(), less);
  m_needFilter = true;
}

void AgreementsPanel::filterRows() {
  const std::string party = foldForSearch(m_partyFilter);
  const std::string search = foldForSearch(m_search);
  m_visible.clear();
  m_visible.reserve(m_sorted.size());
  for (std::uint32_t i : m_sorted) {
    const Row& r = m_rows[i];
    if (m_statusFilter && r.status != *m_statusFilter) continue;
    if (m_prisonFilter && !std::binary_search(r.prisons.begin(), r.prisons.end(), m_prisonFilter)) continue;
    if (!party.empty() && std::none_of(r.partyNames.begin(), r.partyNames.end(),
                                       [&](const std::string& name) { return name.find(party) != std::string::npos; }))
      continue;
    if (!search.empty() && r.searchText.find(search) == std::string::npos) continue;
    m_visible.push_back(i);
  }
  m_filteredStatus = m_statusFilter;
  m_filteredPrison = m_prisonFilter;
  m_filteredParty = m_partyFilter;
  m_filteredSearch = m_search;
  m_needFilter = false;
}

// ---------------------------------------------------------------------------
// [SECTION] drawing: toolbar, table, editor

std::optional<ImVec2> AgreementsPanel::itemCenter(std::string_view item) const { return m_rects.center(item); }

void AgreementsPanel::remove(Document& doc) {
  if (!m_selected || !editable(doc)) return;
  try {
    doc.execute(deleteAgreement(doc.model(), m_selected));
  } catch (const UserError& e) {
    m_message = e.what();
    return;
  }
  m_message.clear();
  m_selected = 0;
}

void AgreementsPanel::draw(Document& doc, ImVec2 pos, ImVec2 size) {
  m_rects.clear();
  m_editor.setToday(m_today);
  if (doc.revision() != m_builtRevision || today() != m_builtToday || static_cast<int>(language()) != m_builtLanguage)
    rebuild(doc);

  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (!ImGui::Begin("##agreements", nullptr, kPanelFlags)) {
    ImGui::End();
    return;
  }
  drawToolbar(doc);
  drawTable(doc);
  // Delete removes the selected agreement while the register has the focus and no field is being typed in.
  if (m_selected && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && !ImGui::IsAnyItemActive() &&
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete), false))
    remove(doc);
  ImGui::End();
}

void AgreementsPanel::drawToolbar(Document& doc) {
  const Model& m = doc.model();
  const float font = ImGui::GetFontSize();
  {
    EditScope edit(doc);
    if (ImGui::Button(widgetId(tr("register.new"), "new").c_str())) {
      m_editor.setToday(m_today);
      m_editor.openNew();
    }
  }
  m_rects.remember("new");
  ImGui::SameLine();
  ImGui::BeginDisabled(m_selected == 0);
  // On a read-only map the editor shows the agreement without letting it be changed.
  if (ImGui::Button(widgetId(tr("register.edit"), "edit").c_str())) openEditor(m_selected);
  m_rects.remember("edit");
  ImGui::SameLine();
  {
    EditScope edit(doc);
    if (ImGui::Button(widgetId(tr("register.delete"), "delete").c_str())) remove(doc);
  }
  m_rects.remember("delete");
  ImGui::EndDisabled();

  // Each filter's label before it, so that a label never seems to belong to the next one.
  ImGui::SameLine(0, font);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("register.status").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(font * 8);
  const std::string statusPreview = m_statusFilter ? agreementStatusName(m, *m_statusFilter) : tr("register.all");
  if (ImGui::BeginCombo("##status_filter", statusPreview.c_str())) {
    if (ImGui::Selectable(tr("register.all").c_str(), !m_statusFilter)) m_statusFilter.reset();
    m_rects.remember("status_option:all");
    for (AgreementStatus s : kAllAgreementStatuses) {
      const std::string item = "status_option:" + std::string(key(s));
      ImGui::PushID(item.c_str());
      if (ImGui::Selectable(agreementStatusName(m, s).c_str(), m_statusFilter == s)) m_statusFilter = s;
      m_rects.remember(item);
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  m_rects.remember("status_filter");

  ImGui::SameLine(0, font);
  ImGui::TextUnformatted(tr("register.prison").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(font * 10);
  const Actor* prison = m.actors.find(m_prisonFilter);
  const std::string prisonPreview = m_prisonFilter == 0 ? tr("register.all") : prison ? prison->name : "?";
  if (ImGui::BeginCombo("##prison_filter", prisonPreview.c_str(), ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable(tr("register.all").c_str(), m_prisonFilter == 0)) m_prisonFilter = 0;
    m_rects.remember("prison_option:0");
    for (RowId id : m_prisons) {
      const Actor* a = m.actors.find(id);
      if (!a) continue;
      ImGui::PushID(static_cast<int>(id));
      if (ImGui::Selectable(a->name.c_str(), m_prisonFilter == id)) m_prisonFilter = id;
      m_rects.remember("prison_option:" + std::to_string(id));
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  m_rects.remember("prison_filter");

  ImGui::SameLine(0, font);
  ImGui::SetNextItemWidth(font * 9);
  ImGui::InputTextWithHint("##party_filter", tr("register.party_hint").c_str(), &m_partyFilter);
  m_rects.remember("party_filter");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(font * 13);
  ImGui::InputTextWithHint("##search", tr("register.search_hint").c_str(), &m_search);
  m_rects.remember("search");
  ImGui::SameLine();
  ImGui::TextDisabled("%s",
                      trf("register.count", {std::to_string(m_visible.size()), std::to_string(m_rows.size())}).c_str());
  if (!m_message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::TextUnformatted(m_message.c_str());
    ImGui::PopStyleColor();
  }
}

void AgreementsPanel::drawTable(const Document& doc) {
  const Model& m = doc.model();
  m_hooks.rows.clear();
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_SortMulti | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##agreements_table", ColumnCount, flags, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (int c = 0; c < ColumnCount; ++c)
    ImGui::TableSetupColumn(tr(kColumnKeys[c]).c_str(), c == Title ? ImGuiTableColumnFlags_DefaultSort : 0,
                            kColumnWeights[c], static_cast<ImGuiID>(c));
  tableHeadersRow(m_hooks.headerCenter);

  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && (specs->SpecsDirty || m_needSort)) {
    sortRows(*specs);
    specs->SpecsDirty = false;
    m_needSort = false;
  }
  if (m_needFilter || m_filteredStatus != m_statusFilter || m_filteredPrison != m_prisonFilter ||
      m_filteredParty != m_partyFilter || m_filteredSearch != m_search)
    filterRows();

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m_visible.size()));
  if (m_scrollToSelected) {
    auto it = std::find_if(m_visible.begin(), m_visible.end(),
                           [&](std::uint32_t i) { return m_rows[i].agreement == m_selected; });
    if (it == m_visible.end()) {
      m_scrollToSelected = false;
    } else {
      const int at = static_cast<int>(it - m_visible.begin());
      clipper.ForceDisplayRangeByIndices(at, at + 1);
    }
  }
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const Row& row = m_rows[m_visible[static_cast<std::size_t>(i)]];
      ImGui::TableNextRow();
      const ImU32 tint = row.flag == Flag::Overdue ? kOverdueTint : row.flag == Flag::DueSoon ? kDueSoonTint : 0;
      if (tint) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, tint);

      ImGui::TableSetColumnIndex(Title);
      // An empty label with the title drawn over it: a title is text, never an ImGui id ("##").
      const ImVec2 start = ImGui::GetCursorScreenPos();
      ImGui::PushID(static_cast<int>(row.agreement));
      if (ImGui::Selectable("##row", row.agreement == m_selected,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
        m_selected = row.agreement;
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) m_editor.open(row.agreement);
      }
      ImGui::PopID();
      if (m_scrollToSelected && row.agreement == m_selected) {
        ImGui::SetScrollHereY();
        m_scrollToSelected = false;
      }
      m_hooks.rows.push_back({row.agreement, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), tint, row.flagText});
      ImGui::SameLine();
      ImGui::SetCursorScreenPos(start);
      ImGui::TextUnformatted(row.text[Title].c_str());

      for (int c : {Parties, Prison, Type}) {
        ImGui::TableSetColumnIndex(c);
        ImGui::TextUnformatted(row.text[c].c_str());
      }
      ImGui::TableSetColumnIndex(Status);
      {
        // The status's colour as a dot before its name: the name says it too.
        const float r = ImGui::GetFontSize() * 0.3f;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetTextLineHeight() * 0.5f), r,
                                                    agreementStatusColor(m, row.status));
        ImGui::SetCursorScreenPos(ImVec2(p.x + r * 2 + ImGui::GetStyle().ItemInnerSpacing.x, p.y));
        ImGui::TextUnformatted(row.text[Status].c_str());
      }
      ImGui::TableSetColumnIndex(Owner);
      ImGui::TextUnformatted(row.text[Owner].c_str());
      ImGui::TableSetColumnIndex(Review);
      ImGui::TextUnformatted(row.text[Review].c_str());
      if (!row.flagText.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(row.flag == Flag::Overdue ? kOverdueText : kDueSoonText, "%s", row.flagText.c_str());
      }
      ImGui::TableSetColumnIndex(WorkPackage);
      ImGui::TextUnformatted(row.text[WorkPackage].c_str());
      ImGui::TableSetColumnIndex(BuildingBlocks);
      ImGui::TextUnformatted(row.text[BuildingBlocks].c_str());
    }
  }
  ImGui::EndTable();
}

void AgreementsPanel::drawEditor(Document& doc, const std::set<RowId>& canvasSelection, ImVec2 pos, ImVec2 size) {
  m_editor.setToday(m_today);
  if (RowId created = m_editor.draw(doc, canvasSelection, pos, size)) select(created);
}

}  // namespace nestmap
