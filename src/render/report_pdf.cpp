// [SECTION] names, colours and small texts
// [SECTION] what the report is computed from
// [SECTION] 1. cover: title, contents, what changed
// [SECTION] 2. key figures
// [SECTION] 3. the coverage heatmap
// [SECTION] 4. agreements: the pipeline chart and the follow-up tables
// [SECTION] 5. one page per prison
// [SECTION] 6. building blocks and work packages
// [SECTION] 7. sectors without ties; the method appendix
// [SECTION] the document
#include "render/report_pdf.hpp"

#include <cairo.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <set>

#include "analysis/agreement_followup.hpp"
#include "analysis/agreement_pipeline.hpp"
#include "analysis/nest_coverage.hpp"
#include "analysis/nest_names.hpp"
#include "analysis/partner_finder.hpp"
#include "core/date_text.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "layout/view_layout.hpp"
#include "render/cairo_renderer.hpp"
#include "render/pdf_flow.hpp"
#include "scene/coverage_picture.hpp"
#include "scene/nest_overlay.hpp"
#include "scene/pipeline_picture.hpp"
#include "scene/view_picture.hpp"

namespace nestmap {
namespace {

// ---------------------------------------------------------------------------
// [SECTION] names, colours and small texts

const Rgba kInk = rgba(33, 33, 33);
const Rgba kGrey = rgba(105, 105, 105);
const Rgba kAccent = rgba(31, 78, 121);

constexpr double kSmall = 8;   ///< table text and notes, points
constexpr double kBody = 9.5;  ///< paragraphs

/// The building blocks (bouwstenen) 1–8 of the project by name, and the work packages 1–5.
constexpr const char* kBlockKeys[] = {"pdf.block.awareness",  "pdf.block.tailored",  "pdf.block.nests",
                                      "pdf.block.resilience", "pdf.block.alliances", "pdf.block.detection",
                                      "pdf.block.learning",   "pdf.block.staff"};
constexpr const char* kWorkPackageKeys[] = {"pdf.wp.exploration", "pdf.wp.materials", "pdf.wp.training",
                                            "pdf.wp.implementation", "pdf.wp.evaluation"};

bool dutch() { return language() == Language::Dutch; }
std::string local(const std::string& nl, const std::string& en) { return dutch() || en.empty() ? nl : en; }

std::string actorName(const Model& m, RowId id) {
  const Actor* a = m.actors.find(id);
  return a ? a->name : "?";
}
std::string categoryName(const NestCategory& c) { return local(c.nameNl, c.nameEn); }
std::string categoryName(const Model& m, RowId id) {
  const NestCategory* c = m.nestCategories.find(id);
  return c ? categoryName(*c) : "?";
}
std::string sectorName(const Model& m, RowId id) {
  const Sector* s = m.sectors.find(id);
  return s ? local(s->nameNl, s->nameEn) : tr("scene.legend.no_sector");
}

std::string statusText(const Model& m, AgreementStatus status) {
  for (const auto& [id, label] : m.statusLabels)
    if (label.status == status) return local(label.nameNl, label.nameEn);
  return tr(std::string("status.") + std::string(key(status)));
}

Rgba statusColour(const Model& m, AgreementStatus status) {
  for (const auto& [id, label] : m.statusLabels)
    if (label.status == status) return rgba(label.color);
  // The pipeline chart's defaults, for maps without labels.
  static const Rgba defaults[] = {rgba(158, 158, 158), rgba(242, 177, 52),  rgba(78, 159, 216), rgba(59, 95, 192),
                                  rgba(46, 158, 91),   rgba(142, 108, 192), rgba(209, 73, 91)};
  return defaults[static_cast<std::size_t>(status)];
}

Rgba coverageInk(CoverageStatus s) { return rgba(coverageColour(s)); }

std::string blockName(int block) {
  return block >= 1 && block <= 8 ? tr(kBlockKeys[block - 1]) : std::to_string(block);
}
std::string workPackageName(int wp) {
  return wp >= 1 && wp <= 5 ? trf("pdf.wp_name", {std::to_string(wp), tr(kWorkPackageKeys[wp - 1])})
                            : tr("pdf.no_work_package");
}

std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? std::string(separator) : "") + items[i];
  return out;
}
/// At most `most` items, then "en 3 andere".
std::string joinAtMost(const std::vector<std::string>& items, std::size_t most) {
  if (items.size() <= most) return join(items);
  std::vector<std::string> shown(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(most));
  return join(shown) + " " + trf("pdf.and_more", {std::to_string(items.size() - most)});
}
std::string pathText(const Model& m, const std::vector<RowId>& actors) {
  std::vector<std::string> names;
  for (RowId id : actors) names.push_back(actorName(m, id));
  return join(names, " → ");
}

std::string signedNumber(double v, int decimals = 0) {
  const double shown = std::round(v * std::pow(10, decimals)) / std::pow(10, decimals);
  if (shown > 0) return "+" + formatNumber(shown, decimals);
  if (shown < 0) return "−" + formatNumber(-shown, decimals);
  return "±0";
}

std::string prisonOf(const Model& m, const Agreement& a) {
  return a.scopePrisonId ? actorName(m, a.scopePrisonId) : tr("pdf.every_prison");
}

double meanScore(const NestCoverage::Result& c) {
  if (c.prisons.empty()) return 0;
  double sum = 0;
  for (const PrisonCoverage& p : c.prisons) sum += p.score;
  return sum / static_cast<double>(c.prisons.size());
}

void setColor(cairo_t* cr, Rgba c) { cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0); }

void roundedRect(cairo_t* cr, double x, double y, double w, double h, double r) {
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
  cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
  cairo_arc(cr, x + r, y + r, r, M_PI, 1.5 * M_PI);
  cairo_close_path(cr);
}

// ---------------------------------------------------------------------------
// [SECTION] what the report is computed from

struct ReportData {
  const Model& model;
  const SteeringReportRequest& request;
  Date asOf, since;
  GraphSnapshot graph;
  NestCoverage::Result now, then;
  CoverageDiff diff;
  AgreementFollowUp::Result followUp;
  const NestTemplate* nestTemplate = nullptr;
};

/// One marked page region per chapter: the chapters' titles, in order (the contents list them).
struct Chapters {
  std::vector<std::string> titles;
  Chapters() {
    for (const char* key : {"pdf.ch.cover", "pdf.ch.figures", "pdf.ch.coverage", "pdf.ch.agreements", "pdf.ch.prisons",
                            "pdf.ch.blocks", "pdf.ch.sectors", "pdf.ch.method"})
      titles.push_back(tr(key));
  }
  /// "3. Dekking per gevangenis"; the cover and the appendix have no number.
  std::string numbered(std::size_t i) const {
    return i == 0 || i + 1 == titles.size() ? titles[i] : std::to_string(i + 1) + ". " + titles[i];
  }
};

// ---------------------------------------------------------------------------
// [SECTION] 1. cover: title, contents, what changed

