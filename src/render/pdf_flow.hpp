#pragma once
// [SECTION] PdfFlow: A4 pages filled top to bottom — text laid out by pango, tables that
// continue on the next page with their header, drawings of a fixed size — then drawn by
// cairo into one PDF with page numbers, bookmarks and internal links
//
// Two phases: everything is laid out first (each page a list of drawing operations), so the
// number of pages is known when the pages are drawn ("pagina 3 van 12", a table of contents).

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scene/display_list.hpp"

typedef struct _cairo cairo_t;
typedef struct _PangoLayout PangoLayout;

namespace nestmap {

/// How a run of text looks.
struct PdfTextStyle {
  double size = 9.5;  ///< points
  bool bold = false;
  bool italic = false;
  Rgba color = rgba(33, 33, 33);
  TextAlign align = TextAlign::Left;
  int maxLines = 0;  ///< > 0: cut with "…" after this many lines
};

/// A laid-out piece of text: draw it with PdfFlow::show().
struct PdfTextBlock {
  std::shared_ptr<PangoLayout> layout;
  double width = 0, height = 0;  ///< its logical extents in points
};

/// One column of a PdfFlow table.
struct PdfColumn {
  std::string header;
  double width = 1;  ///< relative: the columns share the text width in proportion
  TextAlign align = TextAlign::Left;
};

/// One cell of a PdfFlow table.
struct PdfCell {
  std::string text;
  bool bold = false;
  Rgba swatch{};  ///< alpha > 0: a small square of this colour before the text
  Rgba color = rgba(33, 33, 33);
};
using PdfRow = std::vector<PdfCell>;

/// The document's properties (PDF metadata).
struct PdfMetadata {
  std::string title, author, subject, keywords, creator;
  std::string created;  ///< ISO 8601 "YYYY-MM-DDThh:mm:ss" (UTC, with "Z"); empty: cairo's own clock
};

/// A4 portrait pages laid out top to bottom, then written as one PDF.
class PdfFlow {
 public:
  static constexpr double kPageWidth = 595, kPageHeight = 842;  ///< A4 in points
  static constexpr double kLeft = 54, kRight = kPageWidth - 54, kTop = 64, kBottom = kPageHeight - 62;
  static constexpr double kWidth = kRight - kLeft;
  /// A drawing operation on one page, in the page's points (y down).
  using Draw = std::function<void(cairo_t*)>;
  /// What every page gets on top of its content (header, footer): page index from 0, and the count.
  using Decorate = std::function<void(cairo_t*, int page, int pages)>;

  /// A bookmark: a destination on a page, listed in the PDF's outline at `level` (1 or 2).
  struct Mark {
    std::string dest, title;
    int level = 1;
    int page = 0;
    double y = 0;
  };

  /// `continued`: what a table's caption gets after it on the pages it continues on (" (vervolg)").
  explicit PdfFlow(std::string continued);
  ~PdfFlow();
  PdfFlow(const PdfFlow&) = delete;
  PdfFlow& operator=(const PdfFlow&) = delete;

  // --- text
  /// `text` laid out at most `width` points wide (wrapped at words, or characters in long words).
  PdfTextBlock text(std::string_view text, const PdfTextStyle& style, double width) const;
  /// Draws a block with its top left at (x, y).
  static void show(cairo_t* cr, const PdfTextBlock& block, double x, double y, Rgba color);

  // --- the flow
  int page() const { return static_cast<int>(m_pages.size()) - 1; }
  double y() const { return m_y; }
  double room() const { return kBottom - m_y; }
  /// Starts a new page; the cursor goes to its top.
  void newPage();
  /// Starts a new page unless `height` points fit below the cursor.
  void ensure(double height);
  void skip(double height) { m_y += height; }
  /// Adds a drawing to the current page (it draws in page points; the cursor does not move).
  void draw(Draw op);
  /// A drawing `height` points high across the text width at the cursor (on a new page
  /// when it does not fit); `op` gets the top left corner. The cursor moves below it.
  void block(double height, const std::function<void(cairo_t*, double x, double y)>& op);

  /// A paragraph, kept on one page when it fits one; `indent` from the left margin.
  void paragraph(std::string_view text, const PdfTextStyle& style = {}, double indent = 0, double spaceAfter = 5);
  /// A paragraph with a bullet in the indent.
  void bullet(std::string_view text, const PdfTextStyle& style = {}, double indent = 12);
  /// A heading (level 1: chapter, 2: section, 3: subsection), kept with what follows. Levels 1
  /// and 2 get a bookmark (level 2 under the last level 1) unless `bookmark` is false.
  void heading(std::string_view text, int level, bool bookmark = true);
  /// A bookmark at the cursor without a heading; returns its destination name.
  std::string mark(std::string_view title, int level);
  const std::vector<Mark>& marks() const { return m_marks; }

  /// A table across the text width. A row that does not fit goes to the next page, which
  /// repeats `caption` (marked as continued) and the header row. Cells wrap; a cell is cut
  /// after `maxLines` lines.
  void table(const std::vector<PdfColumn>& columns, const std::vector<PdfRow>& rows, std::string_view caption = {},
             double fontSize = 8, int maxLines = 14);

  // --- the document
  int pageCount() const { return static_cast<int>(m_pages.size()); }
  /// Draws every page (then `decorate` on top of it), the bookmarks and the metadata, and
  /// returns the PDF's bytes. Throws UserError when cairo fails.
  std::string finish(const PdfMetadata& metadata, const Decorate& decorate);

 private:
  struct State;
  std::unique_ptr<State> m_state;
  std::vector<std::vector<Draw>> m_pages;
  std::vector<Mark> m_marks;
  std::string m_continued;
  double m_y = kTop;
};

/// Draws `list` (a picture of `list.size` pixels) scaled into the box at (x, y) of `width`
/// × `height` points, centred, keeping its proportions, clipped to the box.
void drawPictureInBox(cairo_t* cr, const DisplayList& list, double x, double y, double width, double height);

}  // namespace nestmap
