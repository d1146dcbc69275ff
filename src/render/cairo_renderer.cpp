#include "render/cairo_renderer.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <cmath>
#include <memory>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"

namespace nestmap {
namespace {

constexpr const char* kFontFamily = "DejaVu Sans";

void setColor(cairo_t* cr, Rgba c, double alphaFactor = 1) {
  cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0 * alphaFactor);
}

/// A pango layout of `text` at `size` pixels; invalid UTF-8 is shown escaped instead of dropped.
PangoLayout* makeLayout(PangoContext* context, std::string_view text, float size, bool bold, TextAlign align) {
  PangoLayout* layout = pango_layout_new(context);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, kFontFamily);
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  const std::string valid = isValidUtf8(text) ? std::string(text) : utf8Escaped(text);
  pango_layout_set_text(layout, valid.c_str(), static_cast<int>(valid.size()));
  pango_layout_set_alignment(layout, align == TextAlign::Left     ? PANGO_ALIGN_LEFT
                                     : align == TextAlign::Center ? PANGO_ALIGN_CENTER
                                                                  : PANGO_ALIGN_RIGHT);
  return layout;
}

struct LayoutDeleter {
  void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};

void pathOf(cairo_t* cr, const std::vector<Vec2>& points) {
  cairo_move_to(cr, points.front().x, points.front().y);
  for (std::size_t i = 1; i < points.size(); ++i) cairo_line_to(cr, points[i].x, points[i].y);
  cairo_close_path(cr);
}

void markerPath(cairo_t* cr, Shape shape, Vec2 c, double r) {
  if (shape == Shape::Circle) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, c.x, c.y, r, 0, 2 * M_PI);
    cairo_close_path(cr);
    return;
  }
  pathOf(cr, markerOutline(shape, c, r));
}

/// Beyond this many ties a raster draws them aliased (see drawEdges).
constexpr std::size_t kAliasedTies = 50'000;

/// How often a long loop looks at the cancel flag and reports progress.
constexpr std::size_t kCheckEvery = 4096;

class Painter {
 public:
  Painter(cairo_t* cr, const DisplayList& list, const RenderControl& control)
      : m_cr(cr), m_list(list), m_control(control) {}

  bool draw() {
    if (m_control.cancel && m_control.cancel->load()) return false;
    cairo_save(m_cr);
    // The picture's own area only: a list drawn into a box of a page leaves the rest of the page alone.
    cairo_rectangle(m_cr, 0, 0, m_list.size.x, m_list.size.y);
    setColor(m_cr, m_list.background);
    cairo_fill(m_cr);
    cairo_set_line_join(m_cr, CAIRO_LINE_JOIN_ROUND);
    const Scene* scene = m_list.graph.scene;
    m_total = m_list.items.size() + (scene ? scene->edges.size() + scene->nodes.size() : 0) + 1;
    const bool done = (!scene || drawGraph(*scene)) && drawItems();
    cairo_restore(m_cr);
    return done;
  }

 private:
  bool tick() {
    if (++m_done % kCheckEvery != 0) return true;
    if (m_control.progress)
      m_control.progress->store(m_control.share *
                                std::min(1.0, static_cast<double>(m_done) / static_cast<double>(m_total)));
    return !(m_control.cancel && m_control.cancel->load());
  }

  Vec2 screen(Vec2 world) const {
    const GraphLayer& g = m_list.graph;
    return g.viewport.min + g.camera.toScreen(world, {g.viewport.width(), g.viewport.height()});
  }

  bool drawGraph(const Scene& scene) {
    const GraphLayer& g = m_list.graph;
    cairo_save(m_cr);
    cairo_rectangle(m_cr, g.viewport.min.x, g.viewport.min.y, g.viewport.width(), g.viewport.height());
    cairo_clip(m_cr);
    const bool done = drawEdges(scene) && drawNodes(scene);
    cairo_restore(m_cr);
    return done;
  }

