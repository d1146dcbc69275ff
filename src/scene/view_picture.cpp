#include "scene/view_picture.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/graph_snapshot.hpp"
#include "core/date_text.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "layout/view_layout.hpp"

namespace nestmap {
namespace {

/// The convex hull of `points` (Andrew's monotone chain).
std::vector<Vec2> convexHull(std::vector<Vec2> points) {
  std::sort(points.begin(), points.end(), [](Vec2 a, Vec2 b) { return a.x != b.x ? a.x < b.x : a.y < b.y; });
  if (points.size() < 3) return points;
  auto cross = [](Vec2 o, Vec2 a, Vec2 b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); };
  std::vector<Vec2> hull(2 * points.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], points[i]) <= 0) --k;
    hull[k++] = points[i];
  }
  for (std::size_t i = points.size() - 1, lower = k + 1; i-- > 0;) {
    while (k >= lower && cross(hull[k - 2], hull[k - 1], points[i]) <= 0) --k;
    hull[k++] = points[i];
  }
  hull.resize(k - 1);
  return hull;
}

/// Pixels of the canvas, and node radii as drawn.
struct Projection {
  const Scene& scene;
  const Camera& camera;
  PixelRect canvas;
  float minNodePixels;
  Vec2 at(std::uint32_t node) const {
    return canvas.min + camera.toScreen(scene.nodes[node].position, {canvas.width(), canvas.height()});
  }
  double radius(std::uint32_t node) const {
    return std::max<double>(scene.nodes[node].radius * camera.zoom, minNodePixels);
  }
};

void composeHulls(DisplayListBuilder& out, const Projection& p, const ViewDecoration& d) {
  // Each agreement as a tinted area around its parties: all of them when the view asks for
  // areas, else only the one picked in the register, with its implied ties.
  const bool all = d.agreements == AgreementOverlay::Hulls;
  const RowId picked = d.selectedAgreement;
  if (!all && !picked) return;
  const float k = d.scale;
  auto hullOf = [&](const SceneAgreement& a, double pad) {
    std::vector<Vec2> points;
    for (std::uint32_t node : a.nodes) {
      const Vec2 c = p.at(node);
      const double r = p.radius(node) + pad;
      for (int i = 0; i < 16; ++i) {
        const double angle = i * 6.283185307179586 / 16;
        points.push_back({c.x + r * std::cos(angle), c.y + r * std::sin(angle)});
      }
    }
    return convexHull(std::move(points));
  };
  const SceneAgreement* chosen = nullptr;
  for (const SceneAgreement& a : p.scene.agreements) {
    if (a.agreementId == picked) chosen = &a;
    if (!all || a.agreementId == picked) continue;
    out.polygon(hullOf(a, 5 * k), rgba(a.color, 0.08f), rgba(a.color, 0.45f), 1.2f * k);
  }
  if (!picked) return;
  if (!chosen && d.allAgreements)  // stopped, or hidden by "only formal": the register still shows it on request
    for (const SceneAgreement& a : *d.allAgreements)
      if (a.agreementId == picked) chosen = &a;
  if (!chosen) return;
  out.polygon(hullOf(*chosen, 9 * k), rgba(chosen->color, 0.16f), rgba(chosen->color, 0.9f), 2.5f * k);
  // The ties the agreement implies: every pair of its parties, dashed.
  for (std::size_t i = 0; i < chosen->nodes.size(); ++i)
    for (std::size_t j = i + 1; j < chosen->nodes.size(); ++j)
      out.line(p.at(chosen->nodes[i]), p.at(chosen->nodes[j]), rgba(chosen->color, 0.95f), 2.0f * k,
               {8 * k, 5 * k});
}

