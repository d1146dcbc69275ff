#include "scene/display_list.hpp"

#include <algorithm>
#include <cmath>

namespace nestmap {
namespace {

constexpr double kPi = 3.14159265358979323846;

double distance(Vec2 a, Vec2 b) { return std::hypot(b.x - a.x, b.y - a.y); }

/// Sutherland–Hodgman: `points` cut to the half-plane where `inside` holds.
template <class Inside, class Cut>
void clipEdge(std::vector<Vec2>& points, Inside inside, Cut cut) {
  if (points.empty()) return;
  std::vector<Vec2> out;
  out.reserve(points.size() + 4);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Vec2 p = points[i], q = points[(i + 1) % points.size()];
    const bool pin = inside(p), qin = inside(q);
    if (pin) out.push_back(p);
    if (pin != qin) out.push_back(cut(p, q));
  }
  points = std::move(out);
}

std::vector<Vec2> clipPolygon(std::span<const Vec2> polygon, const PixelRect& r) {
  std::vector<Vec2> points(polygon.begin(), polygon.end());
  auto atX = [](Vec2 p, Vec2 q, double x) {
    const double t = (x - p.x) / (q.x - p.x);
    return Vec2{x, p.y + (q.y - p.y) * t};
  };
  auto atY = [](Vec2 p, Vec2 q, double y) {
    const double t = (y - p.y) / (q.y - p.y);
    return Vec2{p.x + (q.x - p.x) * t, y};
  };
  clipEdge(points, [&](Vec2 p) { return p.x >= r.min.x; }, [&](Vec2 p, Vec2 q) { return atX(p, q, r.min.x); });
  clipEdge(points, [&](Vec2 p) { return p.x <= r.max.x; }, [&](Vec2 p, Vec2 q) { return atX(p, q, r.max.x); });
  clipEdge(points, [&](Vec2 p) { return p.y >= r.min.y; }, [&](Vec2 p, Vec2 q) { return atY(p, q, r.min.y); });
  clipEdge(points, [&](Vec2 p) { return p.y <= r.max.y; }, [&](Vec2 p, Vec2 q) { return atY(p, q, r.max.y); });
  return points;
}

bool finite(Vec2 p) { return std::isfinite(p.x) && std::isfinite(p.y); }

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] DisplayList

std::vector<Vec2> markerOutline(Shape shape, Vec2 c, double r) {
  // The node shader's signed distances, as polygons: y down here, up there.
  switch (shape) {
    case Shape::Square: {
      const double h = 0.86 * r;
      return {{c.x - h, c.y - h}, {c.x + h, c.y - h}, {c.x + h, c.y + h}, {c.x - h, c.y + h}};
    }
    case Shape::Diamond: {
      const double h = 1.2 * r;
      return {{c.x, c.y - h}, {c.x + h, c.y}, {c.x, c.y + h}, {c.x - h, c.y}};
    }
    case Shape::Triangle:
      return {{c.x, c.y - 1.040 * r}, {c.x + 1.15 * r, c.y + 0.951 * r}, {c.x - 1.15 * r, c.y + 0.951 * r}};
    case Shape::Hexagon: {
      const double apothem = 0.95 * r, corner = apothem / std::cos(kPi / 6);
      return {{c.x + corner, c.y},           {c.x + corner / 2, c.y + apothem}, {c.x - corner / 2, c.y + apothem},
              {c.x - corner, c.y},           {c.x - corner / 2, c.y - apothem}, {c.x + corner / 2, c.y - apothem}};
    }
    case Shape::Circle:
      break;
  }
  std::vector<Vec2> points(48);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double a = 2 * kPi * static_cast<double>(i) / static_cast<double>(points.size());
    points[i] = {c.x + r * std::cos(a), c.y + r * std::sin(a)};
  }
  return points;
}

void tieCurve(Vec2 from, Vec2 to, double curve, int segments, std::vector<Vec2>& out) {
  out.clear();
  const Vec2 d = to - from;
  const double length = std::hypot(d.x, d.y);
  if (curve == 0 || length == 0 || segments < 2) {
    out = {from, to};
    return;
  }
  // Left of the direction from → to in layout space (y up) is right of it on screen (y down).
  const Vec2 normal{d.y / length, -d.x / length};
  const Vec2 control = (from + to) * 0.5 + normal * (curve * length);
  out.reserve(static_cast<std::size_t>(segments) + 1);
  for (int i = 0; i <= segments; ++i) {
    const double t = static_cast<double>(i) / segments, u = 1 - t;
    out.push_back(from * (u * u) + control * (2 * u * t) + to * (t * t));
  }
}