  /// How a tie is stroked: ties of one style go into one path, stroked once (a path per tie
  /// would cost cairo's per-stroke overhead half a million times on a large map).
  struct EdgeStyle {
    std::uint32_t color = 0;  ///< RGBA packed
    float width = 0;
    bool dashed = false;
    bool operator<(const EdgeStyle& o) const {
      return std::tie(color, width, dashed) < std::tie(o.color, o.width, o.dashed);
    }
  };
  struct Batch {
    std::vector<Vec2> points;         ///< pairs of consecutive points are runs' segments…
    std::vector<std::uint32_t> runs;  ///< …split into runs: the number of points of each
  };

  void strokeBatch(const EdgeStyle& style, Batch& batch) {
    if (batch.runs.empty()) return;
    std::size_t at = 0;
    for (std::uint32_t n : batch.runs) {
      cairo_move_to(m_cr, batch.points[at].x, batch.points[at].y);
      for (std::uint32_t i = 1; i < n; ++i) cairo_line_to(m_cr, batch.points[at + i].x, batch.points[at + i].y);
      at += n;
    }
    setColor(m_cr, {static_cast<std::uint8_t>(style.color >> 24), static_cast<std::uint8_t>(style.color >> 16),
                    static_cast<std::uint8_t>(style.color >> 8), static_cast<std::uint8_t>(style.color)});
    cairo_set_line_width(m_cr, style.width);
    const double dashes[2] = {6, 4};
    cairo_set_dash(m_cr, dashes, style.dashed ? 2 : 0, 0);
    cairo_stroke(m_cr);
    batch.points.clear();
    batch.runs.clear();
  }

