// The timeline bar and the pipeline chart in a headless ImGui context: the
// slider sets the date, "Vandaag" clears it, play runs on io.DeltaTime and
// stops at the end, the comparison date toggles, hovering the chart shows a
// sample's counts and the prison combo filters them.
//
//   Gent (prison)   Brugge (prison)   X (CAW)   Y (OCMW)
//
//   A1  X–Y, scoped to Gent     idea 2025-01-01, agreed 01-20
//   A2  X–Y                     discussion 01-10, formalised 02-10
//   A3  X–Y, scoped to Brugge   idea 02-01
//
// Today is fixed at 2025-03-01, so the span is 2025-01-01 .. 03-01 (59 days)
// and the chart samples weekly: 01-01 01-08 01-15 01-22 01-29 02-05 02-12
// 02-19 02-26 03-01. On 02-12 (sample 6): A1 agreed, A2 formalised, A3 idea.
#include "ui/timeline_panel.hpp"

#include <imgui.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "io/data_sources.hpp"
#include "support/headless_gui.hpp"
#include "support/language_guard.hpp"
#include "support/map_builder.hpp"
#include "core/date_text.hpp"

using namespace nestmap;

namespace {

Date day(std::string_view iso) { return *Date::parse(iso); }
StatusChange on(std::string_view iso, AgreementStatus status) { return {day(iso), status, ""}; }
using S = AgreementStatus;

const Date kFrom = day("2025-01-01"), kToday = day("2025-03-01");
const float kTinyStep = 1e-4f;  // ImGui wants a positive DeltaTime; this one moves playing by 0.0005 days

ImVec2 center(ImVec2 min, ImVec2 max) { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }

struct Harness {
  Model m = defaultModel(embeddedData(), "test");
  RowId gent = 0, brugge = 0;
  TimelinePanel panel;
  int changedFrames = 0;  ///< frames whose changed() was true
  test::HeadlessGui gui{[this] {
    panel.draw(m, 1, ImVec2(0, 0), ImVec2(1280, 400));
    changedFrames += panel.changed() ? 1 : 0;
  }};

  Harness() {
    gent = actor("Gent", "prison");
    brugge = actor("Brugge", "prison");
    const RowId x = actor("X", "caw"), y = actor("Y", "ocmw");
    agreement({x, y}, {on("2025-01-01", S::Idea), on("2025-01-20", S::Agreed)}, gent);
    agreement({x, y}, {on("2025-01-10", S::Discussion), on("2025-02-10", S::Formalised)});
    agreement({x, y}, {on("2025-02-01", S::Idea)}, brugge);
    panel.setToday(kToday);
    ImGui::GetIO().DeltaTime = kTinyStep;
    gui.frame();
    gui.frame();
    changedFrames = 0;
  }

  RowId actor(std::string name, std::string_view typeKey) { return test::putActor(m, std::move(name), typeKey); }
  void agreement(std::vector<RowId> parties, std::vector<StatusChange> history, RowId scope = 0) {
    test::putAgreement(m, std::move(parties), std::move(history), scope);
  }

  const TimelinePanel::Hooks& hooks() const { return panel.hooks(); }
  const PipelineChart::Hooks& chart() const { return panel.chart().hooks(); }
  float sliderY() const { return (hooks().sliderMin.y + hooks().sliderMax.y) * 0.5f; }
  /// Points at sample `i` of the chart, halfway up the plot.
  void hoverSample(std::size_t i) {
    gui.moveTo(ImVec2(panel.chart().sampleX(i) + 1, (chart().plotMin.y + chart().plotMax.y) * 0.5f));
  }
  void frames(int n, float deltaTime) {
    ImGui::GetIO().DeltaTime = deltaTime;
    for (int i = 0; i < n; ++i) gui.frame();
    ImGui::GetIO().DeltaTime = kTinyStep;
  }
};

std::vector<int> counts(const AgreementPipeline::Sample& s) { return {s.counts.begin(), s.counts.end()}; }

}  // namespace

TEST_CASE("timeline dates read in the interface's language", "[ui][timeline]") {
  CHECK(longDate(day("2025-02-12")) == "12 februari 2025");
  CHECK(longDate(day("2026-03-01")) == "1 maart 2026");
  CHECK(shortMonth(day("2025-03-17")) == "mrt 2025");
  CHECK(shortMonth(day("2025-10-01")) == "okt 2025");
  test::LanguageGuard english(Language::English);
  CHECK(longDate(day("2025-02-12")) == "12 February 2025");
  CHECK(shortMonth(day("2025-03-17")) == "Mar 2025");
}