Vec2 ApproximateMeasure::measure(std::string_view text, float size, bool bold) const {
  double widest = 0, current = 0;
  int lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      widest = std::max(widest, current);
      current = 0;
      ++lines;
    } else if ((c & 0xC0) != 0x80) {
      current += size * (bold ? 0.6 : 0.55);
    }
  }
  return {std::max(widest, current), 1.25 * size * lines};
}

bool clipSegment(Vec2& a, Vec2& b, const PixelRect& r) {
  if (!finite(a) || !finite(b)) return false;
  double t0 = 0, t1 = 1;
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.x - r.min.x, r.max.x - a.x, a.y - r.min.y, r.max.y - a.y};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return false;
      continue;
    }
    const double t = q[i] / p[i];
    if (p[i] < 0)
      t0 = std::max(t0, t);
    else
      t1 = std::min(t1, t);
    if (t0 > t1) return false;
  }
  const Vec2 start{a.x + t0 * dx, a.y + t0 * dy};
  b = {a.x + t1 * dx, a.y + t1 * dy};
  a = start;
  return true;
}

// ---------------------------------------------------------------------------
// [SECTION] DisplayListBuilder

DisplayListBuilder::DisplayListBuilder(DisplayList& list, const TextMeasure& measure)
    : m_list(list), m_measure(measure) {
  if (m_list.clips.empty()) m_list.clips.push_back({{0, 0}, m_list.size});
  m_clipRect.push_back(m_list.clips.front());
  m_clipIndex.push_back(0);
}

void DisplayListBuilder::pushClip(const PixelRect& rect) {
  const PixelRect& outer = m_clipRect.back();
  PixelRect inner{{std::max(rect.min.x, outer.min.x), std::max(rect.min.y, outer.min.y)},
                  {std::min(rect.max.x, outer.max.x), std::min(rect.max.y, outer.max.y)}};
  inner.max = {std::max(inner.max.x, inner.min.x), std::max(inner.max.y, inner.min.y)};
  // At most 255 clip rectangles per list: beyond that the outer one is reused (drawing less tightly clipped).
  if (m_list.clips.size() < 255) {
    m_list.clips.push_back(inner);
    m_clipIndex.push_back(static_cast<std::uint8_t>(m_list.clips.size() - 1));
  } else {
    m_clipIndex.push_back(m_clipIndex.back());
  }
  m_clipRect.push_back(inner);
}

void DisplayListBuilder::popClip() {
  if (m_clipRect.size() > 1) {
    m_clipRect.pop_back();
    m_clipIndex.pop_back();
  }
}

DisplayItem DisplayListBuilder::newItem(DisplayItem::Kind kind, Rgba fill, Rgba stroke, float width) const {
  DisplayItem item;
  item.kind = kind;
  item.fill = fill;
  item.stroke = stroke;
  item.width = width;
  item.clip = m_clipIndex.back();
  return item;
}

void DisplayListBuilder::addPath(std::span<const Vec2> points, bool closed, Rgba fill, Rgba stroke, float width) {
  if (points.size() < 2 || (fill.a == 0 && stroke.a == 0)) return;
  DisplayItem item = newItem(DisplayItem::Kind::Path, fill, stroke, width);
  item.closed = closed;
  item.first = static_cast<std::uint32_t>(m_list.points.size());
  item.count = static_cast<std::uint32_t>(points.size());
  m_list.points.insert(m_list.points.end(), points.begin(), points.end());
  m_list.items.push_back(item);
}