  bool drawEdges(const Scene& scene) {
    // Ties as the edge shaders draw them: at least a pixel wide, planned ones dashed 6 on 4 off,
    // faded ones faint, highlighted ones darker, the selected one in the selection colour and
    // wider; arrowheads after all ties. Each tie is culled and clipped to the viewport first.
    const GraphLayer& g = m_list.graph;
    const double zoom = g.camera.zoom;
    // Raster surfaces tessellate a path's crossings: small batches; vector surfaces only write them out.
    const bool raster = cairo_surface_get_type(cairo_get_target(m_cr)) == CAIRO_SURFACE_TYPE_IMAGE;
    const std::size_t kBatchPoints = raster ? 512 : std::size_t{1} << 16;
    std::map<EdgeStyle, Batch> batches;
    // cairo's antialiased strokes cost about three times as much as aliased ones: on a raster with
    // more ties than a reader could follow (over 50,000), ties are drawn aliased; actors, labels
    // and everything else stay smooth.
    if (raster && scene.edges.size() > kAliasedTies) cairo_set_antialias(m_cr, CAIRO_ANTIALIAS_NONE);
    std::vector<Vec2> curve;
    std::vector<Vec2> arrows;  // tip, left, right per arrowhead
    std::vector<Rgba> arrowColors;
    for (const SceneEdge& e : scene.edges) {
      if (!tick()) return false;
      const SceneNode& a = scene.nodes[e.from];
      const SceneNode& b = scene.nodes[e.to];
      const Vec2 from = screen(a.position), to = screen(b.position);
      Rgba color = rgba(e.color);
      if (e.flags & SceneEdge::Faded) color.a = static_cast<std::uint8_t>(color.a * 0.12);
      if (e.flags & SceneEdge::Highlighted)
        color = {static_cast<std::uint8_t>(color.r * 0.6), static_cast<std::uint8_t>(color.g * 0.6),
                 static_cast<std::uint8_t>(color.b * 0.6), color.a};
      double width = std::max(e.width * zoom, 1.0);
      if (e.flags & SceneEdge::Selected) {
        color = rgba(16, 97, 217, color.a);
        width += 4;
      }
      const double length = std::hypot(to.x - from.x, to.y - from.y);
      const int segments = e.curve == 0 ? 1 : static_cast<int>(std::clamp(length / 8, 2.0, 16.0));
      tieCurve(from, to, e.curve, segments, curve);
      const PixelRect bounds = g.viewport.grown(width + 2);
      PixelRect box{curve.front(), curve.front()};
      for (const Vec2& p : curve)
        box = {{std::min(box.min.x, p.x), std::min(box.min.y, p.y)}, {std::max(box.max.x, p.x), std::max(box.max.y, p.y)}};
      if (!bounds.overlaps(box)) continue;  // nothing of the tie near the viewport
      const EdgeStyle style{(std::uint32_t{color.r} << 24) | (std::uint32_t{color.g} << 16) |
                                (std::uint32_t{color.b} << 8) | color.a,
                            static_cast<float>(width), (e.flags & SceneEdge::Dashed) != 0};
      Batch& batch = batches[style];
      std::size_t runStart = batch.points.size();
      auto endRun = [&] {
        const std::size_t n = batch.points.size() - runStart;
        if (n >= 2)
          batch.runs.push_back(static_cast<std::uint32_t>(n));
        else
          batch.points.resize(runStart);
        runStart = batch.points.size();
      };
      for (std::size_t i = 0; i + 1 < curve.size(); ++i) {
        Vec2 p = curve[i], q = curve[i + 1];
        if (!clipSegment(p, q, bounds)) {
          endRun();
          continue;
        }
        if (batch.points.size() == runStart) batch.points.push_back(p);
        batch.points.push_back(q);
        if (q.x != curve[i + 1].x || q.y != curve[i + 1].y) endRun();  // left the viewport
      }
      endRun();
      if (batch.points.size() >= kBatchPoints) strokeBatch(style, batch);
      if (e.flags & SceneEdge::Arrow) {
        const Vec2 control = curve.size() > 2 ? curve[curve.size() - 2] : from;
        const double dl = std::hypot(to.x - control.x, to.y - control.y);
        const Vec2 dir = dl > 0 ? (to - control) * (1 / dl) : Vec2{1, 0}, side{-dir.y, dir.x};
        const double size = std::max(e.width * zoom * 3, 7.0);
        const Vec2 tip = to - dir * (std::max<double>(b.radius * zoom, g.minNodePixels) * 1.05);
        if (dl > 0 && g.viewport.grown(size).contains(tip)) {
          const Vec2 base = tip - dir * size;
          arrows.insert(arrows.end(), {tip, base + side * (size / 2), base - side * (size / 2)});
          Rgba arrowColor = rgba(e.color);
          if (e.flags & SceneEdge::Faded) arrowColor.a = static_cast<std::uint8_t>(arrowColor.a * 0.12);
          arrowColors.push_back(arrowColor);
        }
      }
    }
    for (auto& [style, batch] : batches) strokeBatch(style, batch);
    cairo_set_antialias(m_cr, CAIRO_ANTIALIAS_DEFAULT);
    cairo_set_dash(m_cr, nullptr, 0, 0);
    for (std::size_t i = 0; i < arrowColors.size(); ++i) {
      const Vec2* t = &arrows[3 * i];
      cairo_move_to(m_cr, t[0].x, t[0].y);
      cairo_line_to(m_cr, t[1].x, t[1].y);
      cairo_line_to(m_cr, t[2].x, t[2].y);
      cairo_close_path(m_cr);
      // Consecutive arrowheads of one colour are filled at once.
      if (i + 1 == arrowColors.size() || !(arrowColors[i + 1] == arrowColors[i])) {
        setColor(m_cr, arrowColors[i]);
        cairo_fill(m_cr);
      }
    }
    return true;
  }