void composePath(DisplayListBuilder& out, const Projection& p, const ViewDecoration& d) {
  // The way an introduction runs: a broad band from actor to actor, numbered steps.
  if (d.path.size() < 2) return;
  const float k = d.scale;
  std::vector<Vec2> points;
  for (RowId id : d.path)
    if (const auto i = p.scene.nodeOf(id); i >= 0) points.push_back(p.at(static_cast<std::uint32_t>(i)));
  if (points.size() < 2) return;
  const Rgba band = rgba(255, 140, 0, 150), edge = rgba(200, 95, 0);
  out.polyline(points, false, band, 9.0f * k);
  for (std::size_t i = 0; i < points.size(); ++i) {
    out.circle(points[i], 11.0 * k, {}, edge, 2.5f * k);
    out.text({points[i].x + 12 * k, points[i].y - 22 * k}, std::to_string(i), d.fontSize, edge, TextAlign::Left, true);
  }
}

void composeLabels(DisplayListBuilder& out, const Projection& p, const ViewDecoration& d) {
  // Most important first; a label is drawn only where no earlier one lies, checked in a
  // coarse grid of label-sized cells.
  const PixelRect& c = p.canvas;
  const double lineHeight = out.measure().measure("Hg", d.fontSize, false).y;
  const double cellW = 90.0 * d.scale, cellH = lineHeight + 4;
  const int columns = static_cast<int>(c.width() / cellW) + 2, rows = static_cast<int>(c.height() / cellH) + 2;
  std::vector<char> taken(static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows), 0);
  // Room for more names on a bigger picture: as many as fit in about a fifth of its cells.
  const int budget = std::max(400, columns * rows / 5);
  int drawn = 0;
  for (const SceneLabel& label : p.scene.labels) {
    const SceneNode& node = p.scene.nodes[label.node];
    const bool important = (node.flags & (SceneNode::Selected | SceneNode::Hovered | SceneNode::Highlighted)) != 0;
    if (!important && drawn > budget) continue;
    const Vec2 at = p.at(label.node) - c.min;
    if (at.x < -100 || at.y < 0 || at.x > c.width() + 100 || at.y > c.height()) continue;
    const Vec2 size = out.measure().measure(label.text, d.fontSize, false);
    const double x = at.x - size.x / 2, y = at.y + p.radius(label.node) + 2;
    const int c0 = std::max(0, static_cast<int>(x / cellW)), c1 = std::min(columns - 1, static_cast<int>((x + size.x) / cellW));
    const int r0 = std::clamp(static_cast<int>(y / cellH), 0, rows - 1);
    const int r1 = std::clamp(static_cast<int>((y + size.y) / cellH), 0, rows - 1);
    bool free = true;
    for (int r = r0; r <= r1; ++r)
      for (int col = c0; col <= c1; ++col) free = free && !taken[static_cast<std::size_t>(r * columns + col)];
    if (!free && !important) continue;
    for (int r = r0; r <= r1; ++r)
      for (int col = c0; col <= c1; ++col) taken[static_cast<std::size_t>(r * columns + col)] = 1;
    const Rgba color = (node.flags & SceneNode::Faded) ? rgba(0, 0, 0, 60) : rgba(20, 20, 20);
    out.labelText({c.min.x + at.x, c.min.y + y}, label.text, d.fontSize, color, rgba(255, 255, 255, 170), 2 * d.scale,
                  TextAlign::Center);
    ++drawn;
  }
}

void composeBadges(DisplayListBuilder& out, const Projection& p, const ViewDecoration& d) {
  // A small count at the upper right of every party: how many of the drawn agreements it is in.
  if (d.agreements != AgreementOverlay::Badges) return;
  std::vector<int> count(p.scene.nodes.size(), 0);
  for (const SceneAgreement& a : p.scene.agreements)
    for (std::uint32_t node : a.nodes) ++count[node];
  const float k = d.scale, size = d.fontSize * 0.72f;
  for (std::uint32_t i = 0; i < count.size(); ++i) {
    if (!count[i] || (p.scene.nodes[i].flags & SceneNode::Faded)) continue;
    const double radius = p.scene.nodes[i].radius * p.camera.zoom;
    if (radius < 6 * k) continue;  // too far out: badges would cover the map
    const Vec2 c = p.at(i) + Vec2{radius * 0.8, -radius * 0.8};
    if (!p.canvas.grown(20).contains(c)) continue;
    const std::string text = std::to_string(count[i]);
    const Vec2 extent = out.measure().measure(text, size, false);
    out.circle(c, std::max(extent.x, extent.y) / 2 + 2 * k, rgba(45, 45, 55, 230), {}, 1);
    out.text({c.x, c.y - extent.y / 2}, text, size, rgba(255, 255, 255), TextAlign::Center);
  }
}