TEST_CASE("timeline slider sets the date and Vandaag turns the filter off", "[ui][timeline]") {
  Harness h;
  CHECK(h.panel.span() == DateSpan{kFrom, kToday});
  CHECK_FALSE(h.panel.asOf());
  CHECK_FALSE(h.panel.changed());

  h.gui.clickAt(ImVec2(h.hooks().sliderMin.x + 2, h.sliderY()));
  CHECK(h.panel.asOf() == kFrom);
  CHECK(h.changedFrames == 1);  // the frame the slider was taken

  h.gui.clickAt(ImVec2((h.hooks().sliderMin.x + h.hooks().sliderMax.x) * 0.5f, h.sliderY()));
  REQUIRE(h.panel.asOf());
  CHECK(h.panel.asOf()->days - kFrom.days >= 28);
  CHECK(h.panel.asOf()->days - kFrom.days <= 31);
  CHECK(h.changedFrames == 2);

  // Taking hold at the right end sets today's date as a filter, although the value stays.
  h.panel.setAsOf(std::nullopt);
  h.gui.frame();
  h.gui.clickAt(ImVec2(h.hooks().sliderMax.x - 2, h.sliderY()));
  CHECK(h.panel.asOf() == kToday);

  h.changedFrames = 0;
  h.gui.clickAt(h.hooks().todayCenter);
  CHECK_FALSE(h.panel.asOf());
  CHECK(h.changedFrames == 1);
  h.gui.frame();
  CHECK_FALSE(h.panel.changed());
  CHECK_FALSE(h.panel.compareWith());
}

TEST_CASE("timeline play advances with frame time and stops at the end", "[ui][timeline]") {
  Harness h;
  h.gui.clickAt(h.hooks().playCenter);
  CHECK(h.panel.playing());
  CHECK(h.panel.asOf() == kFrom);

  // 12 s for 59 days: 4.917 days a second; six seconds reach day 29.5.
  h.frames(6, 1.0f);
  CHECK(h.panel.playing());
  CHECK(h.panel.asOf() == Date{kFrom.days + 29});

  // Pause keeps the date; play again goes on from it.
  h.gui.clickAt(h.hooks().playCenter);
  CHECK_FALSE(h.panel.playing());
  CHECK(h.panel.asOf() == Date{kFrom.days + 29});
  h.frames(3, 1.0f);
  CHECK(h.panel.asOf() == Date{kFrom.days + 29});
  h.gui.clickAt(h.hooks().playCenter);
  CHECK(h.panel.playing());
  CHECK(h.panel.asOf() == Date{kFrom.days + 29});

  h.frames(6, 1.0f);  // 29 + 29.5 days
  CHECK(h.panel.playing());
  CHECK(h.panel.asOf() == Date{kFrom.days + 58});
  h.frames(1, 1.0f);
  CHECK_FALSE(h.panel.playing());
  CHECK(h.panel.asOf() == kToday);
  h.frames(2, 1.0f);
  CHECK(h.panel.asOf() == kToday);

  // At the end, play starts over.
  h.gui.clickAt(h.hooks().playCenter);
  CHECK(h.panel.playing());
  CHECK(h.panel.asOf() == kFrom);
  // Taking the slider stops playing; so does Vandaag.
  h.gui.clickAt(ImVec2(h.hooks().sliderMax.x - 2, h.sliderY()));
  CHECK_FALSE(h.panel.playing());
  CHECK(h.panel.asOf() == kToday);
  h.gui.clickAt(h.hooks().playCenter);
  CHECK(h.panel.playing());
  h.gui.clickAt(h.hooks().todayCenter);
  CHECK_FALSE(h.panel.playing());
  CHECK_FALSE(h.panel.asOf());
}

TEST_CASE("timeline compare date toggles and remembers its day", "[ui][timeline]") {
  Harness h;
  const ImVec2 compareLeft(h.hooks().compareSliderMin.x + 2,
                           center(h.hooks().compareSliderMin, h.hooks().compareSliderMax).y);
  const ImVec2 compareRight(h.hooks().compareSliderMax.x - 2, compareLeft.y);
  // Off, the slider does nothing.
  h.gui.clickAt(compareRight);
  CHECK_FALSE(h.panel.compareWith());
  CHECK(h.changedFrames == 0);

  h.gui.clickAt(h.hooks().compareCheckCenter);
  CHECK(h.panel.compareWith() == kFrom);  // starts at the span's start
  CHECK(h.changedFrames == 1);
  h.gui.clickAt(compareRight);
  CHECK(h.panel.compareWith() == kToday);
  CHECK(h.changedFrames == 2);
  h.gui.clickAt(h.hooks().compareCheckCenter);
  CHECK_FALSE(h.panel.compareWith());
  h.gui.clickAt(h.hooks().compareCheckCenter);
  CHECK(h.panel.compareWith() == kToday);
  CHECK_FALSE(h.panel.asOf());  // the date filter is a separate thing

  // Both dates show on the chart as markers.
  h.panel.setAsOf(day("2025-02-12"));
  h.panel.setCompareWith(day("2025-01-22"));
  h.gui.frame();
  REQUIRE(h.chart().markerX);
  REQUIRE(h.chart().compareMarkerX);
  CHECK(*h.chart().markerX == Approx(h.panel.chart().sampleX(6)));
  CHECK(*h.chart().compareMarkerX == Approx(h.panel.chart().sampleX(3)));
  h.panel.setAsOf(std::nullopt);
  h.gui.frame();
  CHECK_FALSE(h.chart().markerX);
}