struct StatusStep {
  Date date;
  RowId agreementId = 0;
  std::optional<AgreementStatus> from;
  AgreementStatus to = AgreementStatus::Idea;
  std::string note;
};

std::vector<StatusStep> statusSteps(const Model& m, Date since, Date asOf) {
  std::vector<StatusStep> out;
  for (const auto& [id, a] : m.agreements) {
    std::optional<AgreementStatus> before;
    for (const StatusChange& c : a.history) {
      if (c.date > since && c.date <= asOf) out.push_back({c.date, id, before, c.status, c.note});
      before = c.status;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const StatusStep& a, const StatusStep& b) { return a.date > b.date; });
  return out;
}

/// Date, agreement, step and (unless share-safe) the note of each status change.
void statusStepTable(PdfFlow& flow, const ReportData& d, const std::vector<StatusStep>& steps) {
  const Model& m = d.model;
  std::vector<PdfColumn> columns{{tr("pdf.col.date"), 0.9}, {tr("report.agreement"), 2.6}, {tr("pdf.col.step"), 1.9}};
  if (!d.request.shareSafe) columns.push_back({tr("pdf.col.note"), 2.0});
  std::vector<PdfRow> rows;
  for (const StatusStep& s : steps) {
    PdfRow row{{s.date.toString()},
               {m.agreements.find(s.agreementId)->title},
               {(s.from ? statusText(m, *s.from) : tr("pdf.new")) + " → " + statusText(m, s.to), false,
                statusColour(m, s.to)}};
    if (!d.request.shareSafe) row.push_back({s.note});
    rows.push_back(std::move(row));
  }
  flow.table(columns, rows, tr("pdf.changes.agreements"));
}

void cover(PdfFlow& flow, const ReportData& d, const Chapters& chapters) {
  const Model& m = d.model;
  flow.mark(chapters.titles[0], 1);
  flow.skip(40);
  flow.paragraph(tr("pdf.kind"), {.size = 13, .bold = true, .color = kAccent}, 0, 6);
  flow.paragraph(m.info.name, {.size = 24, .bold = true}, 0, 10);
  flow.paragraph(trf("pdf.as_of", {longDate(d.asOf)}), {.size = 12}, 0, 3);
  flow.paragraph(trf("pdf.compared_with", {longDate(d.since)}), {.size = 10, .color = kGrey}, 0, 3);
  if (d.nestTemplate) flow.paragraph(trf("pdf.template", {d.nestTemplate->name}), {.size = 10, .color = kGrey}, 0, 10);
  if (!d.request.shareSafe && !m.info.description.empty())
    flow.paragraph(m.info.description, {.size = kBody, .italic = true, .color = kGrey, .maxLines = 6}, 0, 10);

  // Contents: every chapter with its page, each line a link to it. The pages are known only
  // when the document is drawn, so the lines are laid out now and numbered then.
  flow.skip(6);
  flow.paragraph(tr("pdf.contents"), {.size = 12, .bold = true, .color = kAccent}, 0, 4);
  const double lineHeight = 16;
  std::vector<PdfTextBlock> lines;
  for (std::size_t i = 1; i < chapters.titles.size(); ++i)
    lines.push_back(flow.text(chapters.numbered(i), {.size = 10.5}, PdfFlow::kWidth - 60));
  const PdfFlow* source = &flow;
  flow.block(lineHeight * static_cast<double>(lines.size()) + 8,
             [lines, source, lineHeight](cairo_t* cr, double x, double y) {
               // The chapters' marks in order, the cover's first.
               std::vector<const PdfFlow::Mark*> marks;
               for (const PdfFlow::Mark& mk : source->marks())
                 if (mk.level == 1) marks.push_back(&mk);
               for (std::size_t i = 0; i < lines.size() && i + 1 < marks.size(); ++i) {
                 const PdfFlow::Mark& target = *marks[i + 1];
                 const double top = y + lineHeight * static_cast<double>(i);
                 const std::string link = "dest='" + target.dest + "'";
                 cairo_tag_begin(cr, CAIRO_TAG_LINK, link.c_str());
                 PdfFlow::show(cr, lines[i], x, top, kInk);
                 cairo_tag_end(cr, CAIRO_TAG_LINK);
                 // Dotted leader to the page number.
                 const double from = x + lines[i].width + 6, to = PdfFlow::kRight - 24;
                 if (to > from) {
                   const double dash[] = {0.6, 3};
                   cairo_set_dash(cr, dash, 2, 0);
                   cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
                   cairo_move_to(cr, from, top + 10);
                   cairo_line_to(cr, to, top + 10);
                   setColor(cr, kGrey);
                   cairo_set_line_width(cr, 0.9);
                   cairo_stroke(cr);
                   cairo_set_dash(cr, nullptr, 0, 0);
                 }
                 const PdfTextBlock number =
                     source->text(std::to_string(target.page + 1), {.size = 10.5, .align = TextAlign::Right}, 22);
                 PdfFlow::show(cr, number, PdfFlow::kRight - 22, top, kInk);
               }
             });

  // What changed since the day of comparison.
  flow.heading(trf("pdf.changes", {longDate(d.since)}), 2, false);
  const auto steps = statusSteps(m, d.since, d.asOf);
  std::size_t newActors = 0, newTies = 0, endedTies = 0;
  std::vector<std::string> newActorNames;
  for (const auto& [id, a] : m.actors)
    if (a.validFrom && *a.validFrom > d.since && *a.validFrom <= d.asOf) {
      ++newActors;
      newActorNames.push_back(a.name);
    }
  for (const auto& [id, t] : m.ties) {
    if (t.validFrom && *t.validFrom > d.since && *t.validFrom <= d.asOf) ++newTies;
    if (t.validTo && *t.validTo > d.since && *t.validTo <= d.asOf) ++endedTies;
  }
  flow.paragraph(trf("pdf.changes.summary", {std::to_string(steps.size()), std::to_string(d.diff.gained.size()),
                                             std::to_string(d.diff.lost.size()), std::to_string(newActors),
                                             std::to_string(newTies), std::to_string(endedTies)}),
                 {.size = kBody}, 0, 6);
  flow.paragraph(trf("pdf.changes.score", {formatNumber(meanScore(d.then), 0), formatNumber(meanScore(d.now), 0),
                                           signedNumber(meanScore(d.now) - meanScore(d.then))}),
                 {.size = kBody}, 0, 6);

  if (!d.diff.gained.empty() || !d.diff.lost.empty()) {
    flow.heading(tr("pdf.changes.cells"), 3);
    // Losses first: they are what a steering group must act on.
    constexpr std::size_t kMostCells = 14;
    std::size_t shown = 0;
    const std::size_t total = d.diff.gained.size() + d.diff.lost.size();
    for (const auto* list : {&d.diff.lost, &d.diff.gained})
      for (const CoverageChange& c : *list) {
        if (shown == kMostCells) break;
        ++shown;
        flow.bullet((list == &d.diff.gained ? "▲ " : "▼ ") + actorName(m, c.prisonId) + " — " +
                        categoryName(m, c.categoryId) + ": " + statusName(c.from) + " → " + statusName(c.to),
                    {.size = kSmall});
      }
    if (total > kMostCells)
      flow.paragraph(trf("pdf.and_more_lines", {std::to_string(total - kMostCells)}),
                     {.size = kSmall, .italic = true, .color = kGrey});
  }
  if (!newActorNames.empty()) {
    flow.heading(tr("pdf.changes.actors"), 3);
    flow.paragraph(joinAtMost(newActorNames, 20), {.size = kSmall});
  }

  if (!steps.empty()) {
    // The latest steps here; chapter 4 lists them all.
    constexpr std::size_t kMostSteps = 10;
    flow.heading(tr("pdf.changes.agreements"), 3);
    statusStepTable(flow, d,
                    std::vector<StatusStep>(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(
                                                                               std::min(steps.size(), kMostSteps))));
    if (steps.size() > kMostSteps)
      flow.paragraph(trf("pdf.changes.more_steps", {std::to_string(steps.size() - kMostSteps)}),
                     {.size = kSmall, .italic = true, .color = kGrey});
  }

  // The file's own change log: edits made in the window or by commands in that period.
  std::vector<const ChangeLogEntry*> logged;
  for (const ChangeLogEntry& e : d.request.changeLog) {
    const auto day = Date::parse(std::string_view(e.time).substr(0, 10));
    if (day && *day > d.since && *day <= d.asOf) logged.push_back(&e);
  }
  std::sort(logged.begin(), logged.end(), [](auto* a, auto* b) { return a->time > b->time; });
  flow.heading(tr("pdf.changes.log"), 3);
  flow.paragraph(trf("pdf.changes.log_count", {std::to_string(logged.size())}), {.size = kSmall}, 0, 3);
  for (std::size_t i = 0; i < logged.size() && i < 8; ++i)
    flow.bullet(logged[i]->time.substr(0, 10) + "  " + logged[i]->description, {.size = kSmall});
}