  bool drawNodes(const Scene& scene) {
    // Actors as the node shader draws them: the shape filled, a darker border, and an outline
    // for the selection, the selected agreement's parties and the hovered actor.
    // - On a raster, one actor at a time, its border as a fill under a fill one pixel smaller
    //   (two fills cost cairo half of what a fill and a stroke do).
    // - On vector surfaces, actors are taken in chunks in drawing order, and within a chunk those
    //   of one colour are filled, then bordered, as one path: a smaller file, written faster.
    const GraphLayer& g = m_list.graph;
    const PixelRect bounds = g.viewport.grown(8);
    const bool raster = cairo_surface_get_type(cairo_get_target(m_cr)) == CAIRO_SURFACE_TYPE_IMAGE;
    struct Drawn {
      std::uint64_t style;  ///< fill and fade: actors that share it share a path
      Vec2 centre;
      double radius;
      const SceneNode* node;
    };
    std::vector<Drawn> chunk;
    const std::size_t chunkSize = raster ? 1 : 4096;
    auto borderOf = [](const SceneNode& n, float fade) {
      return rgba(Color{static_cast<std::uint8_t>(n.fill.r * 0.55), static_cast<std::uint8_t>(n.fill.g * 0.55),
                        static_cast<std::uint8_t>(n.fill.b * 0.55)},
                  fade);
    };
    auto flush = [&] {
      if (raster) {
        for (const Drawn& d : chunk) {
          const float fade = (d.node->flags & SceneNode::Faded) ? 0.18f : 1.0f;
          markerPath(m_cr, d.node->shape, d.centre, d.radius);
          setColor(m_cr, borderOf(*d.node, fade));
          cairo_fill(m_cr);
          markerPath(m_cr, d.node->shape, d.centre, d.radius - 1);
          setColor(m_cr, rgba(d.node->fill, fade));
          cairo_fill(m_cr);
        }
        chunk.clear();
        return;
      }
      std::stable_sort(chunk.begin(), chunk.end(), [](const Drawn& a, const Drawn& b) { return a.style < b.style; });
      for (std::size_t from = 0; from < chunk.size();) {
        std::size_t to = from;
        while (to < chunk.size() && chunk[to].style == chunk[from].style) {
          markerPath(m_cr, chunk[to].node->shape, chunk[to].centre, chunk[to].radius - 0.5);
          ++to;
        }
        const SceneNode& n = *chunk[from].node;
        const float fade = (n.flags & SceneNode::Faded) ? 0.18f : 1.0f;
        setColor(m_cr, rgba(n.fill, fade));
        cairo_fill_preserve(m_cr);
        setColor(m_cr, borderOf(n, fade));
        cairo_set_line_width(m_cr, 1);
        cairo_stroke(m_cr);
        from = to;
      }
      chunk.clear();
    };
    for (const SceneNode& n : scene.nodes) {
      if (!tick()) return false;
      const Vec2 c = screen(n.position);
      const double r = std::max<double>(n.radius * g.camera.zoom, g.minNodePixels);
      if (!bounds.grown(1.3 * r).contains(c)) continue;
      const bool selected = n.flags & SceneNode::Selected, party = n.flags & SceneNode::Highlighted,
                 hovered = n.flags & SceneNode::Hovered;
      const bool faded = n.flags & SceneNode::Faded;
      if (selected || party || hovered) {
        // An outlined actor is drawn on its own, over those before it.
        flush();
        const double ring = selected || party ? 3 : 2;
        markerPath(m_cr, n.shape, c, r + ring / 2);
        setColor(m_cr, selected ? rgba(16, 97, 217) : party ? rgba(237, 133, 0) : rgba(51, 51, 51, 217),
                 faded ? 0.18 : 1.0);
        cairo_set_line_width(m_cr, ring * 1.6);
        cairo_stroke(m_cr);
        chunk.push_back({0, c, r, &n});
        flush();
        continue;
      }
      const std::uint64_t style = (std::uint64_t{n.fill.r} << 24) | (std::uint64_t{n.fill.g} << 16) |
                                  (std::uint64_t{n.fill.b} << 8) | (faded ? 1 : 0);
      chunk.push_back({style, c, r, &n});
      if (chunk.size() >= chunkSize) flush();
    }
    flush();
    return true;
  }

  /// Clips to the list's clip rectangle `index` within whatever clip the caller set (save/restore,
  /// never cairo_reset_clip, which would drop the caller's).
  void useClip(std::uint8_t index) {
    if (index == m_clip) return;
    releaseClip();
    cairo_save(m_cr);
    if (index < m_list.clips.size()) {
      const PixelRect& r = m_list.clips[index];
      cairo_rectangle(m_cr, r.min.x, r.min.y, r.width(), r.height());
      cairo_clip(m_cr);
    }
    m_clip = index;
  }