TEST_CASE("pipeline chart shows the counts of the hovered sample", "[ui][timeline]") {
  Harness h;
  const auto& samples = h.panel.chart().result().samples;
  REQUIRE(samples.size() == 10);
  CHECK(samples[6].date == day("2025-02-12"));
  CHECK(counts(samples[6]) == std::vector<int>{1, 0, 1, 1, 0, 0, 0});
  CHECK(h.chart().hoveredSample == -1);
  CHECK(h.chart().tooltip.empty());

  h.hoverSample(6);
  CHECK(h.chart().hoveredSample == 6);
  CHECK(h.chart().tooltip == std::vector<std::string>{"12 februari 2025", "idee: 1", "in bespreking: 0",
                                                      "afgesproken: 1", "geformaliseerd: 1", "in de praktijk: 0",
                                                      "geëvalueerd: 0", "stopgezet: 0", "Totaal: 3"});
  h.hoverSample(3);
  CHECK(h.chart().hoveredSample == 3);
  CHECK(h.chart().tooltip == std::vector<std::string>{"22 januari 2025", "idee: 0", "in bespreking: 1",
                                                      "afgesproken: 1", "geformaliseerd: 0", "in de praktijk: 0",
                                                      "geëvalueerd: 0", "stopgezet: 0", "Totaal: 2"});
  // The nearest sample: just short of halfway from 3 to 4 is still 3.
  h.gui.moveTo(ImVec2(h.panel.chart().sampleX(3) * 0.6f + h.panel.chart().sampleX(4) * 0.4f,
                      (h.chart().plotMin.y + h.chart().plotMax.y) * 0.5f));
  CHECK(h.chart().hoveredSample == 3);
  // Off the chart: nothing.
  h.gui.moveTo(ImVec2(h.panel.chart().sampleX(3), h.sliderY()));
  CHECK(h.chart().hoveredSample == -1);
  CHECK(h.chart().tooltip.empty());

  test::LanguageGuard english(Language::English);
  h.hoverSample(6);
  CHECK(h.chart().tooltip.front() == "12 February 2025");
  CHECK(h.chart().tooltip[3] == "agreed: 1");
  CHECK(h.chart().tooltip.back() == "Total: 3");
}

TEST_CASE("pipeline chart's prison combo filters the counts", "[ui][timeline]") {
  Harness h;
  h.gui.clickAt(h.chart().prisonComboCenter);
  h.gui.frame();
  const auto items = h.chart().prisonItems;
  REQUIRE(items.size() == 3);
  CHECK(items[0].first == 0);
  CHECK(items[1].first == h.brugge);  // by name
  CHECK(items[2].first == h.gent);

  h.gui.clickAt(items[2].second);
  h.gui.frame();
  CHECK(h.panel.chart().prison() == h.gent);
  CHECK(h.chart().prisonItems.empty());  // closed
  const auto& samples = h.panel.chart().result().samples;
  REQUIRE(samples.size() == 10);
  CHECK(counts(samples[6]) == std::vector<int>{0, 0, 1, 0, 0, 0, 0});  // A1 only
  h.hoverSample(6);
  CHECK(h.chart().tooltip.back() == "Totaal: 1");

  h.gui.clickAt(h.chart().prisonComboCenter);
  h.gui.frame();
  REQUIRE(h.chart().prisonItems.size() == 3);
  h.gui.clickAt(h.chart().prisonItems[1].second);
  h.gui.frame();
  CHECK(h.panel.chart().prison() == h.brugge);
  CHECK(counts(h.panel.chart().result().samples[6]) == std::vector<int>{1, 0, 0, 0, 0, 0, 0});  // A3

  h.gui.clickAt(h.chart().prisonComboCenter);
  h.gui.frame();
  REQUIRE(h.chart().prisonItems.size() == 3);
  h.gui.clickAt(h.chart().prisonItems[0].second);
  h.gui.frame();
  CHECK(h.panel.chart().prison() == 0);
  CHECK(counts(h.panel.chart().result().samples[6]) == std::vector<int>{1, 0, 1, 1, 0, 0, 0});
}

TEST_CASE("timeline of a map without dates, and the bar alone", "[ui][timeline]") {
  Model m = defaultModel(embeddedData(), "test");
  TimelinePanel panel;
  panel.setToday(kToday);
  float height = 400;
  test::HeadlessGui gui([&] { panel.draw(m, 1, ImVec2(0, 0), ImVec2(1280, height)); });
  gui.frame();
  CHECK(panel.span() == DateSpan{kToday, kToday});
  // Nothing to play over.
  gui.clickAt(panel.hooks().playCenter);
  CHECK_FALSE(panel.playing());
  CHECK_FALSE(panel.asOf());
  CHECK(panel.chart().result().maxTotal() == 0);

  // A rect of the bar's height draws the bar and no chart.
  TimelinePanel barOnly;
  barOnly.setToday(kToday);
  gui.frame([&] { barOnly.draw(m, 1, ImVec2(0, 0), ImVec2(1280, TimelinePanel::barHeight())); });
  CHECK(barOnly.hooks().sliderMax.x > barOnly.hooks().sliderMin.x);
  CHECK(barOnly.chart().result().samples.empty());
}