// ---------------------------------------------------------------------------
// [SECTION] 2. key figures

void keyFigures(PdfFlow& flow, const ReportData& d, const Chapters& chapters) {
  const Model& m = d.model;
  flow.newPage();
  flow.heading(chapters.numbered(1), 1);
  const auto valid = [&](const Actor& a, Date day) { return withinValidity(day, a.validFrom, a.validTo); };
  std::size_t actors = 0, ties = 0, agreements = 0;
  for (const auto& [id, a] : m.actors) actors += valid(a, d.asOf);
  for (const auto& [id, t] : m.ties)
    ties += t.status == TieStatus::Active && withinValidity(d.asOf, t.validFrom, t.validTo);
  for (const auto& [id, a] : m.agreements) agreements += a.statusOn(d.asOf).has_value();

  struct Tile {
    std::string value, label, note;
  };
  const double score = meanScore(d.now);
  const std::vector<Tile> tiles{
      {std::to_string(d.now.prisons.size()), tr("pdf.fig.prisons"), ""},
      {std::to_string(actors), tr("pdf.fig.actors"), ""},
      {std::to_string(ties), tr("pdf.fig.ties"), ""},
      {std::to_string(agreements), tr("pdf.fig.agreements"), ""},
      {formatNumber(score, 0) + " %", tr("pdf.fig.score"),
       trf("pdf.fig.score_change", {signedNumber(score - meanScore(d.then)), d.since.toString()})}};
  const double gap = 8, width = (PdfFlow::kWidth - gap * (tiles.size() - 1)) / tiles.size();
  std::vector<std::array<PdfTextBlock, 3>> laid;
  for (const Tile& t : tiles)
    laid.push_back(
        {flow.text(t.value, {.size = 20, .bold = true, .color = kAccent, .align = TextAlign::Center}, width - 8),
         flow.text(t.label, {.size = kSmall, .align = TextAlign::Center, .maxLines = 2}, width - 8),
         flow.text(t.note, {.size = 7, .color = kGrey, .align = TextAlign::Center, .maxLines = 2}, width - 8)});
  flow.block(78, [laid, width, gap](cairo_t* cr, double x, double y) {
    for (std::size_t i = 0; i < laid.size(); ++i) {
      const double left = x + static_cast<double>(i) * (width + gap);
      roundedRect(cr, left, y, width, 70, 5);
      setColor(cr, rgba(238, 242, 247));
      cairo_fill(cr);
      PdfFlow::show(cr, laid[i][0], left + 4, y + 7, kAccent);
      PdfFlow::show(cr, laid[i][1], left + 4, y + 36, kInk);
      PdfFlow::show(cr, laid[i][2], left + 4, y + 36 + laid[i][1].height + 1, kGrey);
    }
  });

  // The cells of the coverage matrix, as the Markdown report counts them.
  int counts[3] = {0, 0, 0}, fragile = 0, stale = 0;
  for (const PrisonCoverage& p : d.now.prisons)
    for (const CoverageCell& cell : p.cells) {
      ++counts[static_cast<int>(cell.status)];
      fragile += cell.fragile;
      stale += cell.stale;
    }
  flow.paragraph(
      trf("report.summary.cells", {std::to_string(d.now.prisons.size()), std::to_string(d.now.categories.size()),
                                   std::to_string(counts[2]), std::to_string(counts[1]), std::to_string(counts[0])}) +
          " " + trf("report.summary.flags", {std::to_string(fragile), std::to_string(stale)}),
      {.size = kBody}, 0, 8);

  flow.heading(tr("pdf.fig.per_sector"), 3);
  std::map<std::pair<int, RowId>, std::array<std::size_t, 2>> perSector;  // (sort, sector) → actors now, then
  for (const auto& [id, a] : m.actors) {
    const ActorType* type = m.actorTypes.find(a.typeId);
    const Sector* sector = type ? m.sectors.find(type->sectorId) : nullptr;
    auto& slot = perSector[{sector ? sector->sort : 1 << 30, sector ? sector->id : 0}];
    slot[0] += valid(a, d.asOf);
    slot[1] += valid(a, d.since);
  }
  std::vector<PdfRow> rows;
  for (const auto& [k, n] : perSector) {
    if (n[0] == 0 && n[1] == 0) continue;
    const Sector* s = m.sectors.find(k.second);
    rows.push_back({{sectorName(m, k.second), false, s ? rgba(s->color) : rgba(150, 150, 150)},
                    {std::to_string(n[0])},
                    {signedNumber(static_cast<double>(n[0]) - static_cast<double>(n[1]))}});
  }
  flow.table({{tr("pdf.col.sector"), 3},
              {tr("pdf.col.actors"), 1, TextAlign::Right},
              {trf("pdf.col.since", {d.since.toString()}), 1, TextAlign::Right}},
             rows, tr("pdf.fig.per_sector"));

  flow.heading(tr("pdf.fig.per_status"), 3);
  rows.clear();
  for (AgreementStatus s : kAllAgreementStatuses) {
    int now = 0, then = 0;
    for (const auto& [id, a] : m.agreements) {
      now += a.statusOn(d.asOf) == s;
      then += a.statusOn(d.since) == s;
    }
    rows.push_back({{statusText(m, s), false, statusColour(m, s)},
                    {std::to_string(now)},
                    {std::to_string(then)},
                    {signedNumber(now - then)}});
  }
  flow.table({{tr("report.status"), 3},
              {d.asOf.toString(), 1, TextAlign::Right},
              {d.since.toString(), 1, TextAlign::Right},
              {tr("pdf.col.change"), 1, TextAlign::Right}},
             rows, tr("pdf.fig.per_status"));
  flow.paragraph(tr("pdf.fig.status_note"), {.size = kSmall, .italic = true, .color = kGrey});
}

