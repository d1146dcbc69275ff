// [SECTION] controls and selection
// [SECTION] computing: the candidates and their texts, when the map, the day or a control changed
// [SECTION] planning an agreement
// [SECTION] drawing: controls, table
#include "ui/partner_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <set>
#include <utility>

#include "analysis/nest_coverage.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "ui/edit_scope.hpp"
#include "ui/table_headers.hpp"
#include "ui/ui_text.hpp"

namespace nestmap {
namespace {

const ImVec4 kDoneColor(0.35f, 0.75f, 0.4f, 1.0f);

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

// Short headers (the table is wide); each has a tooltip that says what it counts.
constexpr const char* kHeaderKeys[PartnerPanel::ColumnCount] = {
    "partner_panel.col.rank",   "partner_panel.col.name",         "partner_panel.col.category",
    "partner_panel.col.score",  "partner_panel.col.connection",   "partner_panel.col.distance",
    "partner_panel.col.region", "partner_panel.col.experience",   "partner_panel.col.broker",
    "partner_panel.col.km",     "partner_panel.col.introduction", "partner_panel.col.plan"};
constexpr const char* kTipKeys[PartnerPanel::ColumnCount] = {
    "partner_panel.tip.rank",   "partner_panel.tip.name",         "partner_panel.tip.category",
    "partners.legend",          "partner_panel.tip.connection",   "partner_panel.tip.distance",
    "partner_panel.tip.region", "partner_panel.tip.experience",   "partner_panel.tip.broker",
    "partner_panel.tip.km",     "partner_panel.tip.introduction", "partner_panel.tip.plan"};
constexpr float kColumnWeights[PartnerPanel::ColumnCount] = {0.35f, 3.0f, 2.0f, 0.6f, 0.6f, 0.6f,
                                                             0.6f,  0.6f, 0.6f, 0.9f, 3.2f, 1.4f};

/// Agreement types for a first talk with a nest partner, best first: what a
/// prison wants from one is that its staff can refer families there.
constexpr std::string_view kPlanTypeKeys[] = {"referral_path", "cooperation_agreement"};

std::string categoryName(const NestCategory& c) {
  return language() == Language::Dutch || c.nameEn.empty() ? c.nameNl : c.nameEn;
}

std::string actorName(const Model& m, RowId id) {
  const Actor* a = m.actors.find(id);
  return a ? a->name : "#" + std::to_string(id);
}

std::string joinNames(const Model& m, const std::vector<RowId>& ids, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count && i < ids.size(); ++i) out += (i ? " → " : "") + actorName(m, ids[i]);
  return out;
}

/// The type a planned agreement gets: the first of kPlanTypeKeys the map has, else its first type by sort order.
RowId planType(const Model& m) {
  for (std::string_view key : kPlanTypeKeys)
    if (const AgreementType* t = m.agreementTypeByKey(key)) return t->id;
  const AgreementType* best = nullptr;
  for (const AgreementType& t : m.agreementTypes.records())
    if (!best || t.sort < best->sort) best = &t;
  return best ? best->id : 0;
}

std::string widgetId(const std::string& label, const std::string& item) { return label + "###" + item; }

/// Text right-aligned in the current cell, so that numbers line up.
void rightAligned(const std::string& text) {
  const float offset = ImGui::GetColumnWidth() - ImGui::CalcTextSize(text.c_str()).x;
  if (offset > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + offset);
  ImGui::TextUnformatted(text.c_str());
}

void tooltip(const std::string& text) {
  if (text.empty() || !ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] controls and selection

Date PartnerPanel::today() const { return m_today ? *m_today : Date::today(); }

void PartnerPanel::setPrison(RowId prisonId) {
  if (prisonId == m_prison) return;
  m_prison = prisonId;
  m_message.clear();
}

void PartnerPanel::setCategory(RowId categoryId) {
  if (categoryId == m_category) return;
  m_category = categoryId;
  m_radiusKm.reset();  // each category starts at its own catchment radius
}

void PartnerPanel::setRadiusKm(std::optional<double> km) {
  m_radiusKm = km ? std::optional<double>(std::clamp(*km, kMinRadiusKm, kMaxRadiusKm)) : std::nullopt;
}

void PartnerPanel::setLimit(int limit) { m_limit = std::clamp(limit, kMinLimit, kMaxLimit); }

RowId PartnerPanel::selectedCandidate() const { return m_selectedActor; }
RowId PartnerPanel::selectedCategory() const { return m_selectedCategory; }

std::vector<RowId> PartnerPanel::selectedPath() const {
  for (const Row& r : m_rows)
    if (r.candidate.actorId == m_selectedActor && r.candidate.categoryId == m_selectedCategory)
      return r.candidate.introduction;
  return {};
}

bool PartnerPanel::takeSelectionChanged() { return std::exchange(m_selectionChanged, false); }

void PartnerPanel::select(RowId actorId, RowId categoryId) {
  if (actorId == 0) categoryId = 0;
  if (actorId == m_selectedActor && categoryId == m_selectedCategory) return;
  m_selectedActor = actorId;
  m_selectedCategory = categoryId;
  m_selectionChanged = true;
}

RowId PartnerPanel::takePlannedAgreement() { return std::exchange(m_planned, 0); }

std::optional<ImVec2> PartnerPanel::itemCenter(std::string_view item) const { return m_rects.center(item); }

// ---------------------------------------------------------------------------
// [SECTION] computing: the candidates and their texts, when the map, the day or a control changed

void PartnerPanel::recompute(const Document& doc, const Inputs& asked) {
  const Model& m = doc.model();
  Inputs in = asked;
  ++m_computations;

  const PrisonSides sides = PrisonSides::of(m, in.asOf);
  m_prisons.clear();
  for (const PrisonSides::Side& s : sides.prisons) m_prisons.push_back(s.prisonId);
  if (std::find(m_prisons.begin(), m_prisons.end(), in.prison) == m_prisons.end())
    in.prison = m_prisons.empty() ? 0 : m_prisons.front();
  const NestTemplate* tmpl = defaultTemplate(m);
  m_categories.clear();
  if (tmpl)
    for (const NestCategory* c : templateCategories(m, tmpl->id)) m_categories.push_back(c->id);
  if (std::find(m_categories.begin(), m_categories.end(), in.category) == m_categories.end()) {
    in.category = 0;
    if (asked.category != 0) in.radiusKm.reset();
  }
  m_prison = in.prison;
  m_category = in.category;
  m_radiusKm = in.radiusKm;

  // One prison's candidates take milliseconds even on a map of all of
  // Flanders, so they are computed here rather than on a worker.
  // FIXME: move to a BackgroundJob (as MetricsPanel) should maps grow by orders of magnitude.
  m_result = {};
  m_rows.clear();
  if (in.prison && tmpl) {
    PartnerFinder::Params params;
    params.prisonId = in.prison;
    if (in.category) params.categories = {in.category};
    params.radiusKm = in.radiusKm;
    params.limit = in.limit;
    params.asOf = in.asOf;
    params.templateId = tmpl->id;
    m_result = PartnerFinder::run(m, params);
  }

  // Agreements the prison already has with an actor (on paper, in any status),
  // so that planning one twice takes a deliberate step in the register.
  std::map<RowId, RowId> existing;
  if (const PrisonSides::Side* side = sides.find(in.prison)) {
    const std::set<RowId> own(side->actors.begin(), side->actors.end());
    for (const auto& [id, a] : m.agreements) {
      const bool ours =
          a.scopePrisonId == in.prison ||
          std::any_of(a.parties.begin(), a.parties.end(), [&](const auto& p) { return own.count(p.actorId) > 0; });
      if (!ours) continue;
      for (const AgreementParty& p : a.parties)
        if (!own.count(p.actorId)) existing[p.actorId] = id;  // the latest wins: ids grow
    }
  }

  RowId category = 0;
  int rank = 0;
  for (const PartnerCandidate& c : m_result.candidates) {
    rank = c.categoryId == category ? rank + 1 : 1;
    category = c.categoryId;
    Row r;
    r.rank = rank;
    r.candidate = c;
    r.name = actorName(m, c.actorId);
    const NestCategory* nc = m.nestCategories.find(c.categoryId);
    r.category = nc ? categoryName(*nc) : std::string();
    if (c.introduction.size() > 1) {
      // The candidate itself is the end of the way, not one who introduces.
      r.introduction = trf("partner_panel.via", {joinNames(m, c.introduction, c.introduction.size() - 1)});
      r.path = joinNames(m, c.introduction, c.introduction.size());
    } else {
      r.introduction = tr("partners.not_connected");
    }
    if (auto it = existing.find(c.actorId); it != existing.end()) r.existingAgreement = it->second;
    m_rows.push_back(std::move(r));
  }

  in.revision = doc.revision();
  m_computed = in;
  const bool stillListed = std::any_of(m_rows.begin(), m_rows.end(), [&](const Row& r) {
    return r.candidate.actorId == m_selectedActor && r.candidate.categoryId == m_selectedCategory;
  });
  if (m_selectedActor && !stillListed) select(0, 0);
}

// ---------------------------------------------------------------------------
// [SECTION] planning an agreement

RowId PartnerPanel::plan(Document& doc, std::size_t row) {
  if (row >= m_rows.size() || !m_computed || !editable(doc)) return 0;
  const Model& m = doc.model();
  const Row& r = m_rows[row];
  const RowId prison = m_computed->prison;
  const NestCategory* category = m.nestCategories.find(r.candidate.categoryId);

  Agreement a;
  a.id = m.agreements.nextId();  // chosen here so that it can be reported at once
  a.title = trf("partner_panel.agreement_title", {r.name, actorName(m, prison)});
  a.typeId = planType(m);
  a.scopePrisonId = prison;
  a.parties = {{prison, std::string()}, {r.candidate.actorId, std::string()}};
  a.history = {{today(), AgreementStatus::Idea, tr("partner_panel.history_note")}};
  a.notes = trf("partner_panel.agreement_notes",
                {category ? categoryName(*category) : std::string(), formatNumber(r.candidate.score, 1),
                 r.path.empty() ? tr("partners.not_connected") : r.path});
  const std::string title = a.title;
  const RowId id = a.id;
  try {
    doc.execute(addAgreement(std::move(a)));
  } catch (const UserError& e) {
    m_message = trf("partner_panel.plan_failed", {e.what()});
    m_messageIsError = true;
    m_messageRevision = doc.revision();
    return 0;
  }
  m_messageRevision = doc.revision();
  m_planned = id;
  m_message = trf("partner_panel.planned", {title});
  m_messageIsError = false;
  return m_planned;
}

// ---------------------------------------------------------------------------
// [SECTION] drawing: controls, table

void PartnerPanel::draw(Document& doc, ImVec2 pos, ImVec2 size) {
  m_rects.clear();
  m_hooks.rows.clear();
  m_hooks.emptyCategories.clear();
  // A confirmation speaks of the map as it was: any later edit (an undo, say) retires it.
  if (!m_message.empty() && doc.revision() != m_messageRevision) m_message.clear();
  Inputs in{doc.revision(), day(), static_cast<int>(language()), m_prison, m_category, m_radiusKm, m_limit};
  if (!m_computed || !(in == *m_computed)) recompute(doc, in);

  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (!ImGui::Begin("##partners", nullptr, kPanelFlags)) {
    ImGui::End();
    return;
  }
  drawControls(doc.model());
  drawTable(doc);
  ImGui::End();
}

void PartnerPanel::drawControls(const Model& m) {
  const float font = ImGui::GetFontSize();

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("partner_panel.prison").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(font * 12);
  const std::string prisonPreview = m_prison ? actorName(m, m_prison) : tr("partner_panel.no_prisons");
  if (ImGui::BeginCombo("##prison", prisonPreview.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (RowId id : m_prisons) {
      const std::string item = "prison_option:" + std::to_string(id);
      ImGui::PushID(item.c_str());
      if (ImGui::Selectable(actorName(m, id).c_str(), id == m_prison)) setPrison(id);
      m_rects.remember(item);
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  m_rects.remember("prison");

  ImGui::SameLine(0, font);
  ImGui::TextUnformatted(tr("partner_panel.category").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(font * 16);
  const NestCategory* current = m.nestCategories.find(m_category);
  const std::string categoryPreview = current ? categoryName(*current) : tr("partner_panel.all_gaps");
  if (ImGui::BeginCombo("##category", categoryPreview.c_str(), ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable(tr("partner_panel.all_gaps").c_str(), m_category == 0)) setCategory(0);
    m_rects.remember("category_option:0");
    for (RowId id : m_categories) {
      const NestCategory* c = m.nestCategories.find(id);
      if (!c) continue;
      const std::string item = "category_option:" + std::to_string(id);
      ImGui::PushID(item.c_str());
      if (ImGui::Selectable(categoryName(*c).c_str(), id == m_category)) setCategory(id);
      m_rects.remember(item);
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  m_rects.remember("category");

  // The radius: each category's own until the slider moves; "all gaps" then uses one radius for all.
  ImGui::SameLine(0, font);
  ImGui::TextUnformatted(tr("partner_panel.radius").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(font * 10);
  float km = static_cast<float>(m_radiusKm ? *m_radiusKm : current ? current->radiusKm : 25.0);
  // A slider's format is a printf format: the text is escaped and the number left out when no radius is set.
  std::string format = "%.0f km";
  if (!m_radiusKm && !current) {
    format.clear();
    for (char ch : tr("partner_panel.own_radius")) format += ch == '%' ? std::string("%%") : std::string(1, ch);
  }
  if (ImGui::SliderFloat("##radius", &km, static_cast<float>(kMinRadiusKm), static_cast<float>(kMaxRadiusKm),
                         format.c_str(), ImGuiSliderFlags_AlwaysClamp))
    setRadiusKm(static_cast<double>(km));
  m_rects.remember("radius");
  tooltip(tr("partner_panel.radius_tip"));
  ImGui::SameLine();
  ImGui::BeginDisabled(!m_radiusKm);
  if (ImGui::SmallButton(widgetId(tr("partner_panel.radius_reset"), "radius_reset").c_str())) setRadiusKm(std::nullopt);
  m_rects.remember("radius_reset");
  ImGui::EndDisabled();
  tooltip(tr("partner_panel.radius_reset_tip"));

  ImGui::SameLine(0, font);
  ImGui::TextUnformatted(tr("partner_panel.limit").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(font * 6);
  int limit = m_limit;
  if (ImGui::SliderInt("##limit", &limit, kMinLimit, kMaxLimit, "%d", ImGuiSliderFlags_AlwaysClamp)) setLimit(limit);
  m_rects.remember("limit");
  tooltip(tr("partner_panel.limit_tip"));

  if (!m_message.empty()) {
    ImGui::SameLine(0, font);
    ImGui::PushStyleColor(ImGuiCol_Text, m_messageIsError ? kErrorColor : kDoneColor);
    ImGui::TextUnformatted(m_message.c_str());
    ImGui::PopStyleColor();
  }
}

void PartnerPanel::drawTable(Document& doc) {
  const Model& m = doc.model();
  if (m_prisons.empty()) {
    ImGui::TextDisabled("%s", tr("partner_panel.no_prisons").c_str());
    return;
  }
  if (m_result.categories.empty()) {
    ImGui::TextDisabled("%s", tr(m_category ? "partner_panel.nothing" : "partner_panel.no_gaps").c_str());
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp |
                                ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##partners_table", ColumnCount, flags, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (int c = 0; c < ColumnCount; ++c)
    ImGui::TableSetupColumn(tr(kHeaderKeys[c]).c_str(), 0, kColumnWeights[c], static_cast<ImGuiID>(c));
  // Each header gets its tooltip.
  m_hooks.headerCenter.assign(ColumnCount, ImVec2(0, 0));
  tableHeadersRow(m_hooks.headerCenter, [](int c) { tooltip(tr(kTipKeys[c])); });

  std::optional<std::size_t> toPlan;
  // Row by row, with a line for each searched category that has no candidate in its place.
  std::size_t next = 0;
  for (RowId categoryId : m_result.categories) {
    const std::size_t first = next;
    while (next < m_rows.size() && m_rows[next].candidate.categoryId == categoryId) ++next;
    if (first == next) {
      const NestCategory* c = m.nestCategories.find(categoryId);
      const double radius = m_radiusKm.value_or(c ? c->radiusKm : 0);
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(Category);
      ImGui::TextDisabled("%s", c ? categoryName(*c).c_str() : "");
      ImGui::TableSetColumnIndex(Introduction);
      ImGui::TextDisabled("%s", trf("partner_panel.none_in_radius", {formatNumber(radius, 0)}).c_str());
      m_hooks.emptyCategories.push_back(categoryId);
      continue;
    }
    for (std::size_t i = first; i < next; ++i) {
      const Row& row = m_rows[i];
      const PartnerCandidate& c = row.candidate;
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(Rank);
      ImGui::PushID(static_cast<int>(i));
      const ImVec2 start = ImGui::GetCursorScreenPos();
      const bool selected = c.actorId == m_selectedActor && c.categoryId == m_selectedCategory;
      // An empty label with the rank drawn over it; the button in the last column stays clickable.
      if (ImGui::Selectable("##row", selected,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
        select(c.actorId, c.categoryId);
      DrawnRow drawn;
      drawn.row = i;
      drawn.min = ImGui::GetItemRectMin();
      drawn.max = ImGui::GetItemRectMax();
      ImGui::SameLine();
      ImGui::SetCursorScreenPos(start);
      ImGui::TextUnformatted(std::to_string(row.rank).c_str());

      ImGui::TableSetColumnIndex(Name);
      ImGui::TextUnformatted(row.name.c_str());
      ImGui::TableSetColumnIndex(Category);
      ImGui::TextUnformatted(row.category.c_str());
      ImGui::TableSetColumnIndex(Score);
      rightAligned(formatNumber(c.score, 1));
      ImGui::TableSetColumnIndex(Connection);
      rightAligned(formatNumber(c.parts.connection, 1));
      tooltip(c.hops ? trf("partner_panel.hops", {std::to_string(*c.hops)}) : tr("partners.not_connected"));
      ImGui::TableSetColumnIndex(Distance);
      rightAligned(formatNumber(c.parts.distance, 1));
      ImGui::TableSetColumnIndex(Region);
      rightAligned(formatNumber(c.parts.region, 1));
      {
        std::string shared;
        auto add = [&](bool same, const char* key) {
          if (same) shared += (shared.empty() ? "" : ", ") + tr(key);
        };
        add(c.sameProvince, "partner_panel.province");
        add(c.sameEerstelijnszone, "partner_panel.eerstelijnszone");
        add(c.sameJudicialDistrict, "partner_panel.judicial_district");
        tooltip(shared.empty() ? tr("partner_panel.no_shared_region") : trf("partner_panel.shared_region", {shared}));
      }
      ImGui::TableSetColumnIndex(Experience);
      rightAligned(formatNumber(c.parts.experience, 1));
      tooltip(trf("partner_panel.other_prisons", {std::to_string(c.otherPrisons)}));
      ImGui::TableSetColumnIndex(Broker);
      rightAligned(formatNumber(c.parts.broker, 1));
      tooltip(trf("partner_panel.broker_sectors", {std::to_string(c.brokerSectors)}));
      ImGui::TableSetColumnIndex(Km);
      if (c.distanceKm)
        rightAligned(formatNumber(*c.distanceKm, 0) + " km");
      else
        ImGui::TextDisabled("%s", tr("partners.no_coordinates").c_str());
      ImGui::TableSetColumnIndex(Introduction);
      if (c.introduction.size() > 1)
        ImGui::TextUnformatted(row.introduction.c_str());
      else
        ImGui::TextDisabled("%s", row.introduction.c_str());
      tooltip(row.path);

      ImGui::TableSetColumnIndex(Plan);
      drawn.planEnabled = row.existingAgreement == 0 && editable(doc);
      ImGui::BeginDisabled(!drawn.planEnabled);
      if (ImGui::SmallButton(tr("partner_panel.plan").c_str())) toPlan = i;
      ImGui::EndDisabled();
      const ImVec2 bmin = ImGui::GetItemRectMin(), bmax = ImGui::GetItemRectMax();
      drawn.planCenter = ImVec2((bmin.x + bmax.x) * 0.5f, (bmin.y + bmax.y) * 0.5f);
      if (!editable(doc))
        tooltip(tr("readonly.tip"));
      else if (const Agreement* a = m.agreements.find(row.existingAgreement))
        tooltip(trf("partner_panel.already_planned", {a->title}));
      else
        tooltip(trf("partner_panel.plan_tip", {row.name}));
      ImGui::PopID();
      m_hooks.rows.push_back(drawn);
    }
  }
  ImGui::EndTable();
  // After the table: planning changes the map, and with it the rows drawn above.
  if (toPlan) {
    const Row& row = m_rows[*toPlan];
    select(row.candidate.actorId, row.candidate.categoryId);
    plan(doc, *toPlan);
  }
}

}  // namespace nestmap
