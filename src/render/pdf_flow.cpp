#include "render/pdf_flow.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "render/cairo_renderer.hpp"

namespace nestmap {
namespace {

constexpr const char* kFontFamily = "DejaVu Sans";
const Rgba kAccent = rgba(31, 78, 121);
const Rgba kRule = rgba(205, 210, 216);
const Rgba kHeaderFill = rgba(232, 236, 241);
const Rgba kZebra = rgba(246, 247, 249);
constexpr double kPadX = 3.5, kPadY = 2.6, kSwatchRoom = 10;  ///< table cells

void setColor(cairo_t* cr, Rgba c) { cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0); }

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void fillRect(cairo_t* cr, double x, double y, double w, double h, Rgba color) {
  cairo_rectangle(cr, x, y, w, h);
  setColor(cr, color);
  cairo_fill(cr);
}

void hLine(cairo_t* cr, double x0, double x1, double y, Rgba color, double width) {
  cairo_move_to(cr, x0, y);
  cairo_line_to(cr, x1, y);
  setColor(cr, color);
  cairo_set_line_width(cr, width);
  cairo_stroke(cr);
}

}  // namespace

struct PdfFlow::State {
  std::string bytes;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoContext* context = nullptr;
  ~State() {
    if (context) g_object_unref(context);
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }
};

PdfFlow::PdfFlow(std::string continued) : m_state(std::make_unique<State>()), m_continued(std::move(continued)) {
  // The PDF surface exists from the start: text is measured with the font options it will be drawn with.
  m_state->surface = cairo_pdf_surface_create_for_stream(appendBytes, &m_state->bytes, kPageWidth, kPageHeight);
  m_state->cr = cairo_create(m_state->surface);
  if (cairo_status(m_state->cr) != CAIRO_STATUS_SUCCESS)
    throw UserError(UserError::Kind::Io, trf("export.no_surface", {"595", "842"}));
  m_state->context = pango_cairo_create_context(m_state->cr);
  // A PDF has no pixels: glyphs placed where the font puts them, not on whole points (even spacing at 7 pt).
  pango_context_set_round_glyph_positions(m_state->context, FALSE);
  m_pages.emplace_back();
}

PdfFlow::~PdfFlow() = default;

// ---------------------------------------------------------------------------
// text

PdfTextBlock PdfFlow::text(std::string_view text, const PdfTextStyle& style, double width) const {
  PangoLayout* layout = pango_layout_new(m_state->context);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, kFontFamily);
  pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_OBLIQUE : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  pango_layout_set_width(layout, static_cast<int>(std::max(1.0, width) * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout, style.align == TextAlign::Left     ? PANGO_ALIGN_LEFT
                                     : style.align == TextAlign::Center ? PANGO_ALIGN_CENTER
                                                                        : PANGO_ALIGN_RIGHT);
  if (style.maxLines > 0) {
    pango_layout_set_height(layout, -style.maxLines);
    pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
  }
  // Text from a map made elsewhere may not be UTF-8: shown escaped rather than dropped.
  const std::string valid = isValidUtf8(text) ? std::string(text) : utf8Escaped(text);
  pango_layout_set_text(layout, valid.c_str(), static_cast<int>(valid.size()));
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  PdfTextBlock block;
  block.layout = std::shared_ptr<PangoLayout>(layout, [](PangoLayout* l) { g_object_unref(l); });
  block.width = static_cast<double>(logical.width) / PANGO_SCALE;
  block.height = static_cast<double>(logical.height) / PANGO_SCALE;
  return block;
}

void PdfFlow::show(cairo_t* cr, const PdfTextBlock& block, double x, double y, Rgba color) {
  cairo_move_to(cr, x, y);
  setColor(cr, color);
  pango_cairo_show_layout(cr, block.layout.get());
  cairo_new_path(cr);
}

// ---------------------------------------------------------------------------
// the flow

void PdfFlow::newPage() {
  m_pages.emplace_back();
  m_y = kTop;
}

void PdfFlow::ensure(double height) {
  if (m_y + height > kBottom && m_y > kTop) newPage();
}

void PdfFlow::draw(Draw op) { m_pages.back().push_back(std::move(op)); }

void PdfFlow::block(double height, const std::function<void(cairo_t*, double, double)>& op) {
  ensure(height);
  const double y = m_y;
  draw([op, y](cairo_t* cr) { op(cr, kLeft, y); });
  m_y += height;
}