// ---------------------------------------------------------------------------
// [SECTION] 3. the coverage heatmap

/// A cell's square as the coverage panel draws it (scene/coverage_picture), at (x, y) with side `s`.
void drawCell(cairo_t* cr, double x, double y, double s, const CoverageCell& cell) {
  DisplayList square;
  square.size = {x + s + 2, y + s + 2};
  square.background = {};            // over the page as it is
  const ApproximateMeasure measure;  // a square holds no text
  DisplayListBuilder out(square, measure);
  composeCoverageSquare(out, {x, y}, s, coverageColour(cell.status), coverageMark(cell.status), cell.fragile,
                        cell.stale);
  drawDisplayList(cr, square);
}

void coverageHeatmap(PdfFlow& flow, const ReportData& d, const Chapters& chapters) {
  const Model& m = d.model;
  flow.newPage();
  flow.heading(chapters.numbered(2), 1);
  flow.paragraph(tr("pdf.heatmap.intro"), {.size = kBody}, 0, 8);
  const std::size_t k = d.now.categories.size();
  if (k == 0 || d.now.prisons.empty()) {
    flow.paragraph(tr("report.none"), {.size = kBody});
    return;
  }
  const double nameWidth = 148, scoreWidth = 60, rowHeight = 15.5;
  const double cellWidth = (PdfFlow::kWidth - nameWidth - scoreWidth) / static_cast<double>(k);
  const double square = std::min(cellWidth - 4, rowHeight - 3);

  // The header: every category's name turned upright, cut to the header's height.
  std::vector<PdfTextBlock> names;
  double tallest = 0;
  for (RowId id : d.now.categories) {
    names.push_back(flow.text(categoryName(m, id), {.size = 7.5, .maxLines = 1}, 118));
    tallest = std::max(tallest, names.back().width);
  }
  const double headerHeight = tallest + 10;
  const PdfTextBlock prisonLabel = flow.text(tr("nest.prison"), {.size = kSmall, .bold = true}, nameWidth);
  const PdfTextBlock scoreLabel =
      flow.text(trf("pdf.heatmap.score", {d.since.toString()}),
                {.size = 6.5, .bold = true, .align = TextAlign::Right, .maxLines = 3}, scoreWidth - 6);
  auto putHeader = [&] {
    flow.block(headerHeight, [=](cairo_t* cr, double x, double y) {
      PdfFlow::show(cr, prisonLabel, x, y + headerHeight - prisonLabel.height - 2, kInk);
      PdfFlow::show(cr, scoreLabel, x + nameWidth, y + headerHeight - scoreLabel.height - 2, kInk);
      for (std::size_t i = 0; i < names.size(); ++i) {
        const double cx = x + nameWidth + scoreWidth + (static_cast<double>(i) + 0.5) * cellWidth;
        cairo_save(cr);
        cairo_translate(cr, cx - names[i].height / 2, y + headerHeight - 3);
        cairo_rotate(cr, -M_PI / 2);
        PdfFlow::show(cr, names[i], 0, 0, kInk);
        cairo_restore(cr);
      }
    });
  };
  flow.ensure(headerHeight + 4 * rowHeight);
  putHeader();
  for (std::size_t r = 0; r < d.now.prisons.size(); ++r) {
    const PrisonCoverage& p = d.now.prisons[r];
    if (flow.room() < rowHeight) {
      flow.newPage();
      flow.paragraph(tr("pdf.heatmap.title") + tr("pdf.continued"), {.size = kSmall, .italic = true, .color = kGrey}, 0,
                     2);
      putHeader();
    }
    const PrisonCoverage* before = d.then.find(p.prisonId);
    const std::string score =
        formatNumber(p.score, 0) + " %" + (before ? "  " + signedNumber(p.score - before->score) : "");
    const PdfTextBlock name = flow.text(actorName(m, p.prisonId), {.size = kSmall, .maxLines = 1}, nameWidth - 4);
    const PdfTextBlock scoreText = flow.text(score, {.size = 7.5, .align = TextAlign::Right}, scoreWidth - 6);
    const bool zebra = r % 2 == 1;
    flow.block(rowHeight, [=, cells = p.cells](cairo_t* cr, double x, double y) {
      if (zebra) {
        cairo_rectangle(cr, x, y, PdfFlow::kWidth, rowHeight);
        setColor(cr, rgba(246, 247, 249));
        cairo_fill(cr);
      }
      PdfFlow::show(cr, name, x + 2, y + (rowHeight - name.height) / 2, kInk);
      PdfFlow::show(cr, scoreText, x + nameWidth, y + (rowHeight - scoreText.height) / 2, kInk);
      for (std::size_t i = 0; i < cells.size(); ++i) {
        const double cx = x + nameWidth + scoreWidth + (static_cast<double>(i) + 0.5) * cellWidth;
        drawCell(cr, cx - square / 2, y + (rowHeight - square) / 2, square, cells[i]);
      }
    });
  }
  // The score of each category over the prisons.
  std::vector<PdfTextBlock> scores;
  for (double s : d.now.categoryScores)
    scores.push_back(flow.text(formatNumber(s, 0), {.size = 7, .bold = true, .align = TextAlign::Center}, cellWidth));
  const PdfTextBlock scoresLabel = flow.text(tr("nest.category_score"), {.size = kSmall, .italic = true}, nameWidth);
  flow.block(rowHeight + 4, [=](cairo_t* cr, double x, double y) {
    cairo_move_to(cr, x, y + 1);
    cairo_line_to(cr, x + PdfFlow::kWidth, y + 1);
    setColor(cr, kAccent);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
    PdfFlow::show(cr, scoresLabel, x + 2, y + 4, kInk);
    for (std::size_t i = 0; i < scores.size(); ++i)
      PdfFlow::show(cr, scores[i], x + nameWidth + scoreWidth + static_cast<double>(i) * cellWidth, y + 4, kInk);
  });

  // The legend: the three statuses and the two marks, drawn as the cells draw them.
  flow.skip(8);
  struct Entry {
    CoverageCell cell;
    PdfTextBlock text;
  };
  std::vector<Entry> entries;
  auto entry = [&](CoverageStatus s, bool fragile, bool stale, const char* key) {
    CoverageCell cell;
    cell.status = s;
    cell.fragile = fragile;
    cell.stale = stale;
    entries.push_back({cell, flow.text(tr(key), {.size = kSmall}, 200)});
  };
  entry(CoverageStatus::Formalised, false, false, "coverage.legend.formalised");
  entry(CoverageStatus::Informal, false, false, "coverage.legend.informal");
  entry(CoverageStatus::Missing, false, false, "coverage.legend.missing");
  entry(CoverageStatus::Formalised, true, false, "coverage.legend.fragile");
  entry(CoverageStatus::Formalised, false, true, "coverage.legend.stale");
  flow.block(3 * 16 + 4, [entries](cairo_t* cr, double x, double y) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const double ex = x + (i < 3 ? 0 : 250), ey = y + 16 * static_cast<double>(i < 3 ? i : i - 3);
      drawCell(cr, ex, ey, 12, entries[i].cell);
      PdfFlow::show(cr, entries[i].text, ex + 18, ey, kInk);
    }
  });
  flow.paragraph(tr("pdf.heatmap.score_note"), {.size = kSmall, .italic = true, .color = kGrey}, 0, 4);
}

