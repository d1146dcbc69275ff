// [SECTION] helpers shared with the register (status names and colours, prisons)
// [SECTION] AgreementEditor: window, commits, text fields
// [SECTION] fields: title, parties, type, prison, owner, dates, blocks, documents, notes
// [SECTION] status workflow and history timeline
#include "ui/agreement_editor.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "core/agreement_workflow.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "ui/edit_scope.hpp"
#include "ui/open_external.hpp"
#include "ui/sidebar_panel.hpp"
#include "ui/ui_text.hpp"

namespace nestmap {

// ---------------------------------------------------------------------------
// [SECTION] helpers shared with the register (status names and colours, prisons)

std::string agreementStatusName(const Model& m, AgreementStatus s) {
  for (const auto& [id, label] : m.statusLabels)
    if (label.status == s) {
      const std::string& name = language() == Language::Dutch || label.nameEn.empty() ? label.nameNl : label.nameEn;
      if (!name.empty()) return name;
    }
  return tr(std::string("status.") + std::string(key(s)));
}

ImU32 agreementStatusColor(const Model& m, AgreementStatus s) {
  for (const auto& [id, label] : m.statusLabels)
    if (label.status == s) return IM_COL32(label.color.r, label.color.g, label.color.b, 255);
  return IM_COL32(150, 150, 150, 255);
}

std::vector<RowId> prisonActors(const Model& m) {
  std::vector<std::pair<std::string, RowId>> found;
  if (const ActorType* prison = m.actorTypeByKey("prison"))
    for (const auto& [id, a] : m.actors)
      if (a.typeId == prison->id) found.emplace_back(foldForSearch(a.name), id);
  std::sort(found.begin(), found.end());
  std::vector<RowId> out;
  out.reserve(found.size());
  for (const auto& f : found) out.push_back(f.second);
  return out;
}

std::string contactLabel(const Model& m, const Contact& c) {
  std::string label = c.name.empty() ? c.role : c.name;
  if (const Actor* a = m.actors.find(c.actorId)) label += " — " + a->name;
  return label;
}

namespace {

const ImVec4 kWarningColor(0.95f, 0.65f, 0.1f, 1.0f);

const std::string& localName(const std::string& nl, const std::string& en) {
  return language() == Language::Dutch || en.empty() ? nl : en;
}

/// The `###field` suffix keeps a widget's id stable when the language changes its label.
std::string widgetId(const std::string& label, const std::string& field) { return label + "###" + field; }

std::string withNumber(const char* prefix, std::int64_t n) { return prefix + std::to_string(n); }

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string trimmed(std::string text) {
  text.erase(0, text.find_first_not_of(" \t\r\n"));
  text.erase(text.find_last_not_of(" \t\r\n") + 1);
  return text;
}

// ImGui 1.86 has no SeparatorText.
void heading(const std::string& text) {
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextUnformatted(text.c_str());
}

void warning(const std::string& text) {
  wrappedText(text, kWarningColor);
}

std::string actorName(const Model& m, RowId id) {
  if (const Actor* a = m.actors.find(id)) return a->name;
  return "#" + std::to_string(id);
}

/// The step a status change usually takes next: one forward, else stopping, else (when stopped) back to an idea.
AgreementStatus defaultNext(const Agreement& a) {
  if (a.history.empty()) return AgreementStatus::Discussion;
  const AgreementStatus current = a.status();
  if (auto step = workflowStep(current); step && *step < 5) return kAllAgreementStatuses[*step + 1];
  return current == AgreementStatus::Stopped ? AgreementStatus::Idea : AgreementStatus::Stopped;
}

/// Whether the rules allow `to` only with a note (a step back, or reopening a stopped agreement).
/// Judged on the day of the last change at the earliest, so that a date typed too early does not hide it.
bool needsNote(const Agreement& a, AgreementStatus to, std::optional<Date> date) {
  if (a.history.empty()) return false;
  Date day = a.history.back().date;
  if (date && *date > day) day = *date;
  return checkStatusChange(a, to, day, "") && !checkStatusChange(a, to, day, "-");
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] AgreementEditor: window, commits, text fields

AgreementEditor::AgreementEditor() : launcher(launchDetached) {}

Date AgreementEditor::today() const { return m_today ? *m_today : Date::today(); }

void AgreementEditor::open(RowId agreementId) {
  if (agreementId == 0) return;
  if (m_open && m_agreementId == agreementId) return;
  close();
  m_open = true;
  m_agreementId = agreementId;
}

void AgreementEditor::openNew() {
  close();
  m_open = true;
  m_draft.title = tr("agreement_editor.new_title");
  m_draft.history = {{today(), AgreementStatus::Idea, std::string()}};
}

void AgreementEditor::close() {
  m_open = false;
  m_agreementId = 0;
  m_draft = Agreement();
  m_drafts.clear();
  m_error.clear();
  m_errorField.clear();
  m_partySearch.clear();
  m_ownerSearch.clear();
  m_newDocTitle.clear();
  m_newDocRef.clear();
  m_statusFormFor = -1;
}

std::optional<ImVec2> AgreementEditor::fieldCenter(std::string_view field) const { return m_rects.center(field); }

void AgreementEditor::fail(const std::string& field, std::string message) {
  m_error = std::move(message);
  m_errorField = field;
}

void AgreementEditor::showError(const std::string& field) const {
  if (m_error.empty() || m_errorField != field) return;
  wrappedText(m_error, kErrorColor);
}

template <class MakeCommand>
bool AgreementEditor::commit(Document& doc, const std::string& field, MakeCommand&& make) {
  try {
    doc.execute(make());
  } catch (const UserError& e) {
    fail(field, e.what());
    return false;
  }
  m_error.clear();
  m_errorField.clear();
  return true;
}

bool AgreementEditor::change(Document& doc, const std::string& field, const std::function<void(Agreement&)>& edit) {
  if (m_agreementId == 0) {
    // A draft is checked as a whole when it is created.
    edit(m_draft);
    m_error.clear();
    m_errorField.clear();
    return true;
  }
  const Agreement* current = doc.model().agreements.find(m_agreementId);
  if (!current) return false;
  Agreement changed = *current;
  edit(changed);
  if (changed == *current) return false;
  return commit(doc, field, [&] { return updateAgreement(std::move(changed)); });
}

bool AgreementEditor::textField(const std::string& field, const std::string& label, const std::string& value,
                                std::string& out, bool multiline) {
  const bool committed = m_drafts.field(field, widgetId(label, field), value, out, multiline ? 4 : 1);
  m_rects.remember(field);
  showError(field);
  return committed;
}

RowId AgreementEditor::draw(Document& doc, const std::set<RowId>& canvasSelection, ImVec2 pos, ImVec2 size) {
  m_rects.clear();
  m_partyWarning = false;
  m_noteHint = false;
  m_hoveredEntry.reset();
  if (!m_open) return 0;
  const Model& m = doc.model();
  const Agreement* found = m_agreementId ? m.agreements.find(m_agreementId) : &m_draft;
  if (!found) {
    // Deleted, or its creation undone: nothing left to edit.
    close();
    return 0;
  }
  // A copy: a commit replaces the record the pointer points into.
  const Agreement a = *found;

  ImGui::SetNextWindowPos(pos, ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(size, ImGuiCond_Appearing);
  std::string title = m_agreementId ? trf("agreement_editor.window", {a.title}) : tr("agreement_editor.new_window");
  if (!editable(doc)) title += " (" + tr("readonly.badge") + ")";
  // "##" in a title would be read as part of the window's id.
  for (std::size_t at = title.find("##"); at != std::string::npos; at = title.find("##", at + 2))
    title.insert(at + 1, " ");
  title += "###agreement_editor";
  bool open = true;
  RowId created = 0;
  if (ImGui::Begin(title.c_str(), &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
    readOnlyBadge(doc);
    if (m_agreementId == 0) created = drawCreate(doc);
    if (created == 0) drawFields(doc, a, canvasSelection);
  }
  ImGui::End();
  if (!open) close();
  return created;
}

RowId AgreementEditor::drawCreate(Document& doc) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr("agreement_editor.draft_hint").c_str());
  ImGui::PopTextWrapPos();
  bool pressed = false;
  {
    EditScope edit(doc);
    pressed = ImGui::Button(widgetId(tr("agreement_editor.create"), "create").c_str());
  }
  m_rects.remember("create");
  showError("create");
  if (!pressed) return 0;
  Agreement record = m_draft;
  // Its id chosen here, so that the register can select it at once.
  record.id = doc.model().agreements.nextId();
  if (!commit(doc, "create", [&] { return addAgreement(record); })) return 0;
  close();
  m_open = true;
  m_agreementId = record.id;
  return record.id;
}

// ---------------------------------------------------------------------------
// [SECTION] fields: title, parties, type, prison, owner, dates, blocks, documents, notes

void AgreementEditor::drawFields(Document& doc, const Agreement& a, const std::set<RowId>& canvasSelection) {
  const Model& m = doc.model();
  ImGui::PushItemWidth(ImGui::GetFontSize() * -11);
  // Everything but opening a document and the history is an edit: greyed out on a read-only map.
  std::optional<EditScope> edit(std::in_place, doc);

  std::string text;
  if (textField("title", tr("agreement_editor.title"), a.title, text))
    change(doc, "title", [&](Agreement& x) { x.title = text; });

  drawParties(doc, a, canvasSelection);

  heading(tr("agreement_editor.details"));
  // Type
  {
    const AgreementType* type = m.agreementTypes.find(a.typeId);
    const std::string preview = type ? localName(type->nameNl, type->nameEn) : tr("agreement_editor.none");
    if (ImGui::BeginCombo(widgetId(tr("agreement_editor.type"), "type").c_str(), preview.c_str())) {
      std::vector<const AgreementType*> types = m.agreementTypes.rows();
      std::stable_sort(types.begin(), types.end(),
                       [](const AgreementType* x, const AgreementType* y) { return x->sort < y->sort; });
      auto option = [&](RowId id, const std::string& name) {
        ImGui::PushID(static_cast<int>(id));
        if (ImGui::Selectable(name.c_str(), id == a.typeId) && id != a.typeId)
          change(doc, "type", [&](Agreement& x) { x.typeId = id; });
        m_rects.remember(withNumber("type_option:", id));
        ImGui::PopID();
      };
      option(0, tr("agreement_editor.none"));
      for (const AgreementType* t : types) option(t->id, localName(t->nameNl, t->nameEn));
      ImGui::EndCombo();
    }
    m_rects.remember("type");
    showError("type");
  }
  // Scope prison
  {
    const std::string preview = a.scopePrisonId ? actorName(m, a.scopePrisonId) : tr("agreement_editor.every_prison");
    if (ImGui::BeginCombo(widgetId(tr("agreement_editor.prison"), "prison").c_str(), preview.c_str(),
                          ImGuiComboFlags_HeightLarge)) {
      auto option = [&](RowId id, const std::string& name) {
        ImGui::PushID(static_cast<int>(id));
        if (ImGui::Selectable(name.c_str(), id == a.scopePrisonId) && id != a.scopePrisonId)
          change(doc, "prison", [&](Agreement& x) { x.scopePrisonId = id; });
        m_rects.remember(withNumber("prison_option:", id));
        ImGui::PopID();
      };
      option(0, tr("agreement_editor.every_prison"));
      for (RowId id : prisonActors(m)) option(id, actorName(m, id));
      ImGui::EndCombo();
    }
    m_rects.remember("prison");
    showError("prison");
  }

  drawOwner(doc, a);

  if (textField("review_date", tr("agreement_editor.review_date"), toString(a.reviewDate), text)) {
    text = trimmed(text);
    std::optional<Date> date;
    if (!text.empty()) date = Date::parse(text);
    if (!text.empty() && !date)
      fail("review_date", trf("agreement_editor.bad_date", {text}));
    else
      change(doc, "review_date", [&](Agreement& x) { x.reviewDate = date; });
  }

  // Work package
  {
    auto wpName = [](int wp) {
      return wp == 0 ? tr("agreement_editor.none") : trf("agreements.work_package", {std::to_string(wp)});
    };
    if (ImGui::BeginCombo(widgetId(tr("agreement_editor.work_package"), "work_package").c_str(),
                          wpName(a.workPackage).c_str())) {
      for (int wp = 0; wp <= 5; ++wp) {
        ImGui::PushID(wp);
        if (ImGui::Selectable(wpName(wp).c_str(), wp == a.workPackage) && wp != a.workPackage)
          change(doc, "work_package", [&](Agreement& x) { x.workPackage = wp; });
        m_rects.remember(withNumber("wp_option:", wp));
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    m_rects.remember("work_package");
    showError("work_package");
  }

  // Building blocks: one check box each, one command per click.
  ImGui::TextUnformatted(tr("agreement_editor.building_blocks").c_str());
  for (int block = 1; block <= 8; ++block) {
    ImGui::SameLine();
    bool on = std::find(a.buildingBlocks.begin(), a.buildingBlocks.end(), block) != a.buildingBlocks.end();
    const std::string field = withNumber("block:", block);
    if (ImGui::Checkbox(widgetId(std::to_string(block), field).c_str(), &on))
      change(doc, "blocks", [&](Agreement& x) {
        std::erase(x.buildingBlocks, block);
        if (on) x.buildingBlocks.push_back(block);
        std::sort(x.buildingBlocks.begin(), x.buildingBlocks.end());
      });
    m_rects.remember(field);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", trf("agreement_editor.block_tip", {std::to_string(block)}).c_str());
  }
  showError("blocks");
  edit.reset();

  drawDocuments(doc, a);

  edit.emplace(doc);
  heading(tr("agreement_editor.notes"));
  if (textField("notes", "##notes", a.notes, text, true)) change(doc, "notes", [&](Agreement& x) { x.notes = text; });

  ImGui::PopItemWidth();

  if (m_agreementId != 0) {
    drawStatus(doc, a);
    edit.reset();
    heading(tr("agreement_editor.history"));
    drawTimeline(m, a);
  } else {
    heading(tr("agreement_editor.status"));
    ImGui::TextUnformatted(trf("agreement_editor.draft_status",
                               {agreementStatusName(m, a.status()),
                                a.history.empty() ? today().toString() : a.history.back().date.toString()})
                               .c_str());
  }
}

void AgreementEditor::drawParties(Document& doc, const Agreement& a, const std::set<RowId>& canvasSelection) {
  const Model& m = doc.model();
  heading(trf("agreement_editor.parties", {std::to_string(a.parties.size())}));
  if (a.parties.size() < 2) {
    warning(tr("agreement_editor.parties_warning"));
    m_partyWarning = true;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!a.parties.empty() && ImGui::BeginTable("##parties", 3, flags)) {
    ImGui::TableSetupColumn("##name", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("##role", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("##remove", ImGuiTableColumnFlags_WidthFixed);
    for (const AgreementParty& party : a.parties) {
      const RowId actorId = party.actorId;
      ImGui::PushID(static_cast<int>(actorId));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(actorName(m, actorId).c_str());
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-FLT_MIN);
      const std::string roleField = withNumber("party_role:", actorId);
      std::string role;
      // The hint is drawn by hand: textField keeps InputText's plain signature.
      if (textField(roleField, "", party.role, role))
        change(doc, roleField, [&](Agreement& x) {
          for (AgreementParty& p : x.parties)
            if (p.actorId == actorId) p.role = role;
        });
      ImGui::TableNextColumn();
      const std::string removeField = withNumber("party_remove:", actorId);
      if (ImGui::SmallButton(widgetId(tr("agreement_editor.remove"), removeField).c_str()))
        change(doc, removeField, [&](Agreement& x) {
          std::erase_if(x.parties, [&](const AgreementParty& p) { return p.actorId == actorId; });
        });
      m_rects.remember(removeField);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  // A refused removal (the last two parties) is said under the table: the row has no room.
  for (const AgreementParty& party : a.parties) showError(withNumber("party_remove:", party.actorId));

  // Add from the canvas selection.
  std::vector<RowId> fromCanvas;
  for (RowId id : canvasSelection)
    if (m.actors.contains(id) &&
        std::none_of(a.parties.begin(), a.parties.end(), [&](const AgreementParty& p) { return p.actorId == id; }))
      fromCanvas.push_back(id);
  ImGui::BeginDisabled(fromCanvas.empty());
  if (ImGui::Button(
          widgetId(trf("agreement_editor.add_selection", {std::to_string(fromCanvas.size())}), "add_selection")
              .c_str()))
    change(doc, "add_selection", [&](Agreement& x) {
      for (RowId id : fromCanvas) x.parties.push_back({id, std::string()});
    });
  ImGui::EndDisabled();
  m_rects.remember("add_selection");
  if (canvasSelection.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", tr("agreement_editor.add_selection_tip").c_str());
  showError("add_selection");

  // Add from a searchable list of every actor that is not a party yet.
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputTextWithHint("##party_search", tr("agreement_editor.party_search").c_str(), &m_partySearch);
  m_rects.remember("party_search");
  if (m_partySearch != m_partySearchFor || doc.revision() != m_partyRevision) {
    m_partyHits = filterActors(m, m_partySearch, 0);
    m_partySearchFor = m_partySearch;
    m_partyRevision = doc.revision();
  }
  std::vector<RowId> hits;
  hits.reserve(m_partyHits.size());
  for (RowId id : m_partyHits)
    if (std::none_of(a.parties.begin(), a.parties.end(), [&](const AgreementParty& p) { return p.actorId == id; }))
      hits.push_back(id);
  const float listHeight = ImGui::GetTextLineHeightWithSpacing() * 6 + ImGui::GetStyle().FramePadding.y * 2;
  if (ImGui::BeginChild("##party_list", ImVec2(-FLT_MIN, listHeight), true)) {
    if (hits.empty()) ImGui::TextDisabled("%s", tr("agreement_editor.no_actor").c_str());
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(hits.size()));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const RowId id = hits[static_cast<std::size_t>(i)];
        ImGui::PushID(static_cast<int>(id));
        const std::string field = withNumber("party_option:", id);
        if (ImGui::Selectable(actorName(m, id).c_str()))
          change(doc, field, [&](Agreement& x) { x.parties.push_back({id, std::string()}); });
        m_rects.remember(field);
        ImGui::PopID();
      }
  }
  ImGui::EndChild();
  for (RowId id : m_partyHits) showError(withNumber("party_option:", id));
  for (const AgreementParty& party : a.parties) showError(withNumber("party_option:", party.actorId));
}

void AgreementEditor::drawOwner(Document& doc, const Agreement& a) {
  const Model& m = doc.model();
  // Free text (a role such as "Directie Gevangenis Gent" is common), or picked from the contacts.
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::SetNextItemWidth(ImGui::CalcItemWidth() - ImGui::GetFrameHeight() - style.ItemInnerSpacing.x);
  std::string text;
  if (textField("owner", "", a.owner, text)) change(doc, "owner", [&](Agreement& x) { x.owner = trimmed(text); });
  ImGui::SameLine(0, style.ItemInnerSpacing.x);
  if (ImGui::BeginCombo("##owner_pick", "", ImGuiComboFlags_NoPreview | ImGuiComboFlags_HeightLarge)) {
    if (ImGui::IsWindowAppearing()) m_ownerSearch.clear();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
    ImGui::InputTextWithHint("##owner_search", tr("agreement_editor.search").c_str(), &m_ownerSearch);
    const std::string query = foldForSearch(m_ownerSearch);
    // Built only while the list is open: folded label, label, id.
    std::vector<std::tuple<std::string, std::string, RowId>> contacts;
    for (const auto& [id, c] : m.contacts) {
      std::string label = contactLabel(m, c);
      std::string folded = foldForSearch(label);
      if (query.empty() || folded.find(query) != std::string::npos)
        contacts.emplace_back(std::move(folded), std::move(label), id);
    }
    std::sort(contacts.begin(), contacts.end());
    if (contacts.empty()) ImGui::TextDisabled("%s", tr("agreement_editor.no_contact").c_str());
    for (const auto& [folded, label, id] : contacts) {
      ImGui::PushID(static_cast<int>(id));
      if (ImGui::Selectable(label.c_str(), label == a.owner))
        change(doc, "owner", [&, &label = label](Agreement& x) { x.owner = label; });
      m_rects.remember(withNumber("owner_option:", id));
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  m_rects.remember("owner_pick");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("agreement_editor.owner_pick").c_str());
  ImGui::SameLine(0, style.ItemInnerSpacing.x);
  ImGui::TextUnformatted(tr("agreement_editor.owner").c_str());
  showError("owner");
}

void AgreementEditor::drawDocuments(Document& doc, const Agreement& a) {
  heading(tr("agreement_editor.documents"));
  const std::filesystem::path base = doc.path().parent_path();
  auto openDocument = [&](const std::string& field, const std::string& reference) {
    const std::string target = resolveDocumentReference(reference, base);
    if (!isUrl(target)) {
      std::error_code ec;
      if (!std::filesystem::exists(target, ec)) {
        fail(field, trf("agreement_editor.no_file", {target}));
        return;
      }
    }
    m_lastOpened = openCommand(target);
    if (auto problem = launcher(m_lastOpened))
      fail(field, *problem);
    else if (m_errorField == field)
      m_error.clear();
  };

  const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp;
  if (!a.documents.empty() && ImGui::BeginTable("##documents", 4, flags)) {
    ImGui::TableSetupColumn("##title", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("##reference", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("##open", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("##remove", ImGuiTableColumnFlags_WidthFixed);
    for (std::size_t i = 0; i < a.documents.size(); ++i) {
      const AgreementDocument& d = a.documents[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      std::string text;
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-FLT_MIN);
      const std::string titleField = withNumber("doc_title:", static_cast<std::int64_t>(i));
      std::optional<EditScope> edit(std::in_place, doc);
      if (textField(titleField, "", d.title, text))
        change(doc, titleField, [&](Agreement& x) {
          if (i < x.documents.size()) x.documents[i].title = trimmed(text);
        });
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-FLT_MIN);
      const std::string refField = withNumber("doc_ref:", static_cast<std::int64_t>(i));
      if (textField(refField, "", d.reference, text)) {
        text = trimmed(text);
        if (text.empty())
          fail(refField, tr("agreement_editor.empty_reference"));
        else
          change(doc, refField, [&](Agreement& x) {
            if (i < x.documents.size()) x.documents[i].reference = text;
          });
      }
      edit.reset();  // a document of a read-only map can still be opened
      ImGui::TableNextColumn();
      const std::string openField = withNumber("doc_open:", static_cast<std::int64_t>(i));
      if (ImGui::SmallButton(widgetId(tr("agreement_editor.open"), openField).c_str()))
        openDocument(openField, d.reference);
      m_rects.remember(openField);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", resolveDocumentReference(d.reference, base).c_str());
      ImGui::TableNextColumn();
      const std::string removeField = withNumber("doc_remove:", static_cast<std::int64_t>(i));
      edit.emplace(doc);
      if (ImGui::SmallButton(widgetId(tr("agreement_editor.remove"), removeField).c_str()))
        change(doc, removeField, [&](Agreement& x) {
          if (i < x.documents.size()) x.documents.erase(x.documents.begin() + static_cast<std::ptrdiff_t>(i));
        });
      m_rects.remember(removeField);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  for (std::size_t i = 0; i < a.documents.size(); ++i)
    for (const char* prefix : {"doc_open:", "doc_remove:"}) showError(withNumber(prefix, static_cast<std::int64_t>(i)));

  // A new document: a title (optional) and a path or address.
  EditScope edit(doc);
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::SetNextItemWidth(width * 0.3f);
  ImGui::InputTextWithHint("##new_doc_title", tr("agreement_editor.doc_title").c_str(), &m_newDocTitle);
  m_rects.remember("new_doc_title");
  ImGui::SameLine();
  const std::string addLabel = widgetId(tr("agreement_editor.add_document"), "doc_add");
  const float addWidth = ImGui::CalcTextSize(tr("agreement_editor.add_document").c_str()).x +
                         ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x;
  ImGui::SetNextItemWidth(std::max(width * 0.7f - addWidth - ImGui::GetStyle().ItemSpacing.x, 40.0f));
  ImGui::InputTextWithHint("##new_doc_ref", tr("agreement_editor.doc_reference").c_str(), &m_newDocRef);
  m_rects.remember("new_doc_ref");
  ImGui::SameLine();
  if (ImGui::Button(addLabel.c_str())) {
    const std::string reference = trimmed(m_newDocRef);
    if (reference.empty()) {
      fail("doc_add", tr("agreement_editor.empty_reference"));
    } else {
      std::string title = trimmed(m_newDocTitle);
      if (title.empty()) title = std::filesystem::path(reference).filename().string();
      if (title.empty()) title = reference;
      if (change(doc, "doc_add", [&](Agreement& x) { x.documents.push_back({title, reference}); })) {
        m_newDocTitle.clear();
        m_newDocRef.clear();
      }
    }
  }
  m_rects.remember("doc_add");
  showError("doc_add");
}

// ---------------------------------------------------------------------------
// [SECTION] status workflow and history timeline

void AgreementEditor::resetStatusForm(const Agreement& a) {
  m_statusFormFor = a.id;
  m_statusFormHistory = a.history.size();
  m_nextStatus = defaultNext(a);
  m_statusDate = today().toString();
  m_statusNote.clear();
}

void AgreementEditor::drawStatus(Document& doc, const Agreement& a) {
  const Model& m = doc.model();
  if (m_statusFormFor != a.id || m_statusFormHistory != a.history.size()) resetStatusForm(a);
  heading(tr("agreement_editor.status"));

  // The current status: its colour as a dot, and its name and date in words.
  const AgreementStatus current = a.status();
  {
    const float r = ImGui::GetFontSize() * 0.35f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetTextLineHeight() * 0.5f), r,
                                                agreementStatusColor(m, current));
    ImGui::Dummy(ImVec2(r * 2, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    const std::string text = a.history.empty()
                                 ? trf("agreement_editor.current_status", {agreementStatusName(m, current)})
                                 : trf("agreement_editor.current_since",
                                       {agreementStatusName(m, current), a.history.back().date.toString()});
    ImGui::TextUnformatted(text.c_str());
  }

  ImGui::PushItemWidth(ImGui::GetFontSize() * -11);
  const std::optional<Date> date = Date::parse(trimmed(m_statusDate));
  auto optionName = [&](AgreementStatus s) {
    std::string name = agreementStatusName(m, s);
    if (needsNote(a, s, date)) name += " " + tr("agreement_editor.needs_note");
    return name;
  };
  if (m_nextStatus == current && !a.history.empty()) m_nextStatus = defaultNext(a);
  if (ImGui::BeginCombo(widgetId(tr("agreement_editor.next_status"), "status_combo").c_str(),
                        optionName(m_nextStatus).c_str())) {
    for (AgreementStatus s : kAllAgreementStatuses) {
      // The same status again is never a change; every other one is, some with a note.
      if (s == current && !a.history.empty()) continue;
      const std::string field = "status_option:" + std::string(key(s));
      ImGui::PushID(field.c_str());
      if (ImGui::Selectable(optionName(s).c_str(), s == m_nextStatus)) m_nextStatus = s;
      m_rects.remember(field);
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  m_rects.remember("status_combo");

  ImGui::InputText(widgetId(tr("agreement_editor.status_date"), "status_date").c_str(), &m_statusDate);
  m_rects.remember("status_date");
  showError("status_date");
  ImGui::InputText(widgetId(tr("agreement_editor.status_note"), "status_note").c_str(), &m_statusNote);
  m_rects.remember("status_note");
  ImGui::PopItemWidth();

  if (needsNote(a, m_nextStatus, date) && blank(m_statusNote)) {
    warning(tr("agreement_editor.note_required"));
    m_noteHint = true;
  }
  if (ImGui::Button(widgetId(tr("agreement_editor.apply_status"), "status_apply").c_str())) {
    const std::string dateText = trimmed(m_statusDate);
    if (!date) {
      fail("status_date", trf("agreement_editor.bad_date", {dateText}));
    } else {
      const AgreementStatus to = m_nextStatus;
      const std::string note = trimmed(m_statusNote);
      // setAgreementStatus checks the workflow rules when it builds the command.
      commit(doc, "status_apply", [&] { return setAgreementStatus(doc.model(), a.id, to, *date, note); });
    }
  }
  m_rects.remember("status_apply");
  showError("status_apply");
}

void AgreementEditor::drawTimeline(const Model& m, const Agreement& a) {
  const std::size_t n = a.history.size();
  if (n == 0) {
    ImGui::TextDisabled("%s", tr("agreement_editor.no_history").c_str());
    return;
  }
  const float font = ImGui::GetFontSize();
  const float radius = font * 0.38f;
  const float width = std::max(ImGui::GetContentRegionAvail().x, font * 8);
  const float labelHeight = ImGui::GetTextLineHeight();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float height = radius * 2 + 6 + labelHeight * 2 + 4;
  ImGui::InvisibleButton("##timeline", ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();

  // Evenly spaced in history order: the dates under the dots say how far apart they are,
  // and changes on one day stay apart.
  const float dateWidth = ImGui::CalcTextSize("0000-00-00").x;
  const float margin = std::max(radius + 2, dateWidth * 0.5f + 2);
  const float y = origin.y + radius + 3;
  auto xOf = [&](std::size_t i) {
    if (n == 1) return origin.x + width * 0.5f;
    return origin.x + margin + (width - 2 * margin) * static_cast<float>(i) / static_cast<float>(n - 1);
  };
  for (std::size_t i = 0; i + 1 < n; ++i) {
    ImU32 colour = agreementStatusColor(m, a.history[i].status);
    colour = (colour & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 150);
    draw->AddLine(ImVec2(xOf(i), y), ImVec2(xOf(i + 1), y), colour, 2.0f);
  }
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  // Dates on two rows when they would touch, each drawn only where it leaves room for the last one on its row.
  float rowEnd[2] = {-1e9f, -1e9f};
  for (std::size_t i = 0; i < n; ++i) {
    const StatusChange& change = a.history[i];
    const ImVec2 centre(xOf(i), y);
    const float dx = mouse.x - centre.x, dy = mouse.y - centre.y;
    const bool over = hovered && dx * dx + dy * dy <= (radius + 3) * (radius + 3);
    if (over) m_hoveredEntry = i;
    draw->AddCircleFilled(centre, over ? radius * 1.3f : radius, agreementStatusColor(m, change.status));
    draw->AddCircle(centre, over ? radius * 1.3f : radius, ImGui::GetColorU32(ImGuiCol_Text, 0.6f), 0, 1.0f);
    m_rects.set(withNumber("timeline_dot:", static_cast<std::int64_t>(i)), ImVec2(centre.x - radius, centre.y - radius),
                ImVec2(centre.x + radius, centre.y + radius));
    const std::string label = change.date.toString();
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    const float left = centre.x - w * 0.5f;
    for (int row = 0; row < 2; ++row) {
      if (left < rowEnd[row] + 4) continue;
      draw->AddText(ImVec2(left, y + radius + 4 + row * labelHeight), ImGui::GetColorU32(ImGuiCol_Text), label.c_str());
      rowEnd[row] = left + w;
      break;
    }
  }
  if (m_hoveredEntry) {
    const StatusChange& change = a.history[*m_hoveredEntry];
    ImGui::BeginTooltip();
    ImGui::TextUnformatted((change.date.toString() + "  " + agreementStatusName(m, change.status)).c_str());
    if (!change.note.empty()) {
      ImGui::PushTextWrapPos(font * 24);
      ImGui::TextUnformatted(change.note.c_str());
      ImGui::PopTextWrapPos();
    }
    ImGui::EndTooltip();
  }
}

}  // namespace nestmap
