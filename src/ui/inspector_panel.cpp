#include "ui/inspector_panel.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "ui/edit_scope.hpp"
#include "ui/ui_text.hpp"

namespace nestmap {
namespace {


const std::string& localName(const std::string& nl, const std::string& en) {
  return language() == Language::Dutch || en.empty() ? nl : en;
}

// Coordinates are shown exactly (shortest round trip), with the user's decimal mark.
std::string formatCoordinate(const std::optional<double>& v) {
  if (!v) return {};
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *v);
  std::string out(buf, ec == std::errc() ? end : buf);
  if (language() == Language::Dutch) std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

/// Empty text: no value; a number with either decimal mark; nullopt in `ok` = false otherwise.
std::optional<double> parseCoordinate(std::string text, bool& ok) {
  ok = true;
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  if (text.empty()) return std::nullopt;
  std::replace(text.begin(), text.end(), ',', '.');
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  ok = ec == std::errc() && end == text.data() + text.size();
  return ok ? std::optional<double>(v) : std::nullopt;
}

std::string joinTags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) {
    if (!out.empty()) out += ", ";
    out += t;
  }
  return out;
}

std::vector<std::string> splitTags(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = std::min(text.find(',', start), text.size());
    std::string tag = text.substr(start, comma - start);
    tag.erase(0, tag.find_first_not_of(" \t"));
    tag.erase(tag.find_last_not_of(" \t") + 1);
    if (!tag.empty() && std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(tag);
    start = comma + 1;
  }
  return out;
}

// ImGui 1.86 has no SeparatorText.
void heading(const std::string& text) {
  ImGui::Separator();
  ImGui::TextUnformatted(text.c_str());
}

std::string tieStatusName(TieStatus s) { return tr(std::string("tie_status.") + std::string(key(s))); }

std::string agreementStatusName(const Model& m, AgreementStatus s) {
  for (const auto& [id, label] : m.statusLabels)
    if (label.status == s) return localName(label.nameNl, label.nameEn);
  return tr(std::string("status.") + std::string(key(s)));
}

std::string actorName(const Model& m, RowId id) {
  const Actor* a = m.actors.find(id);
  return a ? a->name : tr("inspector.unknown");
}

/// The `###field` suffix keeps a widget's id stable when the language changes its label.
std::string widgetId(const std::string& label, const std::string& field) { return label + "###" + field; }

template <class T>
std::vector<const T*> bySort(const Table<T>& table) {
  std::vector<const T*> rows = table.rows();
  std::stable_sort(rows.begin(), rows.end(), [](const T* a, const T* b) { return a->sort < b->sort; });
  return rows;
}

}  // namespace

std::optional<std::pair<ImVec2, ImVec2>> InspectorPanel::fieldRect(std::string_view field) const {
  return m_rects.rect(field);
}

std::optional<ImVec2> InspectorPanel::fieldCenter(std::string_view field) const { return m_rects.center(field); }

void InspectorPanel::showError(const std::string& field) const {
  if (m_error.empty() || m_errorField != field) return;
  wrappedText(m_error, kErrorColor);
}

void InspectorPanel::focusOn(RowId actorId, RowId tieId) {
  if (actorId == m_actorId && tieId == m_tieId) return;
  m_actorId = actorId;
  m_tieId = tieId;
  m_drafts.clear();
  m_pendingCoordinates.clear();
  m_error.clear();
  m_errorField.clear();
}

template <class MakeCommand>
bool InspectorPanel::commit(Document& doc, const std::string& field, MakeCommand&& make) {
  try {
    doc.execute(make());
  } catch (const UserError& e) {
    m_error = e.what();
    m_errorField = field;
    return false;
  }
  m_error.clear();
  m_errorField.clear();
  return true;
}

bool InspectorPanel::textField(const std::string& field, const char* label, const std::string& value, std::string& out,
                               bool multiline) {
  const bool committed = m_drafts.field(field, widgetId(label, field), value, out, multiline ? 5 : 1);
  m_rects.remember(field);
  showError(field);
  return committed;
}