// ---------------------------------------------------------------------------
// [SECTION] 4. agreements: the pipeline chart and the follow-up tables

void pipelineChart(PdfFlow& flow, const ReportData& d) {
  const Model& m = d.model;
  AgreementPipeline::Params params;
  params.span = projectSpan(m, d.asOf);
  params.step = AgreementPipeline::stepFor(params.span);
  const auto pipeline = AgreementPipeline::run(m, params);
  if (params.span.days() <= 0 || pipeline.maxTotal() == 0) {
    flow.paragraph(tr("pdf.pipeline.empty"), {.size = kBody});
    return;
  }
  flow.paragraph(trf("pdf.pipeline.intro", {longDate(params.span.from), longDate(params.span.to)}), {.size = kBody}, 0,
                 6);
  // The timeline panel's chart (scene/pipeline_picture), in print colours.
  const double height = 220;
  flow.block(height + 6, [=, result = pipeline, styles = pipelineStatusStyles(m)](cairo_t* cr, double x, double y) {
    const PangoMeasure measure;
    DisplayList chart;
    chart.size = {x + PdfFlow::kWidth, y + height};
    chart.background = {};
    DisplayListBuilder out(chart, measure);
    PipelineColors colors;
    colors.text = kInk;
    colors.axis = kGrey;
    colors.grid = rgba(225, 228, 232);
    composePipeline(out, result, styles, {{x, y}, {x + PdfFlow::kWidth - 4, y + height}}, 7, colors);
    drawDisplayList(cr, chart);
  });
  // Legend: each status with its count on the day of the report.
  std::vector<std::pair<Rgba, PdfTextBlock>> legend;
  for (AgreementStatus s : kAllAgreementStatuses)
    legend.emplace_back(statusColour(m, s),
                        flow.text(statusText(m, s) + " (" + std::to_string(pipeline.samples.back().count(s)) + ")",
                                  {.size = kSmall}, 120));
  flow.block(2 * 14 + 6, [legend](cairo_t* cr, double x, double y) {
    for (std::size_t i = 0; i < legend.size(); ++i) {
      const double lx = x + 30 + static_cast<double>(i % 4) * 120, ly = y + 14 * static_cast<double>(i / 4);
      cairo_rectangle(cr, lx, ly + 2, 8, 8);
      setColor(cr, legend[i].first);
      cairo_fill(cr);
      PdfFlow::show(cr, legend[i].second, lx + 12, ly, kInk);
    }
  });
}

void followUpTable(PdfFlow& flow, const ReportData& d, const std::vector<AgreementFollowUp::Item>& items,
                   const std::string& caption, const std::string& whenHeader,
                   const std::function<std::string(const AgreementFollowUp::Item&)>& when) {
  const Model& m = d.model;
  flow.heading(caption, 3);
  if (items.empty()) {
    flow.paragraph(tr("report.none"), {.size = kBody});
    return;
  }
  std::vector<PdfColumn> columns{
      {tr("report.agreement"), 3}, {tr("nest.prison"), 1.5}, {tr("report.status"), 1.4}, {whenHeader, 1.4}};
  if (!d.request.shareSafe) columns.push_back({tr("report.owner"), 1.6});
  std::vector<PdfRow> rows;
  for (const auto& item : items) {
    const Agreement& a = *m.agreements.find(item.agreementId);
    const auto status = a.statusOn(d.asOf).value_or(a.status());
    PdfRow row{{a.title}, {prisonOf(m, a)}, {statusText(m, status), false, statusColour(m, status)}, {when(item)}};
    if (!d.request.shareSafe) row.push_back({a.owner.empty() ? "—" : a.owner});
    rows.push_back(std::move(row));
  }
  flow.table(columns, rows, caption);
}

void agreements(PdfFlow& flow, const ReportData& d, const Chapters& chapters) {
  const Model& m = d.model;
  flow.newPage();
  flow.heading(chapters.numbered(3), 1);
  flow.heading(tr("pdf.pipeline.title"), 3);
  pipelineChart(flow, d);
  flow.paragraph(trf("report.summary.agreements",
                     {std::to_string(d.followUp.overdue.size()), std::to_string(d.followUp.stalled.size())}),
                 {.size = kBody}, 0, 6);
  followUpTable(flow, d, d.followUp.overdue, tr("report.overdue"), tr("report.review"), [&](const auto& item) {
    return trf("report.days_overdue",
               {m.agreements.find(item.agreementId)->reviewDate->toString(), std::to_string(item.days)});
  });
  followUpTable(flow, d, d.followUp.stalled, tr("report.stalled"), tr("report.unchanged"),
                [](const auto& item) { return trf("report.days", {std::to_string(item.days)}); });
  followUpTable(flow, d, d.followUp.dueSoon, tr("pdf.due_soon"), tr("report.review"), [&](const auto& item) {
    return trf("pdf.days_left",
               {m.agreements.find(item.agreementId)->reviewDate->toString(), std::to_string(item.days)});
  });
  flow.heading(trf("pdf.steps_since", {longDate(d.since)}), 3);
  const auto steps = statusSteps(m, d.since, d.asOf);
  if (steps.empty())
    flow.paragraph(tr("report.none"), {.size = kBody});
  else
    statusStepTable(flow, d, steps);
}

// ---------------------------------------------------------------------------
// [SECTION] 5. one page per prison

/// Each prison's nest view: the map's own where it has one, else a nest laid out in memory
/// in a copy of the map (nothing is written).
struct NestViews {
  struct Entry {
    RowId view = 0;
    bool inCopy = false;
  };
  const Model& model;
  Model copy;
  bool copied = false;
  std::map<RowId, Entry> of;  ///< prison → its view