void PdfFlow::paragraph(std::string_view text, const PdfTextStyle& style, double indent, double spaceAfter) {
  const PdfTextBlock b = this->text(text, style, kWidth - indent);
  ensure(b.height);
  const double x = kLeft + indent, y = m_y;
  const Rgba color = style.color;
  draw([b, x, y, color](cairo_t* cr) { show(cr, b, x, y, color); });
  m_y += b.height + spaceAfter;
}

void PdfFlow::bullet(std::string_view text, const PdfTextStyle& style, double indent) {
  const PdfTextBlock b = this->text(text, style, kWidth - indent);
  const PdfTextBlock dot = this->text("•", style, indent);
  ensure(b.height);
  const double x = kLeft + indent, y = m_y;
  const Rgba color = style.color;
  draw([b, dot, x, y, color, indent](cairo_t* cr) {
    show(cr, dot, x - indent + 2, y, color);
    show(cr, b, x, y, color);
  });
  m_y += b.height + 2.5;
}

void PdfFlow::heading(std::string_view text, int level, bool bookmark) {
  const double size = level == 1 ? 17 : level == 2 ? 12.5 : 10.5;
  const double before = level == 1 ? 0 : level == 2 ? 9 : 6;
  const double after = level == 1 ? 12 : level == 2 ? 5 : 3;
  const PdfTextBlock b = this->text(text, {.size = size, .bold = true, .color = kAccent}, kWidth);
  // Kept with what follows: a heading alone at the foot of a page goes over to the next.
  ensure(before + b.height + after + 48);
  if (m_y > kTop) m_y += before;
  if (bookmark && level <= 2) mark(text, level);
  const double y = m_y;
  draw([b, y, level](cairo_t* cr) {
    show(cr, b, kLeft, y, kAccent);
    if (level == 1) hLine(cr, kLeft, kRight, y + b.height + 4, kAccent, 1.2);
  });
  m_y += b.height + after + (level == 1 ? 4 : 0);
}

std::string PdfFlow::mark(std::string_view title, int level) {
  Mark m;
  m.dest = "nm" + std::to_string(m_marks.size() + 1);
  m.title = std::string(title);
  m.level = level;
  m.page = page();
  m.y = m_y;
  m_marks.push_back(m);
  return m.dest;
}

void PdfFlow::table(const std::vector<PdfColumn>& columns, const std::vector<PdfRow>& rows, std::string_view caption,
                    double fontSize, int maxLines) {
  double total = 0;
  for (const PdfColumn& c : columns) total += c.width;
  std::vector<double> xs, widths;
  double x = kLeft;
  for (const PdfColumn& c : columns) {
    xs.push_back(x);
    widths.push_back(kWidth * c.width / total);
    x += widths.back();
  }

  std::vector<PdfTextBlock> header;
  double headerHeight = 0;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    header.push_back(text(columns[i].header, {.size = fontSize, .bold = true, .align = columns[i].align, .maxLines = 3},
                          widths[i] - 2 * kPadX));
    headerHeight = std::max(headerHeight, header.back().height + 2 * kPadY);
  }
  const std::string continued = std::string(caption) + m_continued;

  auto putHeader = [&](bool again) {
    if (again && !caption.empty())
      paragraph(continued, {.size = fontSize, .italic = true, .color = rgba(100, 100, 100)}, 0, 2);
    const double y = m_y;
    draw([header, xs, y, headerHeight](cairo_t* cr) {
      fillRect(cr, kLeft, y, kWidth, headerHeight, kHeaderFill);
      for (std::size_t i = 0; i < header.size(); ++i) show(cr, header[i], xs[i] + kPadX, y + kPadY, rgba(25, 25, 25));
      hLine(cr, kLeft, kRight, y + headerHeight, kAccent, 0.8);
    });
    m_y += headerHeight;
  };

  // Each row laid out first: its height decides where the page breaks.
  struct Laid {
    std::vector<PdfTextBlock> cells;
    double height = 0;
  };
  std::vector<Laid> laid;
  laid.reserve(rows.size());
  for (const PdfRow& row : rows) {
    Laid l;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const PdfCell empty;
      const PdfCell& cell = i < row.size() ? row[i] : empty;
      const double room = widths[i] - 2 * kPadX - (cell.swatch.a > 0 ? kSwatchRoom : 0);
      l.cells.push_back(text(
          cell.text, {.size = fontSize, .bold = cell.bold, .align = columns[i].align, .maxLines = maxLines}, room));
      l.height = std::max(l.height, l.cells.back().height + 2 * kPadY);
    }
    laid.push_back(std::move(l));
  }

  ensure(headerHeight + (laid.empty() ? 0 : laid.front().height) + 4);
  putHeader(false);
  for (std::size_t r = 0; r < laid.size(); ++r) {
    if (m_y + laid[r].height > kBottom) {
      newPage();
      putHeader(true);
    }
    const double y = m_y;
    const Laid& l = laid[r];
    const PdfRow& row = rows[r];
    std::vector<Rgba> swatches, colors;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      swatches.push_back(i < row.size() ? row[i].swatch : Rgba{});
      colors.push_back(i < row.size() ? row[i].color : rgba(33, 33, 33));
    }
    const bool zebra = r % 2 == 1;
    draw([l, xs, y, zebra, swatches, colors, fontSize](cairo_t* cr) {
      if (zebra) fillRect(cr, kLeft, y, kWidth, l.height, kZebra);
      for (std::size_t i = 0; i < l.cells.size(); ++i) {
        double tx = xs[i] + kPadX;
        if (swatches[i].a > 0) {
          const double s = fontSize * 0.8;
          fillRect(cr, tx, y + kPadY + (fontSize * 1.17 - s) / 2, s, s, swatches[i]);
          tx += kSwatchRoom;
        }
        show(cr, l.cells[i], tx, y + kPadY, colors[i]);
      }
      hLine(cr, kLeft, kRight, y + l.height, kRule, 0.4);
    });
    m_y += laid[r].height;
  }
  m_y += 8;
}