void InspectorPanel::draw(Document& doc, const std::set<RowId>& selectedActors, ImVec2 pos, ImVec2 size,
                          RowId selectedTie) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoBringToFrontOnFocus;
  // Only the scrollbar: an actor's fields are taller than most screens.
  flags &= ~ImGuiWindowFlags_NoScrollbar;
  m_rects.clear();
  if (!ImGui::Begin("##inspector", nullptr, flags)) {
    ImGui::End();
    return;
  }
  const Model& m = doc.model();
  if (!selectedActors.empty() || selectedTie != 0) readOnlyBadge(doc);
  if (selectedActors.size() == 1) {
    RowId id = *selectedActors.begin();
    focusOn(id, 0);
    if (const Actor* actor = m.actors.find(id))
      drawActor(doc, *actor);
    else
      ImGui::TextDisabled("%s", tr("inspector.gone").c_str());
  } else if (selectedActors.size() > 1) {
    focusOn(0, 0);
    drawMany(doc, selectedActors);
  } else if (selectedTie != 0) {
    drawTie(doc, selectedTie);
  } else {
    focusOn(0, 0);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", tr("inspector.hint").c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
}

void InspectorPanel::drawMany(const Document& doc, const std::set<RowId>& selectedActors) {
  const Model& m = doc.model();
  ImGui::TextUnformatted(trf("inspector.many_selected", {std::to_string(selectedActors.size())}).c_str());
  ImGui::Separator();
  std::vector<RowId> ids(selectedActors.begin(), selectedActors.end());
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(ids.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      ImGui::BulletText("%s", actorName(m, ids[static_cast<std::size_t>(i)]).c_str());
}

void InspectorPanel::drawActor(Document& doc, const Actor& current) {
  // A copy: a commit replaces the record the reference points into.
  const Actor actor = current;
  const Model& m = doc.model();
  // Every field and the contacts are edits; the ties and agreements below only show (and lead on).
  std::optional<EditScope> edit(std::in_place, doc);
  ImGui::PushItemWidth(ImGui::GetFontSize() * -9);

  auto textRow = [&](const char* field, const char* key, std::string Actor::*member, bool multiline = false) {
    std::string value;
    if (textField(field, tr(key).c_str(), actor.*member, value, multiline)) {
      Actor changed = actor;
      changed.*member = value;
      commit(doc, field, [&] { return updateActor(changed); });
    }
  };
  auto update = [&](const char* field, auto&& change) {
    Actor changed = actor;
    change(changed);
    commit(doc, field, [&] { return updateActor(changed); });
  };

  textRow("name", "inspector.name", &Actor::name);
  textRow("short_name", "inspector.short_name", &Actor::shortName);

  // Type
  {
    const ActorType* type = m.actorTypes.find(actor.typeId);
    std::string preview = type ? localName(type->nameNl, type->nameEn) : tr("inspector.unknown");
    if (ImGui::BeginCombo(widgetId(tr("inspector.type"), "type").c_str(), preview.c_str(),
                          ImGuiComboFlags_HeightLarge)) {
      for (const ActorType* t : bySort(m.actorTypes)) {
        ImGui::PushID(static_cast<int>(t->id));
        if (ImGui::Selectable(localName(t->nameNl, t->nameEn).c_str(), t->id == actor.typeId) && t->id != actor.typeId)
          update("type", [&](Actor& a) { a.typeId = t->id; });
        m_rects.remember("type_option:" + std::to_string(t->id));
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    m_rects.remember("type");
    showError("type");
  }

  RowId parentId = actor.parentId;
  if (parentCombo(m, actor, parentId)) update("parent", [&](Actor& a) { a.parentId = parentId; });
  m_rects.remember("parent");
  showError("parent");

  textRow("address", "inspector.address", &Actor::address);
  textRow("postcode", "inspector.postcode", &Actor::postcode);
  textRow("municipality", "inspector.municipality", &Actor::municipality);

  // Latitude and longitude are valid only together: the first one typed
  // waits (shown, with a hint) until the other is there, then both go as one command;
  // emptying one empties both.
  auto coordinateRow = [&](const char* field, const char* key, std::optional<double> Actor::*member,
                           const char* otherField, std::optional<double> Actor::*other) {
    auto pending = m_pendingCoordinates.find(field);
    std::optional<double> shown = pending != m_pendingCoordinates.end() ? pending->second : actor.*member;
    std::string text;
    bool edited = textField(field, tr(key).c_str(), formatCoordinate(shown), text);
    if (m_pendingCoordinates.count(field)) ImGui::TextDisabled("%s", tr("valid.latlon_pair").c_str());
    if (!edited) return;
    bool ok = false;
    std::optional<double> value = parseCoordinate(text, ok);
    if (!ok) {
      m_error = trf("inspector.bad_number", {text});
      m_errorField = field;
      return;
    }
    Actor changed = actor;
    changed.*member = value;
    if (auto o = m_pendingCoordinates.find(otherField); o != m_pendingCoordinates.end()) changed.*other = o->second;
    if (value && !(changed.*other)) {
      m_pendingCoordinates[field] = *value;
      return;
    }
    if (!value) changed.*other = std::nullopt;  // emptying one removes the position
    m_pendingCoordinates.erase(field);
    if (commit(doc, field, [&] { return updateActor(changed); })) m_pendingCoordinates.erase(otherField);
  };
  coordinateRow("latitude", "inspector.latitude", &Actor::latitude, "longitude", &Actor::longitude);
  coordinateRow("longitude", "inspector.longitude", &Actor::longitude, "latitude", &Actor::latitude);

  textRow("province", "inspector.province", &Actor::province);
  textRow("eerstelijnszone", "inspector.eerstelijnszone", &Actor::eerstelijnszone);
  textRow("judicial_district", "inspector.judicial_district", &Actor::judicialDistrict);

  auto sliderRow = [&](const char* field, const char* key, int Actor::*member, int lo, int hi) {
    int v = actor.*member;
    if (ImGui::SliderInt(widgetId(tr(key), field).c_str(), &v, lo, hi) && v != actor.*member)
      update(field, [&](Actor& a) { a.*member = v; });
    m_rects.remember(field);
    showError(field);
  };
  sliderRow("line", "inspector.line", &Actor::line, 0, 3);
  sliderRow("influence", "inspector.influence", &Actor::influence, 0, 5);
  sliderRow("interest", "inspector.interest", &Actor::interest, 0, 5);

  std::string tags;
  if (textField("tags", tr("inspector.tags").c_str(), joinTags(actor.tags), tags)) {
    std::vector<std::string> parsed = splitTags(tags);
    if (parsed != actor.tags) update("tags", [&](Actor& a) { a.tags = parsed; });
  }
  textRow("notes", "inspector.notes", &Actor::notes, true);
  ImGui::PopItemWidth();

  drawContacts(doc, actor);
  edit.reset();
  drawRelations(doc, actor);
}

bool InspectorPanel::parentCombo(const Model& m, const Actor& actor, RowId& parentId) {
  const Actor* parent = m.actors.find(actor.parentId);
  std::string preview = parent ? parent->name : tr("inspector.no_parent");
  bool changed = false;
  if (!ImGui::BeginCombo(widgetId(tr("inspector.parent"), "parent").c_str(), preview.c_str(),
                         ImGuiComboFlags_HeightLarge))
    return false;
  if (ImGui::IsWindowAppearing()) {
    m_parentSearch.clear();
    ImGui::SetKeyboardFocusHere();
  }
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputTextWithHint("##parent_search", tr("inspector.search").c_str(), &m_parentSearch);
  m_rects.remember("parent_search");
  if (ImGui::Selectable(tr("inspector.no_parent").c_str(), actor.parentId == 0) && actor.parentId != 0) {
    parentId = 0;
    changed = true;
  }
  m_rects.remember("parent_option:0");
  // Filtered only while the list is open; a map has thousands of actors at most.
  std::string needle = asciiLower(m_parentSearch);
  std::vector<const Actor*> hits;
  for (const auto& [id, other] : m.actors)
    if (id != actor.id && (needle.empty() || asciiLower(other.name).find(needle) != std::string::npos ||
                           asciiLower(other.shortName).find(needle) != std::string::npos))
      hits.push_back(&other);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(hits.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const Actor* a = hits[static_cast<std::size_t>(i)];
      ImGui::PushID(static_cast<int>(a->id));
      if (ImGui::Selectable(a->name.c_str(), a->id == actor.parentId) && a->id != actor.parentId) {
        parentId = a->id;
        changed = true;
      }
      m_rects.remember("parent_option:" + std::to_string(a->id));
      ImGui::PopID();
    }
  ImGui::EndCombo();
  return changed;
}

void InspectorPanel::drawContacts(Document& doc, const Actor& actor) {
  const Model& m = doc.model();
  std::vector<Contact> contacts;
  for (const auto& [id, c] : m.contacts)
    if (c.actorId == actor.id) contacts.push_back(c);

  ImGui::Spacing();
  heading(tr("inspector.contacts"));
  for (const Contact& c : contacts) {
    const std::string suffix = ":" + std::to_string(c.id);
    ImGui::PushID(static_cast<int>(c.id));
    std::string title = c.name.empty() ? c.role : c.name;
    if (ImGui::TreeNodeEx("##contact", ImGuiTreeNodeFlags_SpanAvailWidth | ImGuiTreeNodeFlags_DefaultOpen, "%s",
                          title.c_str())) {
      ImGui::PushItemWidth(ImGui::GetFontSize() * -9);
      auto row = [&](const char* name, const char* key, std::string Contact::*member) {
        std::string field = std::string("contact_") + name + suffix;
        std::string value;
        if (!textField(field, tr(key).c_str(), c.*member, value)) return;
        Contact changed = c;
        changed.*member = value;
        commit(doc, field, [&] { return updateContact(changed); });
      };
      row("name", "inspector.contact_name", &Contact::name);
      row("role", "inspector.contact_role", &Contact::role);
      row("email", "inspector.contact_email", &Contact::email);
      row("phone", "inspector.contact_phone", &Contact::phone);
      bool personal = c.personalData;
      const std::string personalField = "contact_personal" + suffix;
      if (ImGui::Checkbox(widgetId(tr("inspector.personal_data"), personalField).c_str(), &personal)) {
        Contact changed = c;
        changed.personalData = personal;
        commit(doc, personalField, [&] { return updateContact(changed); });
      }
      m_rects.remember(personalField);
      showError(personalField);
      const std::string deleteField = "contact_delete" + suffix;
      if (ImGui::SmallButton(widgetId(tr("inspector.delete_contact"), deleteField).c_str()))
        commit(doc, deleteField, [&] { return deleteContact(doc.model(), c.id); });
      m_rects.remember(deleteField);
      showError(deleteField);
      ImGui::PopItemWidth();
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
  if (ImGui::Button(widgetId(tr("inspector.add_contact"), "contact_add").c_str())) {
    Contact c;
    c.actorId = actor.id;
    c.name = tr("inspector.new_contact");
    commit(doc, "contact_add", [&] { return addContact(c); });
  }
  m_rects.remember("contact_add");
  showError("contact_add");
}

void InspectorPanel::drawRelations(const Document& doc, const Actor& actor) {
  const Model& m = doc.model();
  ImGui::Spacing();
  heading(tr("inspector.ties"));
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  int ties = 0;
  for (const auto& [id, tie] : m.ties) {
    if (tie.sourceId != actor.id && tie.targetId != actor.id) continue;
    if (ties++ == 0 && !ImGui::BeginTable("##ties", 3, flags)) break;
    const TieType* type = m.tieTypes.find(tie.typeId);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(type ? localName(type->nameNl, type->nameEn).c_str() : tr("inspector.unknown").c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(actorName(m, tie.sourceId == actor.id ? tie.targetId : tie.sourceId).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(tieStatusName(tie.status).c_str());
  }
  if (ties > 0)
    ImGui::EndTable();
  else
    ImGui::TextDisabled("%s", tr("inspector.no_ties").c_str());

  heading(tr("inspector.agreements"));
  int agreements = 0;
  for (const auto& [id, agreement] : m.agreements) {
    bool party = std::any_of(agreement.parties.begin(), agreement.parties.end(),
                             [&](const AgreementParty& p) { return p.actorId == actor.id; });
    if (!party) continue;
    if (agreements++ == 0 && !ImGui::BeginTable("##agreements", 2, flags)) break;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    // A click shows the agreement on the map and in the register.
    ImGui::PushID(static_cast<int>(id));
    if (ImGui::Selectable(agreement.title.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) m_clickedAgreement = id;
    m_rects.remember("agreement:" + std::to_string(id));
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(agreementStatusName(m, agreement.status()).c_str());
  }
  if (agreements > 0)
    ImGui::EndTable();
  else
    ImGui::TextDisabled("%s", tr("inspector.no_agreements").c_str());
}

void InspectorPanel::drawTie(Document& doc, RowId tieId) {
  focusOn(0, tieId);
  const Model& m = doc.model();
  const Tie* found = m.ties.find(tieId);
  if (!found) {
    ImGui::TextDisabled("%s", tr("inspector.gone").c_str());
    return;
  }
  const Tie tie = *found;
  ImGui::TextUnformatted(
      trf("inspector.tie_between", {actorName(m, tie.sourceId), actorName(m, tie.targetId)}).c_str());
  ImGui::Separator();
  EditScope edit(doc);
  ImGui::PushItemWidth(ImGui::GetFontSize() * -9);

  auto update = [&](const char* field, auto&& change) {
    Tie changed = tie;
    change(changed);
    commit(doc, field, [&] { return updateTie(doc.model(), changed); });
  };

  {
    const TieType* type = m.tieTypes.find(tie.typeId);
    std::string preview = type ? localName(type->nameNl, type->nameEn) : tr("inspector.unknown");
    if (ImGui::BeginCombo(widgetId(tr("inspector.tie_type"), "tie_type").c_str(), preview.c_str())) {
      for (const TieType* t : bySort(m.tieTypes)) {
        ImGui::PushID(static_cast<int>(t->id));
        if (ImGui::Selectable(localName(t->nameNl, t->nameEn).c_str(), t->id == tie.typeId) && t->id != tie.typeId)
          update("tie_type", [&](Tie& x) { x.typeId = t->id; });
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    m_rects.remember("tie_type");
    showError("tie_type");
  }

  auto enumCombo = [&](const char* field, const char* labelKey, const char* namePrefix, auto current,
                       std::initializer_list<decltype(current)> values, auto member) {
    auto name = [&](decltype(current) v) { return tr(std::string(namePrefix) + std::string(key(v))); };
    if (ImGui::BeginCombo(widgetId(tr(labelKey), field).c_str(), name(current).c_str())) {
      for (auto v : values) {
        if (ImGui::Selectable(name(v).c_str(), v == current) && v != current)
          update(field, [&](Tie& x) { x.*member = v; });
        m_rects.remember(std::string(field) + "_option:" + std::string(key(v)));
      }
      ImGui::EndCombo();
    }
    m_rects.remember(field);
    showError(field);
  };
  enumCombo("tie_direction", "inspector.direction", "inspector.direction.", tie.direction,
            {Direction::Directed, Direction::Undirected, Direction::Mutual}, &Tie::direction);

  int strength = tie.strength;
  if (ImGui::SliderInt(widgetId(tr("inspector.strength"), "tie_strength").c_str(), &strength, 1, 3) &&
      strength != tie.strength)
    update("tie_strength", [&](Tie& x) { x.strength = strength; });
  m_rects.remember("tie_strength");
  showError("tie_strength");

  enumCombo("tie_status", "inspector.status", "tie_status.", tie.status,
            {TieStatus::Planned, TieStatus::Active, TieStatus::Ended}, &Tie::status);

  auto dateRow = [&](const char* field, const char* labelKey, std::optional<Date> Tie::*member) {
    std::string text;
    if (!textField(field, tr(labelKey).c_str(), toString(tie.*member), text)) return;
    text.erase(0, text.find_first_not_of(" \t"));
    text.erase(text.find_last_not_of(" \t") + 1);
    std::optional<Date> date;
    if (!text.empty()) {
      date = Date::parse(text);
      if (!date) {
        m_error = trf("inspector.bad_date", {text});
        m_errorField = field;
        return;
      }
    }
    update(field, [&](Tie& x) { x.*member = date; });
  };
  dateRow("tie_valid_from", "inspector.valid_from", &Tie::validFrom);
  dateRow("tie_valid_to", "inspector.valid_to", &Tie::validTo);

  std::string note;
  if (textField("tie_source_note", tr("inspector.source_note").c_str(), tie.sourceNote, note))
    update("tie_source_note", [&](Tie& x) { x.sourceNote = note; });
  ImGui::PopItemWidth();
}

}  // namespace nestmap
