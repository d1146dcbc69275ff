#include "ui/sidebar_panel.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "ui/edit_scope.hpp"

namespace nestmap {
namespace {

const ImVec4 kErrorColor(0.85f, 0.2f, 0.2f, 1.0f);

ImU32 toImColor(const Color& c) { return IM_COL32(c.r, c.g, c.b, 255); }

const std::string& localName(const std::string& nl, const std::string& en) {
  return language() == Language::Dutch || en.empty() ? nl : en;
}

std::string withId(const char* label, RowId id) { return std::string(label) + std::to_string(id); }

}  // namespace

std::vector<RowId> filterActors(const Model& model, std::string_view search, RowId typeId) {
  const std::vector<std::string> query = searchWords(foldForSearch(search));
  std::vector<std::pair<std::string, RowId>> fits;
  for (const auto& [id, actor] : model.actors) {
    if (typeId != 0 && actor.typeId != typeId) continue;
    std::string folded = foldForSearch(actor.name);
    if (!wordStartsFit(query, searchWords(folded)) &&
        (actor.shortName.empty() || !wordStartsFit(query, searchWords(foldForSearch(actor.shortName)))))
      continue;
    fits.emplace_back(std::move(folded), id);
  }
  std::sort(fits.begin(), fits.end());
  std::vector<RowId> out;
  out.reserve(fits.size());
  for (const auto& fit : fits) out.push_back(fit.second);
  return out;
}

std::optional<ImVec2> SidebarPanel::itemCenter(std::string_view item) const { return m_rects.center(item); }

template <class MakeCommand>
bool SidebarPanel::commit(Document& doc, MakeCommand&& make) {
  try {
    doc.execute(make());
  } catch (const UserError& e) {
    m_message = e.what();
    return false;
  }
  m_message.clear();
  return true;
}

SidebarPanel::Result SidebarPanel::draw(Document& doc, RowId currentView, const std::set<RowId>& selection, ImVec2 pos,
                                        ImVec2 size) {
  m_rects.clear();
  Result result;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (!ImGui::Begin("##sidebar", nullptr, flags)) {
    ImGui::End();
    return result;
  }
  if (ImGui::CollapsingHeader(tr("sidebar.actors").c_str(), ImGuiTreeNodeFlags_DefaultOpen))
    result = drawActors(doc, selection);
  if (ImGui::CollapsingHeader(tr("sidebar.views").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
    Result views = drawViews(doc, currentView);
    if (views.showView) result.showView = views.showView;
  }
  ImGui::End();
  return result;
}

void SidebarPanel::refilter(const Document& doc) {
  const Model& m = doc.model();
  if (m_filteredRevision != doc.revision()) {
    std::set<RowId> present;
    for (const auto& [id, actor] : m.actors) present.insert(actor.typeId);
    std::vector<const ActorType*> types;
    for (const auto& [id, type] : m.actorTypes)
      if (present.count(id)) types.push_back(&type);
    std::stable_sort(types.begin(), types.end(),
                     [](const ActorType* a, const ActorType* b) { return a->sort < b->sort; });
    m_presentTypes.clear();
    for (const ActorType* t : types) m_presentTypes.push_back(t->id);
  }
  // A type that left the map (its last actor deleted) would filter to nothing.
  if (m_typeFilter != 0 &&
      std::find(m_presentTypes.begin(), m_presentTypes.end(), m_typeFilter) == m_presentTypes.end())
    m_typeFilter = 0;
  if (m_filteredRevision == doc.revision() && m_filteredSearch == m_search && m_filteredType == m_typeFilter) return;
  m_visible = filterActors(m, m_search, m_typeFilter);
  m_filteredRevision = doc.revision();
  m_filteredSearch = m_search;
  m_filteredType = m_typeFilter;
}

SidebarPanel::Result SidebarPanel::drawActors(const Document& doc, const std::set<RowId>& selection) {
  Result result;
  const Model& m = doc.model();
  refilter(doc);  // first, so that the combo lists the types of this revision

  ImGui::SetNextItemWidth(-1.0f);
  ImGui::InputTextWithHint("##search", tr("sidebar.search").c_str(), &m_search);
  m_rects.remember("search");

  const ActorType* filterType = m_typeFilter ? m.actorTypes.find(m_typeFilter) : nullptr;
  const std::string allTypes = tr("sidebar.all_types");
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::BeginCombo("##type_filter",
                        filterType ? localName(filterType->nameNl, filterType->nameEn).c_str() : allTypes.c_str())) {
    if (ImGui::Selectable(allTypes.c_str(), m_typeFilter == 0)) m_typeFilter = 0;
    m_rects.remember("type_option:0");
    for (RowId typeId : m_presentTypes) {
      const ActorType* t = m.actorTypes.find(typeId);
      if (!t) continue;
      ImGui::PushID(static_cast<int>(typeId));
      if (ImGui::Selectable(localName(t->nameNl, t->nameEn).c_str(), m_typeFilter == typeId)) m_typeFilter = typeId;
      m_rects.remember(withId("type_option:", typeId));
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  m_rects.remember("type_filter");
  refilter(doc);  // the search or the type may have changed just now

  ImGui::TextDisabled(
      "%s", trf("sidebar.count", {std::to_string(m_visible.size()), std::to_string(m.actors.size())}).c_str());

  // The list takes what the views below leave it, but never less than a few rows.
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float viewsHeight = line * (static_cast<float>(std::min<std::size_t>(m.views.size(), 8)) + 5.0f);
  const float listHeight = std::max(ImGui::GetContentRegionAvail().y - viewsHeight, line * 6.0f);
  ImGui::BeginChild("##actor_list", ImVec2(0, listHeight), true);
  if (m_visible.empty()) ImGui::TextDisabled("%s", tr("sidebar.no_match").c_str());
  const float swatchSize = ImGui::GetTextLineHeight() * 0.8f;
  const float textHeight = ImGui::GetTextLineHeight();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m_visible.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const RowId id = m_visible[static_cast<std::size_t>(i)];
      const Actor* actor = m.actors.find(id);
      if (!actor) continue;
      ImGui::PushID(static_cast<int>(id));
      // One selectable over the whole row, the swatch and the name drawn on it,
      // so that the highlight covers both.
      if (ImGui::Selectable("##actor", selection.count(id) > 0)) result.selectActor = id;
      m_rects.remember(withId("actor:", id));
      const ImVec2 at = ImGui::GetItemRectMin();
      const float pad = (textHeight - swatchSize) * 0.5f;
      const ActorType* type = m.actorTypes.find(actor->typeId);
      const ImU32 colour = type ? toImColor(type->color) : ImGui::GetColorU32(ImGuiCol_TextDisabled);
      draw->AddRectFilled(ImVec2(at.x, at.y + pad), ImVec2(at.x + swatchSize, at.y + pad + swatchSize), colour,
                          swatchSize * 0.2f);
      draw->AddText(ImVec2(at.x + swatchSize + ImGui::GetStyle().ItemInnerSpacing.x, at.y),
                    ImGui::GetColorU32(ImGuiCol_Text), actor->name.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
  return result;
}

SidebarPanel::Result SidebarPanel::drawViews(Document& doc, RowId currentView) {
  Result result;
  const Model& m = doc.model();
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string renameLabel = tr("sidebar.rename"), deleteLabel = tr("sidebar.delete");
  const float buttonsWidth = ImGui::CalcTextSize(renameLabel.c_str()).x + ImGui::CalcTextSize(deleteLabel.c_str()).x +
                             style.FramePadding.x * 4 + style.ItemSpacing.x * 2;

  if (m_renaming && !m.views.contains(m_renaming)) m_renaming = 0;  // undone or deleted meanwhile
  RowId renameDone = 0, toDelete = 0;
  std::string renamedTo;
  // Copies: a command run below changes the table being walked.
  const std::vector<View> views(m.views.records().begin(), m.views.records().end());
  for (const View& view : views) {
    ImGui::PushID(static_cast<int>(view.id));
    if (view.id == m_renaming) {
      if (m_focusRename) {
        ImGui::SetKeyboardFocusHere();
        m_focusRename = false;
      }
      ImGui::SetNextItemWidth(-1.0f);
      const bool enter = ImGui::InputText("##view_name", &m_renameDraft,
                                          ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
      m_rects.remember(withId("view_name:", view.id));
      // Enter or leaving the field keeps the name; Escape reverts the text first, so it keeps the old one.
      if (enter || ImGui::IsItemDeactivated()) {
        renameDone = view.id;
        renamedTo = m_renameDraft;
      }
    } else {
      const float width = std::max(ImGui::GetContentRegionAvail().x - buttonsWidth, 1.0f);
      if (ImGui::Selectable("##view", view.id == currentView, ImGuiSelectableFlags_AllowItemOverlap, ImVec2(width, 0)))
        result.showView = view.id;
      m_rects.remember(withId("view:", view.id));
      if (!view.layout.empty() && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", trf("sidebar.layout", {view.layout}).c_str());
      const ImVec2 at = ImGui::GetItemRectMin();
      ImGui::GetWindowDrawList()->AddText(at, ImGui::GetColorU32(ImGuiCol_Text), view.name.c_str());
      ImGui::SameLine();
      EditScope edit(doc);
      if (ImGui::SmallButton(renameLabel.c_str())) {
        m_renaming = view.id;
        m_renameDraft = view.name;
        m_focusRename = true;
      }
      m_rects.remember(withId("view_rename:", view.id));
      ImGui::SameLine();
      if (ImGui::SmallButton(deleteLabel.c_str())) toDelete = view.id;
      m_rects.remember(withId("view_delete:", view.id));
    }
    ImGui::PopID();
  }

  if (renameDone) {
    const View* view = m.views.find(renameDone);
    if (view && view->name == renamedTo) {
      m_renaming = 0;
      m_message.clear();
    } else if (view) {
      View renamed = *view;
      renamed.name = renamedTo;
      if (commit(doc, [&] { return putRecord<View>(std::move(renamed)); })) m_renaming = 0;
    }
  }
  if (toDelete) {
    if (m.views.size() <= 1)
      m_message = tr("sidebar.last_view");
    else
      commit(doc, [&] { return removeRecord<View>(doc.model(), toDelete); });
  }

  ImGui::Spacing();
  bool create = false;
  {
    EditScope edit(doc);
    ImGui::SetNextItemWidth(-1.0f);
    create = ImGui::InputTextWithHint("##new_view_name", tr("sidebar.view_name").c_str(), &m_newViewName,
                                      ImGuiInputTextFlags_EnterReturnsTrue);
    m_rects.remember("new_view_name");
    create = ImGui::Button(tr("sidebar.new_view").c_str()) || create;
    m_rects.remember("new_view");
  }
  if (create) {
    View view;
    view.name = m_newViewName;
    if (commit(doc, [&] { return putRecord<View>(std::move(view)); })) {
      // A new record takes the next id: the last row of the table.
      result.showView = doc.model().views.records().back().id;
      m_newViewName.clear();
    }
  }

  if (!m_message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::TextWrapped("%s", m_message.c_str());
    ImGui::PopStyleColor();
  }
  return result;
}

}  // namespace nestmap