/// The legend's rows: the scene's, and on a nest view what its marks mean.
std::vector<LegendEntry> legendRows(const Scene& scene, const ViewDecoration& d) {
  std::vector<LegendEntry> rows = scene.legend;
  if (d.nest && d.nest->active()) {
    bool fragile = false, stale = false, ghost = false;
    for (const NestOverlay::Slot& s : d.nest->slots()) {
      fragile = fragile || s.fragile;
      stale = stale || s.stale;
      ghost = ghost || s.ghost;
    }
    auto mark = [&](const char* key, Color color, bool dashed) {
      LegendEntry e;
      e.kind = LegendEntry::Kind::Edge;
      e.label = tr(key);
      e.color = color;
      e.dashed = dashed;
      e.radius = -1;  // a ring, not a line
      rows.push_back(std::move(e));
    };
    if (ghost) mark("nest.legend_ghost", Color{0x70, 0x70, 0x70}, true);
    if (fragile) mark("nest.legend_fragile", Color{200, 30, 30}, true);
    if (stale) mark("nest.legend_stale", Color{230, 150, 0}, false);
  }
  return rows;
}

struct LegendLayout {
  std::vector<LegendEntry> rows;
  std::vector<Vec2> at;  ///< each row's place within the entries' area
  float line = 0, pad = 0, swatch = 0, header = 0, full = 0;
};

LegendLayout layoutLegend(const Scene& scene, const ViewDecoration& d, double width, const TextMeasure& measure) {
  // Entries flowing left to right: the actors' kinds first, then the ties', then the marks.
  LegendLayout l;
  l.rows = legendRows(scene, d);
  if (l.rows.empty()) return l;
  const float k = d.scale;
  l.line = static_cast<float>(measure.measure("Hg", d.fontSize, false).y) + 4 * k;
  l.pad = 8 * k;
  l.swatch = 26 * k;
  const float gap = 16 * k;
  const double room = width - 2 * l.pad;
  double x = 0, y = 0;
  for (std::size_t i = 0; i < l.rows.size(); ++i) {
    const double w = l.swatch + measure.measure(l.rows[i].label, d.fontSize, false).x;
    const bool newKind = i > 0 && (l.rows[i].kind != l.rows[i - 1].kind || (l.rows[i].radius < 0) != (l.rows[i - 1].radius < 0));
    if (newKind || (x > 0 && x + w > room)) {
      x = 0;
      y += l.line;
    }
    l.at.push_back({x, y});
    x += w + gap;
  }
  // A header line (the canvas puts its show/hide button there).
  l.header = d.fontSize + 6 * k + 4;
  l.full = l.header + static_cast<float>(y) + l.line + 2 * l.pad;
  return l;
}

bool legendIsOpen(const LegendLayout& l, const ViewDecoration& d, const PixelRect& canvas) {
  return d.legendOpen.value_or(l.full <= canvas.height() / 3);
}