// ---------------------------------------------------------------------------
// the document

std::string PdfFlow::finish(const PdfMetadata& metadata, const Decorate& decorate) {
  cairo_t* cr = m_state->cr;
  cairo_surface_t* surface = m_state->surface;
  const int pages = pageCount();
  for (int p = 0; p < pages; ++p) {
    for (const Draw& op : m_pages[static_cast<std::size_t>(p)]) {
      cairo_save(cr);
      op(cr);
      cairo_restore(cr);
    }
    // The destinations the bookmarks and the contents' links point at.
    for (const Mark& m : m_marks)
      if (m.page == p) {
        const std::string attributes =
            "name='" + m.dest + "' x=0 y=" + std::to_string(static_cast<int>(std::max(0.0, m.y - 12)));
        cairo_tag_begin(cr, CAIRO_TAG_DEST, attributes.c_str());
        cairo_tag_end(cr, CAIRO_TAG_DEST);
      }
    if (decorate) {
      cairo_save(cr);
      decorate(cr, p, pages);
      cairo_restore(cr);
    }
    cairo_show_page(cr);
  }
  int parent = CAIRO_PDF_OUTLINE_ROOT;
  for (const Mark& m : m_marks) {
    const std::string link = "dest='" + m.dest + "'";
    const int id =
        cairo_pdf_surface_add_outline(surface, m.level == 1 ? CAIRO_PDF_OUTLINE_ROOT : parent, m.title.c_str(),
                                      link.c_str(), static_cast<cairo_pdf_outline_flags_t>(0));
    if (m.level == 1) parent = id;
  }
  auto meta = [&](cairo_pdf_metadata_t key, const std::string& value) {
    if (!value.empty()) cairo_pdf_surface_set_metadata(surface, key, value.c_str());
  };
  meta(CAIRO_PDF_METADATA_TITLE, metadata.title);
  meta(CAIRO_PDF_METADATA_AUTHOR, metadata.author);
  meta(CAIRO_PDF_METADATA_SUBJECT, metadata.subject);
  meta(CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords);
  meta(CAIRO_PDF_METADATA_CREATOR, metadata.creator);
  meta(CAIRO_PDF_METADATA_CREATE_DATE, metadata.created);
  // The layouts hold the context that holds the cairo context: all go before the surface ends.
  m_pages.clear();
  cairo_surface_finish(surface);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS || cairo_status(cr) != CAIRO_STATUS_SUCCESS)
    throw UserError(UserError::Kind::Io, tr("export.encode_failed"));
  return std::move(m_state->bytes);
}

void drawPictureInBox(cairo_t* cr, const DisplayList& list, double x, double y, double width, double height) {
  if (!(list.size.x > 0 && list.size.y > 0)) return;
  const double s = std::min(width / list.size.x, height / list.size.y);
  const double w = list.size.x * s, h = list.size.y * s;
  const double ox = x + (width - w) / 2, oy = y + (height - h) / 2;
  cairo_save(cr);
  // drawDisplayList paints its background over the whole clip: the box is the clip.
  cairo_rectangle(cr, ox, oy, w, h);
  cairo_clip(cr);
  cairo_translate(cr, ox, oy);
  cairo_scale(cr, s, s);
  drawDisplayList(cr, list);
  cairo_restore(cr);
}

}  // namespace nestmap