void DisplayListBuilder::strokeSegments(std::span<const Vec2> points, bool closed, Rgba color, float width,
                                        Dash dash) {
  if (points.size() < 2 || color.a == 0 || !(width > 0)) return;
  const PixelRect bounds = m_clipRect.back().grown(width + 2.0);
  const bool dashed = dash.on > 0 && dash.off > 0;
  const double period = dash.on + dash.off;
  double along = 0;  // pixels along the whole polyline so far, for the dash phase
  std::vector<Vec2> run;
  auto flush = [&] {
    if (run.size() >= 2) addPath(run, false, {}, color, width);
    run.clear();
  };
  const std::size_t segments = closed ? points.size() : points.size() - 1;
  for (std::size_t i = 0; i < segments; ++i) {
    const Vec2 p = points[i], q = points[(i + 1) % points.size()];
    const double length = distance(p, q);
    Vec2 a = p, b = q;
    if (!std::isfinite(length) || !clipSegment(a, b, bounds)) {
      flush();
      if (std::isfinite(length)) along += length;
      continue;
    }
    if (!dashed) {
      if (run.empty() || distance(run.back(), a) > 1e-6) {
        flush();
        run.push_back(a);
      }
      run.push_back(b);
      if (b.x != q.x || b.y != q.y) flush();  // left the clip rectangle
      along += length;
      continue;
    }
    // Dashes only over the visible part, keeping the phase of the whole line.
    const double start = along + distance(p, a), end = along + distance(p, b);
    const Vec2 dir = length > 0 ? (q - p) * (1.0 / length) : Vec2{0, 0};
    double t = start;
    while (t < end) {
      const double inPeriod = std::fmod(t, period);
      if (inPeriod < dash.on) {
        const double stop = std::min(end, t + (dash.on - inPeriod));
        const Vec2 from = p + dir * (t - along), to = p + dir * (stop - along);
        const Vec2 piece[2] = {from, to};
        addPath(piece, false, {}, color, width);
        t = stop;
      } else {
        t += period - inPeriod;
      }
    }
    along += length;
  }
  flush();
}

void DisplayListBuilder::line(Vec2 a, Vec2 b, Rgba color, float width, Dash dash) {
  const Vec2 points[2] = {a, b};
  strokeSegments(points, false, color, width, dash);
}

void DisplayListBuilder::polyline(std::span<const Vec2> points, bool closed, Rgba color, float width, Dash dash) {
  strokeSegments(points, closed, color, width, dash);
}

void DisplayListBuilder::polygon(std::span<const Vec2> points, Rgba fill, Rgba stroke, float width, bool crisp) {
  if (points.size() < 3) return;
  for (const Vec2& p : points)
    if (!finite(p)) return;
  if (fill.a > 0) {
    const std::vector<Vec2> clipped = clipPolygon(points, m_clipRect.back().grown(2));
    const std::size_t before = m_list.items.size();
    addPath(clipped, true, fill, {}, width);
    if (m_list.items.size() > before) m_list.items.back().crisp = crisp;
  }
  if (stroke.a > 0) strokeSegments(points, true, stroke, width, {});
}