  void releaseClip() {
    if (m_clip != kNoClip) cairo_restore(m_cr);
    m_clip = kNoClip;
  }

  bool drawItems() {
    cairo_set_dash(m_cr, nullptr, 0, 0);
    m_clip = kNoClip;
    PangoContext* context = pango_cairo_create_context(m_cr);
    for (const DisplayItem& item : m_list.items) {
      if (!tick()) {
        g_object_unref(context);
        releaseClip();
        return false;
      }
      useClip(item.clip);
      switch (item.kind) {
        case DisplayItem::Kind::Path: {
          const Vec2* p = m_list.points.data() + item.first;
          cairo_move_to(m_cr, p[0].x, p[0].y);
          for (std::uint32_t i = 1; i < item.count; ++i) cairo_line_to(m_cr, p[i].x, p[i].y);
          if (item.closed) cairo_close_path(m_cr);
          if (item.crisp) cairo_set_antialias(m_cr, CAIRO_ANTIALIAS_NONE);
          fillAndStroke(item);
          if (item.crisp) cairo_set_antialias(m_cr, CAIRO_ANTIALIAS_DEFAULT);
          break;
        }
        case DisplayItem::Kind::Marker:
          markerPath(m_cr, item.shape, item.a, item.radius);
          fillAndStroke(item);
          break;
        case DisplayItem::Kind::Rect: {
          const double r = std::min<double>({item.radius, (item.b.x - item.a.x) / 2, (item.b.y - item.a.y) / 2});
          if (r > 0.5) {
            cairo_new_sub_path(m_cr);
            cairo_arc(m_cr, item.b.x - r, item.a.y + r, r, -M_PI / 2, 0);
            cairo_arc(m_cr, item.b.x - r, item.b.y - r, r, 0, M_PI / 2);
            cairo_arc(m_cr, item.a.x + r, item.b.y - r, r, M_PI / 2, M_PI);
            cairo_arc(m_cr, item.a.x + r, item.a.y + r, r, M_PI, 1.5 * M_PI);
            cairo_close_path(m_cr);
          } else {
            cairo_rectangle(m_cr, item.a.x, item.a.y, item.b.x - item.a.x, item.b.y - item.a.y);
          }
          fillAndStroke(item);
          break;
        }
        case DisplayItem::Kind::Text: {
          std::unique_ptr<PangoLayout, LayoutDeleter> layout(
              makeLayout(context, m_list.texts[item.first], item.radius, item.bold, item.align));
          PangoRectangle ink, logical;
          pango_layout_get_pixel_extents(layout.get(), &ink, &logical);
          const double x = item.align == TextAlign::Left     ? item.a.x
                           : item.align == TextAlign::Center ? item.a.x - logical.width / 2.0
                                                             : item.a.x - logical.width;
          cairo_move_to(m_cr, x, item.a.y);
          setColor(m_cr, item.fill);
          pango_cairo_show_layout(m_cr, layout.get());
          cairo_new_path(m_cr);
          break;
        }
      }
    }
    g_object_unref(context);
    releaseClip();
    return true;
  }

  void fillAndStroke(const DisplayItem& item) {
    if (item.fill.a > 0) {
      setColor(m_cr, item.fill);
      if (item.stroke.a > 0)
        cairo_fill_preserve(m_cr);
      else
        cairo_fill(m_cr);
    }
    if (item.stroke.a > 0) {
      setColor(m_cr, item.stroke);
      cairo_set_line_width(m_cr, item.width);
      cairo_stroke(m_cr);
    }
    cairo_new_path(m_cr);
  }

  cairo_t* m_cr;
  const DisplayList& m_list;
  const RenderControl& m_control;
  std::size_t m_done = 0, m_total = 1;
  static constexpr int kNoClip = -1;
  int m_clip = kNoClip;  ///< the list's clip rectangle in force (a cairo_save() of its own), or none
};