void composeLegend(DisplayListBuilder& out, const LegendLayout& l, const ViewDecoration& d, const PixelRect& canvas,
                   LegendPlacement& placed) {
  const bool open = legendIsOpen(l, d, canvas);
  const float height = open ? l.full : l.header + 4;
  const float k = d.scale;
  // On a whole pixel, so that its top line is one crisp row.
  const Vec2 corner{canvas.min.x, std::round(canvas.max.y - height)};
  placed = {{corner, canvas.max}, {corner.x + l.pad, corner.y + 4}, l.header, open, out.list().items.size()};
  out.rect(corner, canvas.max, rgba(255, 255, 255, 235));
  out.line({corner.x, corner.y + 0.5}, {canvas.max.x, corner.y + 0.5}, rgba(0, 0, 0, 40), 1);
  if (d.legendTitle) out.text(placed.header, tr("canvas.legend_title"), d.fontSize, rgba(30, 30, 30), TextAlign::Left, true);
  if (!open) return;
  const Vec2 entries{corner.x, corner.y + l.header};
  for (std::size_t i = 0; i < l.rows.size(); ++i) {
    const LegendEntry& e = l.rows[i];
    const Vec2 origin = entries + Vec2{l.pad + l.at[i].x, l.pad + l.at[i].y};
    const Vec2 mid = origin + Vec2{10 * k, l.line / 2 - 2 * k};
    const Rgba color = rgba(e.color);
    if (e.kind == LegendEntry::Kind::Edge && e.radius < 0) {
      out.circle(mid, 7 * k, {}, color, 2 * k, e.dashed ? Dash{4 * k, 2.5f * k} : Dash{});
    } else if (e.kind == LegendEntry::Kind::Edge) {
      out.line(mid - Vec2{10 * k, 0}, mid + Vec2{10 * k, 0}, color, 2.5f * k, e.dashed ? Dash{3 * k, 3 * k} : Dash{});
      if (e.arrow)
        out.polygon(std::vector<Vec2>{mid + Vec2{11 * k, 0}, mid + Vec2{4 * k, -4 * k}, mid + Vec2{4 * k, 4 * k}}, color);
    } else {
      out.marker(mid, 5.5 * k, e.shape, color, rgba(Color{}, 0.3f), 1);
    }
    out.text({origin.x + l.swatch, origin.y}, e.label, d.fontSize, rgba(30, 30, 30));
  }
}

}  // namespace

float legendHeight(const Scene& scene, const ViewDecoration& d, const PixelRect& canvas, const TextMeasure& measure) {
  if (!d.legend) return 0;
  const LegendLayout l = layoutLegend(scene, d, canvas.width(), measure);
  if (l.rows.empty()) return 0;
  return legendIsOpen(l, d, canvas) ? l.full : l.header + 4;
}

void fitView(Camera& camera, const Scene& scene, const ViewDecoration& d, const PixelRect& canvas, double topRoom,
             const TextMeasure& measure) {
  const double legend = legendHeight(scene, d, canvas, measure);
  const double k = d.scale;
  if (d.nest && d.nest->active() && d.nest->outerRing() > 0) {
    // A nest: its rings in the middle, with room for the categories' names around them.
    const double radius = d.nest->outerRing();
    const Vec2 room = d.nest->labelRoom(measure, d.fontSize);
    const double width = canvas.width() - 2 * (room.x + 40 * k);
    const double height = canvas.height() - legend - 2 * (room.y + 30 * k) - topRoom;
    camera.center = {0, 0};
    camera.zoom = std::clamp(std::min(width, height) / (2 * radius), 1e-4, 1e5);
    camera.center.y -= (legend - topRoom) / 2 / camera.zoom;
    return;
  }
  camera.fit(scene.min, scene.max, {canvas.width(), std::max(canvas.height() - legend - topRoom, 50.0)});
  camera.center.y -= (legend - topRoom) / 2 / camera.zoom;
}

LegendPlacement composeView(DisplayListBuilder& out, const Scene& scene, const Camera& camera,
                            const PixelRect& canvas, const ViewDecoration& d) {
  DisplayList& list = out.list();
  list.graph.scene = &scene;
  list.graph.camera = camera;
  list.graph.viewport = canvas;
  list.graph.minNodePixels = d.minNodePixels;
  out.pushClip(canvas);
  const Projection p{scene, camera, canvas, d.minNodePixels};
  composeHulls(out, p, d);
  if (d.nest) d.nest->compose(out, camera, canvas, d.scale, d.fontSize, d.nestHighlight);
  composePath(out, p, d);
  composeLabels(out, p, d);
  composeBadges(out, p, d);
  LegendPlacement placed;
  placed.firstItem = list.items.size();
  if (d.legend) {
    const LegendLayout l = layoutLegend(scene, d, canvas.width(), out.measure());
    if (!l.rows.empty()) composeLegend(out, l, d, canvas, placed);
  }
  out.popClip();
  return placed;
}