  NestViews(const Model& m, const std::vector<RowId>& prisons, Date asOf) : model(m) {
    for (const auto& [id, view] : m.views)
      if (view.layout == "nest")
        if (const RowId prison = nestPrisonOf(m, id); prison && !of.count(prison)) of[prison] = {id, false};
    for (RowId prison : prisons) {
      if (of.count(prison)) continue;
      if (!copied) copy = m, copied = true;
      ViewLayoutRequest request;
      request.algo = "nest";
      request.prisonId = prison;
      request.asOf = asOf;
      const ViewLayout laid = layoutView(m, 0, request);
      View view;
      view.id = copy.views.nextId();
      view.uuid = Uuid::random();
      view.name = nestViewName(*m.actors.find(prison));
      view.layout = "nest";
      auto& positions = copy.positions[view.id];
      for (const auto& [actorId, at] : laid.placement)
        if (at) positions[actorId] = *at;
      copy.views.put(view);
      of[prison] = {view.id, true};
    }
  }
  const Model& modelFor(RowId prison) const { return of.at(prison).inCopy ? copy : model; }
};

std::string coverageWords(const CoverageCell& cell) {
  std::string s = statusName(cell.status);
  if (cell.fragile) s += ", " + tr("nest.mark_fragile");
  if (cell.stale) s += ", " + tr("nest.mark_stale");
  return s;
}

std::string fragilityWords(const Model& m, const CoverageCell& cell) {
  switch (cell.fragility) {
    case Fragility::SinglePartner:
      return trf("nest.fragile.single_partner", {actorName(m, cell.partners.front().actorId)});
    case Fragility::SingleActor:
      return trf("nest.fragile.single_actor", {actorName(m, cell.singleActor)});
    case Fragility::SingleTie:
      return trf("nest.fragile.single_tie", {actorName(m, cell.singleTie.first), actorName(m, cell.singleTie.second)});
    case Fragility::None:
      break;
  }
  return "";
}

std::string agreementWords(const Model& m, RowId id, Date asOf) {
  const Agreement& a = *m.agreements.find(id);
  const auto status = a.statusOn(asOf);
  return a.title + " (" + (status ? statusText(m, *status) : "—") + ")";
}

void prisonPage(PdfFlow& flow, const ReportData& d, const PrisonCoverage& p, std::size_t rank, const NestViews& nests,
                const TextMeasure& measure, bool first) {
  const Model& m = d.model;
  const Actor& prison = *m.actors.find(p.prisonId);
  if (!first) flow.newPage();
  flow.heading(prison.name, 2);
  const PrisonCoverage* before = d.then.find(p.prisonId);
  std::vector<std::string> side;
  for (RowId id : p.side)
    if (id != p.prisonId) side.push_back(actorName(m, id));
  flow.paragraph(
      trf("pdf.prison.score", {formatNumber(p.score, 0), before ? signedNumber(p.score - before->score) : "—",
                               d.since.toString(), std::to_string(rank), std::to_string(d.now.prisons.size())}),
      {.size = kBody, .bold = true}, 0, 2);
  flow.paragraph(trf("pdf.prison.side", {side.empty() ? tr("report.none") : join(side)}),
                 {.size = kSmall, .color = kGrey}, 0, 6);

  // The nest as a vector drawing, from the same display list as the window and `nestmap render`.
  PictureRequest request;
  request.viewId = nests.of.at(p.prisonId).view;
  request.width = 900;
  request.height = 560;
  request.asOf = d.asOf;
  request.titleBand = false;
  request.fontSize = 12;
  auto picture = std::make_shared<DisplayList>(pictureOfView(nests.modelFor(p.prisonId), request, measure));
  const double boxHeight = PdfFlow::kWidth * request.height / request.width;
  flow.block(boxHeight + 6, [picture, boxHeight](cairo_t* cr, double x, double y) {
    drawPictureInBox(cr, *picture, x, y, PdfFlow::kWidth, boxHeight);
    cairo_rectangle(cr, x, y, PdfFlow::kWidth, boxHeight);
    setColor(cr, rgba(205, 210, 216));
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
  });

  // Every cell with its evidence.
  std::vector<PdfRow> rows;
  for (const CoverageCell& cell : p.cells) {
    std::vector<std::string> partners;
    for (const CellPartner& partner : cell.partners) partners.push_back(actorName(m, partner.actorId));
    std::vector<std::string> evidence;
    if (!cell.agreements.empty()) {
      std::vector<std::string> titles;
      for (RowId id : cell.agreements) titles.push_back(agreementWords(m, id, d.asOf));
      evidence.push_back(trf("pdf.prison.agreements", {joinAtMost(titles, 2)}));
    }
    if (!cell.paths.empty()) evidence.push_back(trf("pdf.prison.route", {pathText(m, cell.paths.front())}));
    if (!cell.pendingAgreements.empty()) {
      std::vector<std::string> titles;
      for (RowId id : cell.pendingAgreements) titles.push_back(agreementWords(m, id, d.asOf));
      evidence.push_back(trf("pdf.prison.pending", {joinAtMost(titles, 2)}));
    }
    rows.push_back({{categoryName(m, cell.categoryId), true},
                    {coverageWords(cell), false, coverageInk(cell.status)},
                    {partners.empty() ? "—" : joinAtMost(partners, 3)},
                    {evidence.empty() ? "—" : join(evidence, "\n")}});
  }
  flow.table({{tr("pdf.col.category"), 1.95},
              {tr("report.status"), 1.2},
              {tr("pdf.col.partners"), 1.9},
              {tr("pdf.col.evidence"), 2.85}},
             rows, trf("pdf.prison.cells", {prison.name}), 7.2, 6);

  // What is fragile, and why.
  flow.heading(tr("pdf.prison.fragile"), 3);
  bool any = false;
  for (const CoverageCell& cell : p.cells) {
    if (cell.fragile) {
      any = true;
      flow.bullet(categoryName(m, cell.categoryId) + ": " + fragilityWords(m, cell), {.size = kSmall});
    }
    if (cell.stale) {
      any = true;
      std::vector<std::string> titles;
      for (RowId id : cell.staleAgreements) titles.push_back(m.agreements.find(id)->title);
      flow.bullet(categoryName(m, cell.categoryId) + ": " + trf("nest.stale", {join(titles)}), {.size = kSmall});
    }
  }
  if (!any) flow.paragraph(tr("pdf.prison.nothing_fragile"), {.size = kSmall});

  // Three partner suggestions, the best over every missing category.
  flow.heading(tr("pdf.prison.suggestions"), 3);
  PartnerFinder::Params finder;
  finder.prisonId = p.prisonId;
  finder.asOf = d.asOf;
  finder.limit = 3;
  // Gaps first; a prison that misses nothing gets partners for its weak cells (informal or fragile).
  bool missing = false;
  for (const CoverageCell& cell : p.cells) missing = missing || cell.status == CoverageStatus::Missing;
  if (!missing)
    for (const CoverageCell& cell : p.cells)
      if (cell.status != CoverageStatus::Formalised || cell.fragile) finder.categories.push_back(cell.categoryId);
  flow.paragraph(tr(missing ? "pdf.prison.suggest_missing" : "pdf.prison.suggest_weak"), {.size = kSmall}, 0, 3);
  auto found = missing || !finder.categories.empty() ? PartnerFinder::run(m, d.graph, finder).candidates
                                                     : std::vector<PartnerCandidate>{};
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  std::vector<PdfRow> suggestions;
  std::set<RowId> seen;
  for (const PartnerCandidate& c : found) {
    if (suggestions.size() == 3) break;
    if (!seen.insert(c.actorId).second) continue;
    suggestions.push_back({{actorName(m, c.actorId), true},
                           {categoryName(m, c.categoryId)},
                           {formatNumber(c.score, 1)},
                           {c.distanceKm ? trf("report.km", {formatNumber(*c.distanceKm, 0)}) : "—"},
                           {c.introduction.size() > 1 ? pathText(m, c.introduction) : tr("report.not_connected")}});
  }
  if (suggestions.empty())
    flow.paragraph(tr("pdf.prison.no_suggestions"), {.size = kSmall});
  else
    flow.table({{tr("pdf.col.candidate"), 2.2},
                {tr("pdf.col.for"), 1.6},
                {tr("nest.score"), 0.6, TextAlign::Right},
                {tr("pdf.col.distance"), 0.7, TextAlign::Right},
                {tr("pdf.col.introduction"), 3.4}},
               suggestions, tr("pdf.prison.suggestions"), 7.2);

  // Who to call: the contact points on the prison's side (never in a share-safe report).
  if (!d.request.shareSafe) {
    std::vector<PdfRow> contacts;
    for (RowId id : p.side)
      for (const auto& [cid, c] : m.contacts)
        if (c.actorId == id) contacts.push_back({{actorName(m, id)}, {c.name}, {c.role}, {c.email}, {c.phone}});
    if (!contacts.empty()) {
      flow.heading(tr("pdf.prison.contacts"), 3);
      flow.table({{tr("pdf.col.organisation"), 2.2},
                  {tr("pdf.col.contact"), 2},
                  {tr("pdf.col.role"), 1.5},
                  {tr("pdf.col.email"), 2.3},
                  {tr("pdf.col.phone"), 1.3}},
                 contacts, tr("pdf.prison.contacts"), 7.2);
    }
  }
}

