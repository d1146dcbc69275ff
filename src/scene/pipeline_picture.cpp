#include "scene/pipeline_picture.hpp"

#include <algorithm>
#include <cmath>

#include "core/date_text.hpp"
#include "core/i18n.hpp"

namespace nestmap {

std::array<PipelineStatusStyle, AgreementPipeline::kStatusCount> pipelineStatusStyles(const Model& m) {
  constexpr Color kDefaults[AgreementPipeline::kStatusCount] = {{158, 158, 158}, {242, 177, 52}, {78, 159, 216},
                                                                {59, 95, 192},   {46, 158, 91},  {142, 108, 192},
                                                                {209, 73, 91}};
  std::array<PipelineStatusStyle, AgreementPipeline::kStatusCount> out;
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = {tr(std::string("status.") + std::string(key(kAllAgreementStatuses[i]))), kDefaults[i]};
  for (const auto& [id, label] : m.statusLabels)
    out[static_cast<std::size_t>(label.status)] = {
        language() == Language::Dutch || label.nameEn.empty() ? label.nameNl : label.nameEn, label.color};
  return out;
}

int niceStep(int max, int ticks) {
  const double raw = static_cast<double>(max) / ticks;
  if (raw <= 1) return 1;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0})
    if (m * magnitude >= raw) return static_cast<int>(m * magnitude);
  return static_cast<int>(10 * magnitude);
}

double PipelineLayout::x(Date date) const {
  if (to.days <= from.days) return (plot.min.x + plot.max.x) / 2;
  return plot.min.x + plot.width() * static_cast<double>(date.days - from.days) / static_cast<double>(to.days - from.days);
}

double PipelineLayout::y(int count) const {
  return plot.max.y - plot.height() * static_cast<double>(count) / static_cast<double>(std::max(yMax, 1));
}

PipelineLayout composePipeline(DisplayListBuilder& out, const AgreementPipeline::Result& pipeline,
                               const std::array<PipelineStatusStyle, AgreementPipeline::kStatusCount>& styles,
                               const PixelRect& area, float fontSize, const PipelineColors& colors,
                               std::optional<Date> marker, std::optional<Date> compareMarker) {
  PipelineLayout layout;
  const auto& samples = pipeline.samples;
  const TextMeasure& measure = out.measure();
  const double line = measure.measure("0", fontSize, false).y;
  const int maxTotal = pipeline.maxTotal();
  const int step = niceStep(std::max(maxTotal, 1), 4);
  layout.yMax = std::max(step, (maxTotal + step - 1) / step * step);
  const double left = measure.measure(std::to_string(layout.yMax), fontSize, false).x + 10;
  layout.plot = {{area.min.x + left, area.min.y + line * 0.5}, {area.max.x - 12, area.max.y - line - 8}};
  const PixelRect& plot = layout.plot;
  if (plot.width() < 10 || plot.height() < 10) {
    layout.plot = {};
    return layout;
  }
  out.pushClip(area);
  if (samples.empty() || maxTotal == 0) {
    const std::string text = tr("pipeline.empty");
    const Vec2 centre = (plot.min + plot.max) * 0.5;
    out.text({centre.x, centre.y - line / 2}, text, fontSize, colors.axis, TextAlign::Center);
    out.popClip();
    return layout;
  }
  layout.from = samples.front().date;
  layout.to = samples.back().date;

  // Counts: grid lines and labels on the left.
  for (int v = 0; v <= layout.yMax; v += step) {
    const double y = layout.y(v);
    out.line({plot.min.x, y}, {plot.max.x, y}, colors.grid, 1);
    out.text({plot.min.x - 6, y - line * 0.5}, std::to_string(v), fontSize, colors.axis, TextAlign::Right);
  }
  // Dates: ticks on the firsts of months, as many months apart as the labels need.
  const Date from = layout.from, to = layout.to;
  const int months = (to.year() - from.year()) * 12 + to.month() - from.month();
  const double labelWidth = measure.measure(shortMonth(from), fontSize, false).x + 16;
  int monthStep = 1;
  for (int candidate : {1, 2, 3, 6, 12, 24, 60, 120}) {
    monthStep = candidate;
    if ((months / candidate + 1) * labelWidth <= plot.width()) break;
  }
  out.line({plot.min.x, plot.max.y}, {plot.max.x, plot.max.y}, colors.axis, 1);
  for (int y = from.year(), m = from.month();;) {
    const Date first = *Date::fromYmd(y, m, 1);
    if (first > to) break;
    const bool onStep = monthStep < 12 ? (m - 1) % monthStep == 0 : m == 1 && y % (monthStep / 12) == 0;
    if (first >= from && onStep) {
      const double x = layout.x(first);
      out.line({x, plot.max.y}, {x, plot.max.y + 4}, colors.axis, 1);
      const std::string label = monthStep < 12 ? shortMonth(first) : std::to_string(y);
      const double w = measure.measure(label, fontSize, false).x;
      const double textX = std::clamp(x - w * 0.5, area.min.x, area.max.x - w);
      out.text({textX, plot.max.y + 5}, label, fontSize, colors.axis);
    }
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  // Stacked areas, idea at the bottom: one quad per status between two samples, without
  // antialiased edges so that neighbouring quads meet without hairline seams.
  const std::size_t statuses = AgreementPipeline::kStatusCount;
  if (samples.size() == 1) {
    const double x = layout.x(samples[0].date);
    int below = 0;
    for (std::size_t s = 0; s < statuses; ++s) {
      const int c = samples[0].counts[s];
      if (c) out.rect({x - 4, layout.y(below + c)}, {x + 4, layout.y(below)}, rgba(styles[s].color));
      below += c;
    }
  }
  for (std::size_t i = 0; i + 1 < samples.size(); ++i) {
    const double x0 = layout.x(samples[i].date), x1 = layout.x(samples[i + 1].date);
    int below0 = 0, below1 = 0;
    for (std::size_t s = 0; s < statuses; ++s) {
      const int c0 = samples[i].counts[s], c1 = samples[i + 1].counts[s];
      if (c0 || c1) {
        const Vec2 quad[4] = {{x0, layout.y(below0)}, {x0, layout.y(below0 + c0)}, {x1, layout.y(below1 + c1)},
                              {x1, layout.y(below1)}};
        // Outlined in their own colour as well: PDF viewers smooth every edge, and the outline
        // closes the hairline gap they would leave between two quads.
        out.polygon(quad, rgba(styles[s].color), rgba(styles[s].color), 0.75f, true);
      }
      below0 += c0;
      below1 += c1;
    }
  }
  Rgba total = colors.text;
  total.a = static_cast<std::uint8_t>(total.a * 0.6);
  for (std::size_t i = 0; i + 1 < samples.size(); ++i)
    out.line({layout.x(samples[i].date), layout.y(samples[i].total())},
             {layout.x(samples[i + 1].date), layout.y(samples[i + 1].total())}, total, 1.5f);
  // The timeline's dates.
  auto inRange = [&](Date d) { return from <= d && d <= to; };
  if (compareMarker && inRange(*compareMarker)) {
    const double x = layout.x(*compareMarker);
    out.line({x, plot.min.y}, {x, plot.max.y}, colors.compare, 2, {4, 4});
  }
  if (marker && inRange(*marker)) {
    const double x = layout.x(*marker);
    out.line({x, plot.min.y}, {x, plot.max.y}, colors.marker, 2);
  }
  out.popClip();
  return layout;
}

}  // namespace nestmap
