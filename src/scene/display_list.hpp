#pragma once
// [SECTION] DisplayList: every primitive of one picture, in pixels, for any renderer
// [SECTION] TextMeasure: how large a text is in the renderer's font
// [SECTION] DisplayListBuilder: adds primitives clipped and bounded

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "layout/layout_types.hpp"
#include "scene/camera.hpp"
#include "scene/scene.hpp"

namespace nestmap {

// ---------------------------------------------------------------------------
// [SECTION] DisplayList

/// A colour with alpha, 0–255 each.
struct Rgba {
  std::uint8_t r = 0, g = 0, b = 0, a = 0;
  friend bool operator==(const Rgba&, const Rgba&) = default;
};
inline Rgba rgba(Color c, float alpha = 1.0f) {
  return {c.r, c.g, c.b, static_cast<std::uint8_t>(alpha <= 0 ? 0 : alpha >= 1 ? 255 : alpha * 255 + 0.5f)};
}
inline Rgba rgba(int r, int g, int b, int a = 255) {
  return {static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g), static_cast<std::uint8_t>(b),
          static_cast<std::uint8_t>(a)};
}

/// An axis-aligned rectangle in pixels (y down).
struct PixelRect {
  Vec2 min, max;
  double width() const { return max.x - min.x; }
  double height() const { return max.y - min.y; }
  bool contains(Vec2 p) const { return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y; }
  bool overlaps(const PixelRect& o) const {
    return o.min.x <= max.x && o.max.x >= min.x && o.min.y <= max.y && o.max.y >= min.y;
  }
  PixelRect grown(double by) const { return {{min.x - by, min.y - by}, {max.x + by, max.y + by}}; }
};

enum class TextAlign : std::uint8_t { Left, Center, Right };

/// One primitive. Coordinates are pixels of the picture, y down.
struct DisplayItem {
  enum class Kind : std::uint8_t {
    Path,    ///< points [first, first + count) of DisplayList::points; filled and/or stroked
    Marker,  ///< an actor's shape (Shape) around `a` with `radius`: the circle, square, … of the canvas
    Rect,    ///< from `a` to `b`, corners rounded by `radius`
    Text,    ///< DisplayList::texts[first] at `a`: x the left edge, middle or right edge (`align`), y the top
  };
  Kind kind = Kind::Path;
  bool closed = false;  ///< Path: the last point joins the first
  bool bold = false;    ///< Text
  bool crisp = false;   ///< Path: filled without antialiasing, so that shapes sharing an edge meet without a seam
  TextAlign align = TextAlign::Left;
  Shape shape = Shape::Circle;  ///< Marker
  std::uint8_t clip = 0;        ///< index into DisplayList::clips
  Rgba fill, stroke;            ///< alpha 0: none
  float width = 1;              ///< stroke width in pixels
  float radius = 0;             ///< Marker: radius; Rect: corner radius; Text: font size in pixels
  Vec2 a, b;
  std::uint32_t first = 0, count = 0;
};

/// The actors and ties of a scene, drawn inside `viewport` as `camera` sees them. Each renderer
/// draws them its own way (the canvas with instanced OpenGL, cairo shape by shape), with the
/// same shapes, colours, widths, dashes and arrowheads, culled and clipped to the viewport.
struct GraphLayer {
  std::shared_ptr<const Scene> owned;  ///< set when the list outlives the scene's builder (exports)
  const Scene* scene = nullptr;
  Camera camera;
  PixelRect viewport;
  float minNodePixels = 5;  ///< actors are never drawn smaller than this radius
};

/// Everything one picture shows: a background, the graph, then the items in order on top of it.
struct DisplayList {
  Vec2 size;  ///< the picture, in pixels
  Rgba background = rgba(255, 255, 255);
  GraphLayer graph;
  std::vector<DisplayItem> items;
  std::vector<Vec2> points;
  std::vector<std::string> texts;
  std::vector<PixelRect> clips;  ///< clips[0]: the whole picture
  std::string title;             ///< for a document's metadata (PDF, SVG)
};

/// The outline of an actor's shape around `centre` with `radius`, as the canvas's node shader draws
/// it (pixels, y down): a polygon, or 48 points for a circle.
std::vector<Vec2> markerOutline(Shape shape, Vec2 centre, double radius);