void prisons(PdfFlow& flow, const ReportData& d, const Chapters& chapters) {
  flow.newPage();
  flow.heading(chapters.numbered(4), 1);
  flow.paragraph(tr("pdf.prisons.intro"), {.size = kBody}, 0, 6);
  std::vector<RowId> chosen = d.request.prisons;
  if (chosen.empty())
    for (const PrisonCoverage& p : d.now.prisons) chosen.push_back(p.prisonId);
  if (chosen.empty()) {
    flow.paragraph(tr("report.none"), {.size = kBody});
    return;
  }
  const NestViews nests(d.model, chosen, d.asOf);
  const PangoMeasure measure;
  const auto order = d.now.weakest();
  bool first = true;
  for (const PrisonCoverage& p : d.now.prisons) {
    if (std::find(chosen.begin(), chosen.end(), p.prisonId) == chosen.end()) continue;
    // Its rank from the strongest nest down.
    const auto at = std::find_if(order.begin(), order.end(), [&](std::size_t i) { return &d.now.prisons[i] == &p; });
    const std::size_t rank = order.size() - static_cast<std::size_t>(at - order.begin());
    prisonPage(flow, d, p, rank, nests, measure, first);
    first = false;
  }
}

// ---------------------------------------------------------------------------
// [SECTION] 6. building blocks and work packages

void blocksAndPackages(PdfFlow& flow, const ReportData& d, const Chapters& chapters) {
  const Model& m = d.model;
  flow.newPage();
  flow.heading(chapters.numbered(5), 1);
  flow.paragraph(tr("pdf.blocks.intro"), {.size = kBody}, 0, 6);
  // Overview: how many agreements serve each building block, how many of them count.
  std::vector<PdfRow> rows;
  for (int b = 1; b <= 8; ++b) {
    int all = 0, counting = 0;
    for (const auto& [id, a] : m.agreements) {
      const auto status = a.statusOn(d.asOf);
      if (!status || std::find(a.buildingBlocks.begin(), a.buildingBlocks.end(), b) == a.buildingBlocks.end()) continue;
      ++all;
      counting += agreementCounts(*status);
    }
    rows.push_back({{blockName(b), true}, {std::to_string(all)}, {std::to_string(counting)}});
  }
  flow.table({{tr("pdf.col.block"), 4},
              {tr("pdf.col.agreements"), 1, TextAlign::Right},
              {tr("pdf.col.counting"), 1.2, TextAlign::Right}},
             rows, tr("pdf.blocks.overview"));
  flow.paragraph(tr("pdf.blocks.counting_note"), {.size = kSmall, .italic = true, .color = kGrey}, 0, 6);

  auto agreementRow = [&](const Agreement& a, bool withBlocks) {
    const auto status = a.statusOn(d.asOf).value_or(a.status());
    std::vector<std::string> blocks;
    for (int b : a.buildingBlocks) blocks.push_back(blockName(b));
    return PdfRow{{a.title},
                  {statusText(m, status), false, statusColour(m, status)},
                  {prisonOf(m, a)},
                  {withBlocks ? (blocks.empty() ? "—" : join(blocks, "; ")) : workPackageName(a.workPackage)}};
  };
  // The agreements serving a block or a work package, with the other grouping in the last column.
  auto agreementTable = [&](const std::vector<PdfRow>& list, PdfColumn other, const std::string& caption) {
    if (list.empty())
      flow.paragraph(tr("pdf.blocks.none"), {.size = kSmall, .italic = true});
    else
      flow.table({{tr("report.agreement"), 3}, {tr("report.status"), 1.4}, {tr("nest.prison"), 1.5}, std::move(other)},
                 list, caption, 7.5);
  };
  flow.heading(tr("pdf.blocks.title"), 2, false);
  for (int b = 1; b <= 8; ++b) {
    flow.heading(blockName(b), 3);
    std::vector<PdfRow> list;
    for (const auto& [id, a] : m.agreements)
      if (a.statusOn(d.asOf) &&
          std::find(a.buildingBlocks.begin(), a.buildingBlocks.end(), b) != a.buildingBlocks.end())
        list.push_back(agreementRow(a, false));
    agreementTable(list, {tr("pdf.col.work_package"), 2}, blockName(b));
  }

  flow.heading(tr("pdf.wp.title"), 2, false);
  for (int wp = 0; wp <= 5; ++wp) {
    std::vector<PdfRow> list;
    for (const auto& [id, a] : m.agreements)
      if (a.statusOn(d.asOf) && a.workPackage == wp) list.push_back(agreementRow(a, true));
    if (wp == 0 && list.empty()) continue;  // "no work package" only when there is such an agreement
    flow.heading(workPackageName(wp), 3);
    agreementTable(list, {tr("pdf.col.blocks"), 2.6}, workPackageName(wp));
  }
}

// ---------------------------------------------------------------------------
// [SECTION] 7. sectors without ties; the method appendix