void DisplayListBuilder::circle(Vec2 c, double r, Rgba fill, Rgba stroke, float width, Dash dash) {
  if (!finite(c) || !std::isfinite(r) || r <= 0) return;
  const PixelRect& clip = m_clipRect.back();
  const PixelRect bounds = clip.grown(width + 2.0);
  // Nothing to draw when the circle lies outside, or (unfilled) wholly around the visible part.
  const Vec2 nearest{std::clamp(c.x, bounds.min.x, bounds.max.x), std::clamp(c.y, bounds.min.y, bounds.max.y)};
  if (distance(c, nearest) > r) return;
  double farthest = 0;
  for (Vec2 corner : {bounds.min, bounds.max, Vec2{bounds.min.x, bounds.max.y}, Vec2{bounds.max.x, bounds.min.y}})
    farthest = std::max(farthest, distance(c, corner));
  if (fill.a == 0 && farthest < r - width) return;
  const double span = std::max(clip.width(), clip.height());
  const bool dashed = dash.on > 0 && dash.off > 0;
  if (!dashed && r <= 2 * span) {
    marker(c, r, Shape::Circle, fill, stroke, width);
    return;
  }
  // The arc that can be visible: all of it around a centre inside, else the angles the rectangle spans.
  double from = 0, to = 2 * kPi;
  if (!bounds.contains(c)) {
    const double mid = std::atan2((bounds.min.y + bounds.max.y) / 2 - c.y, (bounds.min.x + bounds.max.x) / 2 - c.x);
    double lo = 0, hi = 0;
    for (Vec2 corner : {bounds.min, bounds.max, Vec2{bounds.min.x, bounds.max.y}, Vec2{bounds.max.x, bounds.min.y}}) {
      double d = std::atan2(corner.y - c.y, corner.x - c.x) - mid;
      while (d > kPi) d -= 2 * kPi;
      while (d < -kPi) d += 2 * kPi;
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
    from = mid + lo;
    to = mid + hi;
  }
  const double arc = r * (to - from);
  const int n = static_cast<int>(std::clamp(std::ceil(arc / 3.0), 12.0, static_cast<double>(kMaxArcPoints)));
  std::vector<Vec2> points(static_cast<std::size_t>(n) + 1);
  for (int i = 0; i <= n; ++i) {
    const double a = from + (to - from) * i / n;
    points[static_cast<std::size_t>(i)] = {c.x + r * std::cos(a), c.y + r * std::sin(a)};
  }
  const bool whole = to - from >= 2 * kPi - 1e-9;
  if (whole) points.pop_back();
  if (fill.a > 0) {
    std::vector<Vec2> area = points;
    if (!whole) area.push_back(c);
    const std::vector<Vec2> clipped = clipPolygon(area, clip.grown(2));
    addPath(clipped, true, fill, {}, width);
  }
  strokeSegments(points, whole, stroke, width, dash);
}

void DisplayListBuilder::marker(Vec2 c, double r, Shape shape, Rgba fill, Rgba stroke, float width) {
  if (!finite(c) || !std::isfinite(r) || r <= 0 || (fill.a == 0 && stroke.a == 0)) return;
  const double reach = 1.25 * r + width + 2;
  if (!m_clipRect.back().overlaps({{c.x - reach, c.y - reach}, {c.x + reach, c.y + reach}})) return;
  DisplayItem item = newItem(DisplayItem::Kind::Marker, fill, stroke, width);
  item.shape = shape;
  item.a = c;
  item.radius = static_cast<float>(r);
  m_list.items.push_back(item);
}

void DisplayListBuilder::dashedMarker(Vec2 c, double r, Shape shape, Rgba stroke, float width, Dash dash) {
  if (shape == Shape::Circle) {
    circle(c, r, {}, stroke, width, dash);
    return;
  }
  const std::vector<Vec2> outline = markerOutline(shape, c, r);
  strokeSegments(outline, true, stroke, width, dash);
}

void DisplayListBuilder::rect(Vec2 min, Vec2 max, Rgba fill, Rgba stroke, float width, float rounding) {
  if (!finite(min) || !finite(max) || (fill.a == 0 && stroke.a == 0)) return;
  const PixelRect r{{std::min(min.x, max.x), std::min(min.y, max.y)}, {std::max(min.x, max.x), std::max(min.y, max.y)}};
  const PixelRect bounds = m_clipRect.back().grown(width + 2.0);
  if (!bounds.overlaps(r)) return;
  DisplayItem item = newItem(DisplayItem::Kind::Rect, fill, stroke, width);
  // Cut to just beyond the clip rectangle, so that renderers never see huge coordinates.
  item.a = {std::max(r.min.x, bounds.min.x), std::max(r.min.y, bounds.min.y)};
  item.b = {std::min(r.max.x, bounds.max.x), std::min(r.max.y, bounds.max.y)};
  item.radius = rounding;
  m_list.items.push_back(item);
}

Vec2 DisplayListBuilder::text(Vec2 at, std::string_view text, float size, Rgba color, TextAlign align, bool bold) {
  const Vec2 extent = m_measure.measure(text, size, bold);
  if (text.empty() || color.a == 0 || !finite(at) || !(size > 0)) return extent;
  const double left = align == TextAlign::Left ? at.x : align == TextAlign::Center ? at.x - extent.x / 2 : at.x - extent.x;
  if (!m_clipRect.back().overlaps({{left, at.y}, {left + extent.x, at.y + extent.y}})) return extent;
  DisplayItem item = newItem(DisplayItem::Kind::Text, color, {}, 1);
  item.a = at;
  item.b = extent;
  item.radius = size;
  item.bold = bold;
  item.align = align;
  item.first = static_cast<std::uint32_t>(m_list.texts.size());
  m_list.texts.emplace_back(text);
  m_list.items.push_back(item);
  return extent;
}

Vec2 DisplayListBuilder::labelText(Vec2 at, std::string_view text, float size, Rgba color, Rgba box, float pad,
                                   TextAlign align, bool bold) {
  const Vec2 extent = m_measure.measure(text, size, bold);
  const double left = align == TextAlign::Left ? at.x : align == TextAlign::Center ? at.x - extent.x / 2 : at.x - extent.x;
  rect({left - pad, at.y - pad / 2}, {left + extent.x + pad, at.y + extent.y + pad / 2}, box, {}, 1, pad * 1.5f);
  return this->text(at, text, size, color, align, bold);
}

}  // namespace nestmap