DisplayList pictureOfView(const Model& model, const PictureRequest& request, const TextMeasure& measure) {
  const View* view = model.views.find(request.viewId);
  if (!view) throw UserError(UserError::Kind::InvalidInput, trf("export.no_view", {std::to_string(request.viewId)}));
  // A view whose actors mostly have no place is laid out in memory, as the canvas would show it.
  const Model* shown = &model;
  Model laidOut;
  {
    auto placed = model.positions.find(view->id);
    const std::size_t count = placed == model.positions.end() ? 0 : placed->second.size();
    if (!model.actors.empty() && count * 2 < model.actors.size() && (count == 0 || view->layout.empty())) {
      laidOut = model;
      ViewLayoutRequest layout;
      const ViewLayout result = layoutView(model, view->id, layout);
      for (const auto& [actorId, at] : result.placement)
        if (at) laidOut.positions[view->id][actorId] = *at;
      shown = &laidOut;
    }
  }
  const ViewOptions options =
      request.options.value_or(viewOptionsFromJson(model, view->filterJson, view->decorationJson));
  SceneOptions sceneOptions;
  sceneOptions.viewId = view->id;
  applyViewOptions(model, options, sceneOptions);
  if (needsMetric(options)) sceneOptions.metric = actorMetric(model, options.metric);
  if (needsCommunities(options)) sceneOptions.community = actorCommunities(model);
  if (request.asOf) sceneOptions.asOf = request.asOf;
  sceneOptions.compareWith = request.compareWith;
  sceneOptions.focus = std::nullopt;

  auto builder = std::make_shared<SceneBuilder>();
  const Scene& scene = builder->build(*shown, 1, sceneOptions);
  NestOverlay nest;
  nest.update(*shown, 1, view->id, request.asOf);

  DisplayList list;
  list.size = {request.width, request.height};
  list.title = view->name;
  DisplayListBuilder out(list, measure);
  // Text readable at the picture's size: the window's 17 px on a 935 px high picture, more on bigger ones.
  const float fontSize = request.fontSize > 0
                             ? request.fontSize
                             : std::max(10.0f, static_cast<float>(std::min(request.height / 55, request.width / 40)));
  const float scale = fontSize / 17.0f;
  double band = 0;
  if (request.titleBand) {
    const float pad = 14 * scale, heading = fontSize * 1.6f;
    band = std::round(heading * 1.25 + fontSize * 1.25 + 2 * pad + pad / 3);
    std::string subtitle = model.info.name + "  ·  " + trf("export.as_of", {longDate(request.asOf.value_or(Date::today()))});
    if (request.compareWith) subtitle += "  ·  " + trf("canvas.compared_with", {longDate(*request.compareWith)});
    out.rect({0, 0}, {request.width, band}, rgba(255, 255, 255));
    out.line({0, band - 0.5}, {request.width, band - 0.5}, rgba(0, 0, 0, 60), 1);
    out.text({pad, pad}, view->name, heading, rgba(20, 20, 20), TextAlign::Left, true);
    out.text({pad, pad + heading * 1.25 + pad / 3}, subtitle, fontSize, rgba(80, 80, 80));
  }
  const PixelRect canvas{{0, band}, {request.width, request.height}};
  ViewDecoration d;
  d.scale = scale;
  d.fontSize = fontSize;
  d.minNodePixels = 5 * scale;
  d.agreements = options.agreements;
  d.allAgreements = &builder->allAgreements();
  d.path = request.path;
  d.nest = nest.active() ? &nest : nullptr;
  d.legendOpen = true;
  d.legendTitle = true;
  Camera camera;
  fitView(camera, scene, d, canvas, 0, measure);
  composeView(out, scene, camera, canvas, d);
  // The scene lives as long as the list (its builder owns it).
  list.graph.owned = std::shared_ptr<const Scene>(builder, &builder->scene());
  list.graph.scene = list.graph.owned.get();
  return list;
}

}  // namespace nestmap