void sectorsWithoutTies(PdfFlow& flow, const ReportData& d, const Chapters& chapters) {
  const Model& m = d.model;
  flow.newPage();
  flow.heading(chapters.numbered(6), 1);
  flow.paragraph(tr("report.sectors_intro"), {.size = kBody}, 0, 6);
  const auto sectors = SectorGaps::run(m, {d.asOf});
  if (sectors.regions.empty()) flow.paragraph(tr("report.none"), {.size = kBody});
  for (const SectorGaps::Region& r : sectors.regions) {
    std::vector<std::string> prisons;
    for (RowId id : r.prisons) prisons.push_back(actorName(m, id));
    flow.heading(provinceName(r.province) + " (" + join(prisons) + ")", 3);
    const std::size_t n = r.sectors.size();
    if (r.missingPairs.empty()) {
      flow.paragraph(tr("report.all_sectors_tied"), {.size = kSmall});
      continue;
    }
    flow.paragraph(trf("report.sector_pairs", {std::to_string(r.missingPairs.size()), std::to_string(n * (n - 1) / 2)}),
                   {.size = kSmall}, 0, 3);
    std::vector<PdfRow> rows;
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<std::string> none;
      for (std::size_t j = 0; j < n; ++j)
        if (j != i && r.ties[i][j] == 0) none.push_back(sectorName(m, r.sectors[j]));
      if (none.empty()) continue;
      const Sector* s = m.sectors.find(r.sectors[i]);
      rows.push_back({{sectorName(m, r.sectors[i]), true, s ? rgba(s->color) : Rgba{}}, {join(none)}});
    }
    flow.table({{tr("pdf.col.sector"), 1.4}, {tr("pdf.col.no_tie_with"), 4}}, rows, provinceName(r.province), 7.5);
  }
}

void methodAppendix(PdfFlow& flow, const ReportData& d, const Chapters& chapters) {
  const Model& m = d.model;
  flow.newPage();
  flow.heading(chapters.numbered(7), 1);
  for (const char* key : {"pdf.method.side", "pdf.method.cell", "pdf.method.flags", "pdf.method.score",
                          "pdf.method.partners", "pdf.method.follow_up"})
    flow.paragraph(tr(key), {.size = kBody}, 0, 7);
  if (!d.nestTemplate) return;
  flow.heading(trf("pdf.method.categories", {d.nestTemplate->name}), 3);
  std::vector<PdfRow> rows;
  for (const NestCategory* c : templateCategories(m, d.nestTemplate->id)) {
    std::vector<std::string> types;
    for (RowId t : c->actorTypeIds)
      if (const ActorType* type = m.actorTypes.find(t)) types.push_back(local(type->nameNl, type->nameEn));
    const int hops = hopLimit(m, *c);
    rows.push_back({{categoryName(*c), true},
                    {c->reach == Reach::Formal ? tr("nest.reach.formal") : tr("nest.reach.any")},
                    {hops == 1 ? tr("nest.hop_limit_one") : trf("nest.hop_limit", {std::to_string(hops)})},
                    {formatNumber(c->radiusKm, 0) + " km"},
                    {formatNumber(c->weight, c->weight == std::floor(c->weight) ? 0 : 1)},
                    {join(types)}});
  }
  flow.table({{tr("pdf.col.category"), 1.8},
              {tr("pdf.col.reach"), 1.3},
              {tr("pdf.col.hops"), 1.3},
              {tr("pdf.col.radius"), 0.7, TextAlign::Right},
              {tr("pdf.col.weight"), 0.85, TextAlign::Right},
              {tr("pdf.col.types"), 2.4}},
             rows, trf("pdf.method.categories", {d.nestTemplate->name}), 7.5);
}

std::string nowUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] the document

Date threeMonthsBefore(Date day) {
  int year = day.year(), month = day.month() - 3;
  if (month < 1) month += 12, --year;
  for (int d = day.day(); d >= 28; --d)
    if (auto date = Date::fromYmd(year, month, d)) return *date;
  return *Date::fromYmd(year, month, std::min(day.day(), 28));
}

SteeringReport steeringReportPdf(const Model& model, const SteeringReportRequest& request) {
  const NestTemplate* nestTemplate = defaultTemplate(model);
  if (!nestTemplate) throw UserError(UserError::Kind::InvalidInput, tr("nest.no_template"));
  const Date since = request.since.value_or(threeMonthsBefore(request.asOf));
  if (since >= request.asOf)
    throw UserError(UserError::Kind::InvalidInput, trf("pdf.since_after", {since.toString(), request.asOf.toString()}));

  ReportData d{model, request, request.asOf, since, nestSnapshot(model, request.asOf), {}, {}, {}, {}, nestTemplate};
  NestCoverage::Params params;
  params.asOf = d.asOf;
  d.now = NestCoverage::run(model, d.graph, params);
  params.asOf = since;
  params.nameTies = false;
  d.then = NestCoverage::run(model, params);
  d.diff = CoverageDiff::between(d.then, d.now);
  d.followUp = AgreementFollowUp::run(model, {d.asOf, 14, 180});

  const Chapters chapters;
  PdfFlow flow(tr("pdf.continued"));
  cover(flow, d, chapters);
  keyFigures(flow, d, chapters);
  coverageHeatmap(flow, d, chapters);
  agreements(flow, d, chapters);
  prisons(flow, d, chapters);
  blocksAndPackages(flow, d, chapters);
  sectorsWithoutTies(flow, d, chapters);
  methodAppendix(flow, d, chapters);

  // Header and footer on every page but the cover: the map and the day; "pagina 3 van 12".
  const std::string running = trf("pdf.running_head", {model.info.name});
  const std::string day = longDate(d.asOf);
  auto decorate = [&](cairo_t* cr, int page, int pages) {
    const PdfTextBlock footer = flow.text(trf("pdf.page_of", {std::to_string(page + 1), std::to_string(pages)}),
                                          {.size = 7.5, .align = TextAlign::Right}, 200);
    PdfFlow::show(cr, footer, PdfFlow::kRight - 200, PdfFlow::kPageHeight - 38, kGrey);
    if (page == 0) return;
    const PdfTextBlock head = flow.text(running, {.size = 7.5, .maxLines = 1}, PdfFlow::kWidth - 130);
    const PdfTextBlock date = flow.text(day, {.size = 7.5, .align = TextAlign::Right}, 120);
    PdfFlow::show(cr, head, PdfFlow::kLeft, 30, kGrey);
    PdfFlow::show(cr, date, PdfFlow::kRight - 120, 30, kGrey);
    cairo_move_to(cr, PdfFlow::kLeft, 44);
    cairo_line_to(cr, PdfFlow::kRight, 44);
    setColor(cr, rgba(205, 210, 216));
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
  };
  PdfMetadata meta;
  meta.title = trf("pdf.title", {model.info.name});
  meta.subject = trf("pdf.as_of", {longDate(d.asOf)});
  meta.keywords = tr("pdf.keywords");
  meta.creator = "Nestmap";
  if (!request.shareSafe) meta.author = request.author;
  meta.created = request.created.empty() ? nowUtc() : request.created;
  SteeringReport out;
  out.pages = flow.pageCount();
  out.pdf = flow.finish(meta, decorate);
  return out;
}

}  // namespace nestmap