/// Where cairo writes a file's bytes; a cancel stops the writing (cairo then reports a write error).
struct Sink {
  std::string bytes;
  const RenderControl* control = nullptr;
};

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
  auto* sink = static_cast<Sink*>(closure);
  if (sink->control && sink->control->cancel && sink->control->cancel->load()) return CAIRO_STATUS_WRITE_ERROR;
  sink->bytes.append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] PangoMeasure

struct PangoMeasure::State {
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoContext* context = nullptr;
};

PangoMeasure::PangoMeasure() : m_state(new State) {
  m_state->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  m_state->cr = cairo_create(m_state->surface);
  m_state->context = pango_cairo_create_context(m_state->cr);
}

PangoMeasure::~PangoMeasure() {
  g_object_unref(m_state->context);
  cairo_destroy(m_state->cr);
  cairo_surface_destroy(m_state->surface);
  delete m_state;
}

Vec2 PangoMeasure::measure(std::string_view text, float size, bool bold) const {
  if (text.empty() || !(size > 0)) return {0, size > 0 ? size * 1.17 : 0};
  std::unique_ptr<PangoLayout, LayoutDeleter> layout(makeLayout(m_state->context, text, size, bold, TextAlign::Left));
  PangoRectangle ink, logical;
  pango_layout_get_pixel_extents(layout.get(), &ink, &logical);
  return {static_cast<double>(logical.width), static_cast<double>(logical.height)};
}

// ---------------------------------------------------------------------------
// [SECTION] the cairo renderer

std::optional<PictureFormat> pictureFormatOf(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".png") return PictureFormat::Png;
  if (ext == ".svg") return PictureFormat::Svg;
  if (ext == ".pdf") return PictureFormat::Pdf;
  return std::nullopt;
}

bool drawDisplayList(cairo_t* cr, const DisplayList& list, const RenderControl& control) {
  return Painter(cr, list, control).draw();
}

std::optional<std::string> renderPicture(const DisplayList& list, PictureFormat format, const RenderControl& control) {
  Sink sink{{}, &control};
  const double w = list.size.x, h = list.size.y;
  auto cancelled = [&] { return control.cancel && control.cancel->load(); };
  auto report = [&](double done) {
    if (control.progress) control.progress->store(done);
  };
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface;
  switch (format) {
    case PictureFormat::Png:
      surface.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(w), static_cast<int>(h)));
      break;
    case PictureFormat::Svg:
      surface.reset(cairo_svg_surface_create_for_stream(appendBytes, &sink, w, h));
      break;
    case PictureFormat::Pdf:
      surface.reset(cairo_pdf_surface_create_for_stream(appendBytes, &sink, w, h));
      cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, list.title.c_str());
      cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Nestmap");
      break;
  }
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw UserError(UserError::Kind::Io, trf("export.no_surface", {std::to_string(static_cast<int>(w)),
                                                                  std::to_string(static_cast<int>(h))}));
  // Progress: drawing up to 60 %, then writing the file (encoding the PNG, or cairo writing the page).
  RenderControl drawing = control;
  drawing.share = 0.6;
  {
    std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(surface.get()));
    if (!drawDisplayList(cr.get(), list, drawing)) return std::nullopt;
    report(0.6);
    if (format != PictureFormat::Png) cairo_show_page(cr.get());
  }
  if (cancelled()) return std::nullopt;
  if (format == PictureFormat::Png) {
    cairo_surface_flush(surface.get());
    const cairo_status_t status = cairo_surface_write_to_png_stream(surface.get(), appendBytes, &sink);
    if (cancelled()) return std::nullopt;
    if (status != CAIRO_STATUS_SUCCESS) throw UserError(UserError::Kind::Io, tr("export.encode_failed"));
  }
  cairo_surface_finish(surface.get());
  if (cancelled()) return std::nullopt;
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw UserError(UserError::Kind::Io, tr("export.encode_failed"));
  report(1.0);
  return std::move(sink.bytes);
}

}  // namespace nestmap
