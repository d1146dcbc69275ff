#include "scene/nest_overlay.hpp"

#include <algorithm>
#include <cmath>

#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "core/text.hpp"

namespace nestmap {
namespace {

constexpr double kPi = 3.14159265358979323846;

Rgba statusColor(CoverageStatus status) {
  switch (status) {
    case CoverageStatus::Formalised:
      return rgba(34, 139, 34);
    case CoverageStatus::Informal:
      return rgba(196, 128, 0);
    case CoverageStatus::Missing:
      break;
  }
  return rgba(200, 40, 40);
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

void NestOverlay::compose(DisplayListBuilder& out, const Camera& camera, const PixelRect& canvas, float k,
                          float fontSize, RowId highlight) const {
  if (!active()) return;
  const Vec2 canvasSize{canvas.width(), canvas.height()};
  auto screen = [&](Vec2 world) { return canvas.min + camera.toScreen(world, canvasSize); };
  auto positionOf = [&](RowId id) -> std::optional<Vec2> {
    auto it = std::lower_bound(m_positions.begin(), m_positions.end(), id,
                               [](const auto& p, RowId key) { return p.first < key; });
    if (it == m_positions.end() || it->first != id) return std::nullopt;
    return it->second;
  };
  const Vec2 centre = screen({0, 0});
  const double zoom = camera.zoom;
  const double outer = m_rings.empty() ? 10 * zoom : m_rings.back() * zoom + 24 * k;
  const double inner = m_rings.empty() ? 0 : m_rings.front() * zoom;

  // Faint rings and the borders between wedges.
  for (double ring : m_rings) out.circle(centre, ring * zoom, {}, rgba(0, 0, 0, 28), 1.0f * k);
  const std::size_t n = m_slots.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double border = m_slots[i].midAngle + kPi / static_cast<double>(n);
    const Vec2 dir{std::cos(border), -std::sin(border)};
    out.line(centre + dir * inner, centre + dir * outer, rgba(0, 0, 0, 22), 1.0f * k);
  }
  // The highlighted wedge, tinted.
  for (const Slot& s : m_slots) {
    if (s.categoryId != highlight) continue;
    const double half = kPi / static_cast<double>(n);
    std::vector<Vec2> fan{centre + Vec2{std::cos(s.midAngle), -std::sin(s.midAngle)} * (inner * 0.2)};
    for (int j = 0; j <= 16; ++j) {
      const double a = s.midAngle - half + 2 * half * j / 16.0;
      fan.push_back(centre + Vec2{std::cos(a), -std::sin(a)} * outer);
    }
    out.polygon(fan, rgba(s.color, 0.12f));
  }
  // Fragile points: a dashed red ring; single ties: a dashed red line over the tie.
  const Rgba red = rgba(200, 30, 30, 230), amber = rgba(230, 150, 0, 230);
  const double ring = std::max(m_ghostRadius * zoom, 5.0 * k);
  for (RowId id : m_fragileActors)
    if (auto p = positionOf(id)) out.circle(screen(*p), ring + 6 * k, {}, red, 2.0f * k, {5 * k, 3 * k});
  for (const auto& [a, b] : m_fragileTies) {
    const auto pa = positionOf(a), pb = positionOf(b);
    if (pa && pb) out.line(screen(*pa), screen(*pb), red, 3.0f * k, {6 * k, 4 * k});
  }
  for (RowId id : m_staleActors)
    if (auto p = positionOf(id)) out.circle(screen(*p), ring + 10 * k, {}, amber, 2.0f * k);
  // Ghost slots: the category's shape, dashed and empty, in its colour, with a question mark.
  for (const Slot& s : m_slots) {
    if (!s.ghost) continue;
    const Vec2 c = screen(s.ghostPosition);
    const double r = std::max(m_ghostRadius * zoom * 1.4, 14.0 * k);
    out.dashedMarker(c, r, s.shape, rgba(s.color), 3.0f * k, {6 * k, 4 * k});
    const Vec2 q = out.measure().measure("?", fontSize, true);
    out.text({c.x, c.y - q.y / 2}, "?", fontSize, rgba(s.color), TextAlign::Center, true);
  }
  // Each wedge's category, outside the outer ring, coloured by coverage, with its marks.
  for (const Slot& s : m_slots) {
    const std::string text = labelText(s);
    const Vec2 textSize = out.measure().measure(text, fontSize, false);
    const double c = std::cos(s.midAngle), sn = std::sin(s.midAngle);
    const Vec2 anchor = centre + Vec2{c, -sn} * (outer + 6 * k);
    // Left of the centre the text ends at the anchor, right of it it starts there, so that
    // neighbours either side of the top and the bottom never cover each other.
    const TextAlign align = std::abs(c) < 0.02 ? TextAlign::Center : c > 0 ? TextAlign::Left : TextAlign::Right;
    const Vec2 at{anchor.x, anchor.y - textSize.y * (0.5 + 0.5 * sn)};
    out.labelText(at, text, fontSize, statusColor(s.status), rgba(255, 255, 255, 210), 3 * k, align);
  }
}

std::string NestOverlay::labelText(const Slot& s) {
  // The name, and under it what is wrong with the cell.
  std::string marks;
  if (s.fragile) marks = tr("nest.mark_fragile");
  if (s.stale) marks += (marks.empty() ? "" : " · ") + tr("nest.mark_stale");
  return marks.empty() ? s.label : s.label + "\n" + marks;
}

Vec2 NestOverlay::labelRoom(const TextMeasure& measure, float fontSize) const {
  Vec2 room{0, 0};
  for (const Slot& s : m_slots) {
    const Vec2 size = measure.measure(labelText(s), fontSize, false);
    room = {std::max(room.x, size.x), std::max(room.y, size.y)};
  }
  return room;
}

}  // namespace nestmap