/// The pixels a tie runs through: its quadratic curve from `from` to `to` bent by `curve` × its
/// length (SceneEdge::curve; y down), as `segments` + 1 points.
void tieCurve(Vec2 from, Vec2 to, double curve, int segments, std::vector<Vec2>& out);

// ---------------------------------------------------------------------------
// [SECTION] TextMeasure

/// The size in pixels of a text as a renderer will draw it ('\n' starts a line).
class TextMeasure {
 public:
  virtual ~TextMeasure() = default;
  virtual Vec2 measure(std::string_view text, float size, bool bold) const = 0;
};

/// A measure for tests and for pictures without a font: 0.55 × size per character, 1.25 × size per line.
class ApproximateMeasure final : public TextMeasure {
 public:
  Vec2 measure(std::string_view text, float size, bool bold) const override;
};

// ---------------------------------------------------------------------------
// [SECTION] DisplayListBuilder

/// A dash pattern in pixels; on = 0: solid.
struct Dash {
  float on = 0, off = 0;
};

/// Adds primitives to a list, each clipped to the current clip rectangle and bounded: a line,
/// a dashed line or an arc is cut to what is visible first, so that no primitive has more points
/// or dashes than its visible length allows, whatever the zoom and the picture's size.
class DisplayListBuilder {
 public:
  /// Points per pixel of visible arc is at most this many (and per arc at most kMaxArcPoints).
  static constexpr int kMaxArcPoints = 4096;

  DisplayListBuilder(DisplayList& list, const TextMeasure& measure);
  DisplayList& list() { return m_list; }
  const TextMeasure& measure() const { return m_measure; }

  /// Clips what follows to `rect` (within the picture) until popClip().
  void pushClip(const PixelRect& rect);
  void popClip();
  const PixelRect& clip() const { return m_clipRect.back(); }

  void line(Vec2 a, Vec2 b, Rgba color, float width, Dash dash = {});
  /// An open or closed polyline, stroked; dashed continuously along it.
  void polyline(std::span<const Vec2> points, bool closed, Rgba color, float width, Dash dash = {});
  /// A filled polygon (clipped to the clip rectangle), optionally outlined; `crisp`: DisplayItem::crisp.
  void polygon(std::span<const Vec2> points, Rgba fill, Rgba stroke = {}, float width = 1, bool crisp = false);
  /// A circle of any radius: small ones as a marker, large ones as the arc that is visible.
  void circle(Vec2 centre, double radius, Rgba fill, Rgba stroke, float width, Dash dash = {});
  /// An actor's shape; `stroke` outlines it.
  void marker(Vec2 centre, double radius, Shape shape, Rgba fill, Rgba stroke = {}, float width = 1);
  /// The shape's outline, dashed (ghost slots).
  void dashedMarker(Vec2 centre, double radius, Shape shape, Rgba stroke, float width, Dash dash);
  void rect(Vec2 min, Vec2 max, Rgba fill, Rgba stroke = {}, float width = 1, float rounding = 0);
  /// Text with its top at `at.y`; skipped when it lies wholly outside the clip rectangle.
  /// Returns its size.
  Vec2 text(Vec2 at, std::string_view text, float size, Rgba color, TextAlign align = TextAlign::Left,
            bool bold = false);
  /// Text on a rounded, translucent box `pad` pixels around it.
  Vec2 labelText(Vec2 at, std::string_view text, float size, Rgba color, Rgba box, float pad,
                 TextAlign align = TextAlign::Left, bool bold = false);

 private:
  /// An item of `kind` in the current clip rectangle.
  DisplayItem newItem(DisplayItem::Kind kind, Rgba fill, Rgba stroke, float width) const;
  void addPath(std::span<const Vec2> points, bool closed, Rgba fill, Rgba stroke, float width);
  /// Appends the visible runs of the segment a→b to m_run, flushing a run when the segment leaves.
  void strokeSegments(std::span<const Vec2> points, bool closed, Rgba color, float width, Dash dash);

  DisplayList& m_list;
  const TextMeasure& m_measure;
  std::vector<PixelRect> m_clipRect;
  std::vector<std::uint8_t> m_clipIndex;
};

/// Cuts the segment a→b to `rect` (Liang–Barsky); false when nothing of it is inside.
bool clipSegment(Vec2& a, Vec2& b, const PixelRect& rect);

}  // namespace nestmap
