#include "ui/nest_overlay.hpp"

#include <algorithm>
#include <cmath>

#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "core/text.hpp"

namespace nestmap {
namespace {

constexpr double kPi = 3.14159265358979323846;

ImU32 imColor(Color c, float alpha = 1.0f) { return IM_COL32(c.r, c.g, c.b, static_cast<int>(alpha * 255)); }

ImU32 statusColor(CoverageStatus status) {
  switch (status) {
    case CoverageStatus::Formalised:
      return IM_COL32(34, 139, 34, 255);
    case CoverageStatus::Informal:
      return IM_COL32(196, 128, 0, 255);
    case CoverageStatus::Missing:
      break;
  }
  return IM_COL32(200, 40, 40, 255);
}

/// The outline of `shape` around `c` with radius `r`, as a closed polygon (screen coordinates).
std::vector<ImVec2> outline(Shape shape, ImVec2 c, float r) {
  std::vector<ImVec2> points;
  auto polygon = [&](int corners, float startDegrees, float scale) {
    for (int i = 0; i < corners; ++i) {
      const float a = (startDegrees + 360.0f * static_cast<float>(i) / static_cast<float>(corners)) *
                      static_cast<float>(kPi) / 180.0f;
      points.emplace_back(c.x + r * scale * std::cos(a), c.y - r * scale * std::sin(a));
    }
  };
  switch (shape) {
    case Shape::Square:
      polygon(4, 45, 1.25f);
      break;
    case Shape::Diamond:
      polygon(4, 90, 1.2f);
      break;
    case Shape::Triangle:
      polygon(3, 90, 1.2f);
      break;
    case Shape::Hexagon:
      polygon(6, 0, 1.0f);
      break;
    case Shape::Circle:
      polygon(32, 0, 1.0f);
      break;
  }
  return points;
}

/// `points` as a closed outline of dashes `dash` long with gaps `gap` between them.
void dashedPolygon(ImDrawList* list, const std::vector<ImVec2>& points, ImU32 color, float thickness, float dash,
                   float gap) {
  float phase = 0;  // where in the dash pattern the next segment starts
  for (std::size_t i = 0; i < points.size(); ++i) {
    const ImVec2 a = points[i], b = points[(i + 1) % points.size()];
    const float length = std::hypot(b.x - a.x, b.y - a.y);
    float t = 0;
    while (t < length) {
      const float period = dash + gap, inPeriod = std::fmod(phase, period);
      const float step = std::min(length - t, inPeriod < dash ? dash - inPeriod : period - inPeriod);
      if (inPeriod < dash) {
        const float u = t / length, v = (t + step) / length;
        list->AddLine(ImVec2(a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u),
                      ImVec2(a.x + (b.x - a.x) * v, a.y + (b.y - a.y) * v), color, thickness);
      }
      t += step;
      phase += step;
    }
  }
}

}  // namespace

std::vector<const Actor*> prisonsByName(const Model& m) {
  std::vector<const Actor*> prisons;
  const ActorType* prisonType = m.actorTypeByKey("prison");
  for (const auto& [id, actor] : m.actors)
    if (prisonType && actor.typeId == prisonType->id) prisons.push_back(&actor);
  std::sort(prisons.begin(), prisons.end(),
            [](const Actor* a, const Actor* b) { return foldForSearch(a->name) < foldForSearch(b->name); });
  return prisons;
}

RowId nestPrisonOf(const Model& m, RowId viewId) {
  const View* view = m.views.find(viewId);
  const ActorType* prisonType = m.actorTypeByKey("prison");
  if (!view || view->layout != "nest" || !prisonType) return 0;
  auto placed = m.positions.find(viewId);
  if (placed == m.positions.end()) return 0;
  RowId best = 0;
  double bestDistance = HUGE_VAL;
  for (const auto& [actorId, p] : placed->second) {
    const Actor* a = m.actors.find(actorId);
    if (!a || a->typeId != prisonType->id) continue;
    const double d = std::hypot(p.x, p.y);
    if (d < bestDistance) {
      best = actorId;
      bestDistance = d;
    }
  }
  return best;
}

void NestOverlay::update(const Model& m, std::uint64_t revision, RowId viewId, std::optional<Date> asOf) {
  if (&m == m_model && revision == m_revision && viewId == m_viewId && asOf == m_asOf) return;
  m_model = &m;
  m_revision = revision;
  m_viewId = viewId;
  m_asOf = asOf;
  m_slots.clear();
  m_rings.clear();
  m_fragileActors.clear();
  m_staleActors.clear();
  m_fragileTies.clear();
  m_positions.clear();
  m_prisonId = nestPrisonOf(m, viewId);
  if (!m_prisonId || !defaultTemplate(m)) {
    m_prisonId = 0;
    return;
  }
  const Date day = asOf.value_or(Date::today());
  const GraphSnapshot g = nestSnapshot(m, day);
  NestCoverage::Params params;
  params.asOf = day;
  params.prisons = {m_prisonId};
  const NestCoverage::Result coverage = NestCoverage::run(m, g, params);
  if (coverage.prisons.empty()) {
    m_prisonId = 0;
    return;
  }
  const PrisonCoverage& row = coverage.prisons.front();
  const NestLayout::Params layoutParams;
  const NestLayout::Result nest = NestLayout::run(g, row, coverage.categories, layoutParams);
  m_rings = nest.rings;
  m_ghostRadius = layoutParams.nodeRadius;
  for (std::size_t i = 0; i < nest.wedges.size() && i < row.cells.size(); ++i) {
    const NestLayout::Wedge& w = nest.wedges[i];
    const CoverageCell& cell = row.cells[i];
    const NestCategory* category = m.nestCategories.find(w.categoryId);
    Slot slot;
    slot.categoryId = w.categoryId;
    slot.label = category
                     ? (language() == Language::Dutch || category->nameEn.empty() ? category->nameNl : category->nameEn)
                     : std::string();
    // Long names are cut short on the map; the heatmap and the inspector give them whole.
    if (utf8Length(slot.label) > 24) slot.label = std::string(utf8Prefix(slot.label, 22)) + "…";
    slot.status = cell.status;
    slot.fragile = cell.fragile;
    slot.stale = cell.stale;
    slot.ghost = w.ghost;
    slot.ghostPosition = w.ghostPosition;
    slot.midAngle = (w.startAngle + w.endAngle) / 2;
    slot.color = Color{0x9e, 0x9e, 0x9e};
    if (category && !category->actorTypeIds.empty())
      if (const ActorType* type = m.actorTypes.find(category->actorTypeIds.front())) {
        slot.color = type->color;
        slot.shape = type->shape;
      }
    m_slots.push_back(std::move(slot));
    // What every way to the category hangs on, and the partners whose agreements are past review.
    if (cell.fragile) {
      if (cell.fragility == Fragility::SingleTie)
        m_fragileTies.push_back(cell.singleTie);
      else if (cell.fragility == Fragility::SingleActor && cell.singleActor)
        m_fragileActors.push_back(cell.singleActor);
      else if (cell.partners.size() == 1)
        m_fragileActors.push_back(cell.partners.front().actorId);
    }
    if (cell.stale)
      for (const CellPartner& p : cell.partners)
        if (p.formal) m_staleActors.push_back(p.actorId);
  }
  // The places of the marked actors in this view.
  auto placed = m.positions.find(viewId);
  auto remember = [&](RowId id) {
    if (placed == m.positions.end()) return;
    if (auto p = placed->second.find(id); p != placed->second.end())
      m_positions.emplace_back(id, Vec2{p->second.x, p->second.y});
  };
  for (RowId id : m_fragileActors) remember(id);
  for (RowId id : m_staleActors) remember(id);
  for (const auto& [a, b] : m_fragileTies) {
    remember(a);
    remember(b);
  }
  std::sort(m_positions.begin(), m_positions.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
}

void NestOverlay::draw(ImDrawList* list, const Camera& camera, ImVec2 pos, ImVec2 size, float k,
                       RowId highlight) const {
  if (!active()) return;
  const Vec2 canvas{size.x, size.y};
  auto screen = [&](Vec2 world) {
    const Vec2 s = camera.toScreen(world, canvas);
    return ImVec2(pos.x + static_cast<float>(s.x), pos.y + static_cast<float>(s.y));
  };
  auto positionOf = [&](RowId id) -> std::optional<Vec2> {
    auto it = std::lower_bound(m_positions.begin(), m_positions.end(), id,
                               [](const auto& p, RowId key) { return p.first < key; });
    if (it == m_positions.end() || it->first != id) return std::nullopt;
    return it->second;
  };
  const ImVec2 centre = screen({0, 0});
  const float zoom = static_cast<float>(camera.zoom);
  const float outer = m_rings.empty() ? 10 * zoom : static_cast<float>(m_rings.back()) * zoom + 24 * k;
  const float inner = m_rings.empty() ? 0 : static_cast<float>(m_rings.front()) * zoom;

  // Faint rings and the borders between wedges.
  for (double ring : m_rings)
    list->AddCircle(centre, static_cast<float>(ring) * zoom, IM_COL32(0, 0, 0, 28), 96, 1.0f * k);
  const std::size_t n = m_slots.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double border = m_slots[i].midAngle + kPi / static_cast<double>(n);
    const ImVec2 dir(static_cast<float>(std::cos(border)), -static_cast<float>(std::sin(border)));
    list->AddLine(ImVec2(centre.x + dir.x * inner, centre.y + dir.y * inner),
                  ImVec2(centre.x + dir.x * outer, centre.y + dir.y * outer), IM_COL32(0, 0, 0, 22), 1.0f * k);
  }
  // The highlighted wedge, tinted.
  for (const Slot& s : m_slots) {
    if (s.categoryId != highlight) continue;
    const double half = kPi / static_cast<double>(n);
    std::vector<ImVec2> fan{ImVec2(centre.x + static_cast<float>(std::cos(s.midAngle)) * inner * 0.2f,
                                   centre.y - static_cast<float>(std::sin(s.midAngle)) * inner * 0.2f)};
    for (int j = 0; j <= 16; ++j) {
      const double a = s.midAngle - half + 2 * half * j / 16.0;
      fan.emplace_back(centre.x + static_cast<float>(std::cos(a)) * outer,
                       centre.y - static_cast<float>(std::sin(a)) * outer);
    }
    list->AddConvexPolyFilled(fan.data(), static_cast<int>(fan.size()), imColor(s.color, 0.12f));
  }
  // Fragile points: a dashed red ring; single ties: a dashed red line over the tie.
  const ImU32 red = IM_COL32(200, 30, 30, 230), amber = IM_COL32(230, 150, 0, 230);
  const float ring = std::max(static_cast<float>(m_ghostRadius) * zoom, 5.0f * k);
  for (RowId id : m_fragileActors)
    if (auto p = positionOf(id))
      dashedPolygon(list, outline(Shape::Circle, screen(*p), ring + 6 * k), red, 2.0f * k, 5 * k, 3 * k);
  for (const auto& [a, b] : m_fragileTies) {
    const auto pa = positionOf(a), pb = positionOf(b);
    if (pa && pb) dashedPolygon(list, {screen(*pa), screen(*pb)}, red, 3.0f * k, 6 * k, 4 * k);
  }
  for (RowId id : m_staleActors)
    if (auto p = positionOf(id)) list->AddCircle(screen(*p), ring + 10 * k, amber, 32, 2.0f * k);
  // Ghost slots: the category's shape, dashed and empty, in its colour, with a question mark.
  for (const Slot& s : m_slots) {
    if (!s.ghost) continue;
    const ImVec2 c = screen(s.ghostPosition);
    const float r = std::max(static_cast<float>(m_ghostRadius) * zoom * 1.4f, 14.0f * k);
    dashedPolygon(list, outline(s.shape, c, r), imColor(s.color), 3.0f * k, 6 * k, 4 * k);
    const ImVec2 q = ImGui::CalcTextSize("?");
    list->AddText(ImVec2(c.x - q.x / 2, c.y - q.y / 2), imColor(s.color), "?");
  }
  // Each wedge's category, outside the outer ring, coloured by coverage, with its marks.
  for (const Slot& s : m_slots) {
    const std::string text = labelText(s);
    const ImVec2 textSize = ImGui::CalcTextSize(text.c_str());
    const float c = static_cast<float>(std::cos(s.midAngle)), sn = static_cast<float>(std::sin(s.midAngle));
    const ImVec2 anchor(centre.x + c * (outer + 6 * k), centre.y - sn * (outer + 6 * k));
    // Left of the centre the text ends at the anchor, right of it it starts there, so that
    // neighbours either side of the top and the bottom never cover each other.
    const float align = std::abs(c) < 0.02f ? 0.5f : c > 0 ? 0.0f : 1.0f;
    const ImVec2 at(anchor.x - textSize.x * align, anchor.y - textSize.y * (0.5f + 0.5f * sn));
    list->AddRectFilled(ImVec2(at.x - 3, at.y - 1), ImVec2(at.x + textSize.x + 3, at.y + textSize.y + 1),
                        IM_COL32(255, 255, 255, 210), 3);
    list->AddText(at, statusColor(s.status), text.c_str());
  }
}

std::string NestOverlay::labelText(const Slot& s) {
  // The name, and under it what is wrong with the cell.
  std::string marks;
  if (s.fragile) marks = tr("nest.mark_fragile");
  if (s.stale) marks += (marks.empty() ? "" : " · ") + tr("nest.mark_stale");
  return marks.empty() ? s.label : s.label + "\n" + marks;
}

ImVec2 NestOverlay::labelRoom() const {
  ImVec2 room(0, 0);
  for (const Slot& s : m_slots) {
    const ImVec2 size = ImGui::CalcTextSize(labelText(s).c_str());
    room.x = std::max(room.x, size.x);
    room.y = std::max(room.y, size.y);
  }
  return room;
}

}  // namespace nestmap
