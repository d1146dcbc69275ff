// AgreementPipeline and projectSpan on hand-built histories, with every
// count worked out by hand; per prison on the demo map against a plain recount.
#include "analysis/agreement_pipeline.hpp"

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "analysis/nest_coverage.hpp"
#include "io/data_sources.hpp"
#include "support/map_builder.hpp"

using namespace nestmap;

namespace {

Date day(std::string_view iso) { return *Date::parse(iso); }

StatusChange on(std::string_view iso, AgreementStatus status) { return {day(iso), status, ""}; }

using S = AgreementStatus;

/// A map with the default taxonomy, grown record by record.
struct TestMap {
  Model m = defaultModel(embeddedData(), "test");

  RowId actor(std::string name, std::string_view typeKey, RowId parent = 0) {
    return test::putActor(m, std::move(name), typeKey, parent);
  }

  RowId tie(RowId a, RowId b, std::optional<Date> from = {}, std::optional<Date> to = {}) {
    return test::putTie(m, a, b, "consultation", TieStatus::Active, from, to);
  }

  RowId agreement(std::vector<RowId> parties, std::vector<StatusChange> history, RowId scope = 0) {
    return test::putAgreement(m, std::move(parties), std::move(history), scope);
  }
};

std::vector<std::string> isoDates(const std::vector<Date>& dates) {
  std::vector<std::string> out;
  for (Date d : dates) out.push_back(d.toString());
  return out;
}

/// The counts of one sample in workflow order: idea, discussion, agreed, formalised, practice, evaluated, stopped.
std::vector<int> counts(const AgreementPipeline::Sample& s) { return {s.counts.begin(), s.counts.end()}; }

}  // namespace

TEST_CASE("Pipeline samples every week or every first of the month, and the last day", "[pipeline]") {
  const DateSpan span{day("2025-01-15"), day("2025-02-20")};
  CHECK(isoDates(AgreementPipeline::sampleDates(span, PipelineStep::Week)) ==
        std::vector<std::string>{"2025-01-15", "2025-01-22", "2025-01-29", "2025-02-05", "2025-02-12", "2025-02-19",
                                 "2025-02-20"});
  CHECK(isoDates(AgreementPipeline::sampleDates(span, PipelineStep::Month)) ==
        std::vector<std::string>{"2025-01-15", "2025-02-01", "2025-02-20"});
  // Across a new year; a span that starts on a first and ends on one has no short steps.
  CHECK(isoDates(AgreementPipeline::sampleDates({day("2024-11-01"), day("2025-02-01")}, PipelineStep::Month)) ==
        std::vector<std::string>{"2024-11-01", "2024-12-01", "2025-01-01", "2025-02-01"});
  CHECK(isoDates(AgreementPipeline::sampleDates({day("2025-01-01"), day("2025-01-15")}, PipelineStep::Week)) ==
        std::vector<std::string>{"2025-01-01", "2025-01-08", "2025-01-15"});
  // One day: one sample.
  CHECK(isoDates(AgreementPipeline::sampleDates({day("2025-03-03"), day("2025-03-03")}, PipelineStep::Week)) ==
        std::vector<std::string>{"2025-03-03"});
}

TEST_CASE("Pipeline picks weeks up to 110 weeks and months beyond", "[pipeline]") {
  const DateSpan twoYears{day("2024-01-01"), day("2025-12-31")};
  CHECK(AgreementPipeline::stepFor(twoYears) == PipelineStep::Week);
  CHECK(AgreementPipeline::sampleDates(twoYears, AgreementPipeline::stepFor(twoYears)).size() == 106);
  const DateSpan threeYears{day("2023-01-01"), day("2025-12-31")};
  CHECK(AgreementPipeline::stepFor(threeYears) == PipelineStep::Month);
  CHECK(AgreementPipeline::sampleDates(threeYears, AgreementPipeline::stepFor(threeYears)).size() == 37);
  CHECK(AgreementPipeline::stepFor({day("2024-01-01"), Date{day("2024-01-01").days + 770}}) == PipelineStep::Week);
  CHECK(AgreementPipeline::stepFor({day("2024-01-01"), Date{day("2024-01-01").days + 771}}) == PipelineStep::Month);
}

TEST_CASE("The project span runs from the earliest dated record to today", "[pipeline]") {
  const Date today = day("2026-06-30");
  TestMap t;
  // Nothing dated yet: today only.
  CHECK(projectSpan(t.m, today) == DateSpan{today, today});
  const RowId a = t.actor("A", "caw");
  const RowId b = t.actor("B", "ocmw");
  t.agreement({a, b}, {on("2025-03-01", S::Idea), on("2025-05-01", S::Agreed)});
  CHECK(projectSpan(t.m, today) == DateSpan{day("2025-03-01"), today});
  t.tie(a, b, day("2024-11-20"), day("2025-01-01"));
  CHECK(projectSpan(t.m, today) == DateSpan{day("2024-11-20"), today});
  t.m.actors.find(b)->validFrom = day("2024-09-02");
  CHECK(projectSpan(t.m, today) == DateSpan{day("2024-09-02"), today});
  // An end date says nothing about the start.
  t.m.actors.find(a)->validTo = day("2020-01-01");
  CHECK(projectSpan(t.m, today).from == day("2024-09-02"));
  // Records dated after today do not move the start past today.
  TestMap later;
  later.agreement({}, {on("2027-01-01", S::Idea)});
  CHECK(projectSpan(later.m, today) == DateSpan{today, today});
}

TEST_CASE("Pipeline counts each agreement in its status on each sample day", "[pipeline]") {
  // Months, 2025-01-01 .. 2025-05-01:
  //
  //            01-01       02-01      03-01      04-01       05-01
  //   A1            idea 01-10  discussion 02-15  agreed 03-01  practice 04-20
  //   A2                  idea 02-01          stopped 03-20
  //   A3   (no history: counts nowhere)
  //   A4   discussion 2024-12-01 ........ formalised 04-01
  //   A5            agreed 01-05 ... back to discussion 02-01 ... agreed 03-10
  TestMap t;
  const RowId x = t.actor("X", "caw"), y = t.actor("Y", "ocmw");
  t.agreement({x, y}, {on("2025-01-10", S::Idea), on("2025-02-15", S::Discussion), on("2025-03-01", S::Agreed),
                       on("2025-04-20", S::Practice)});
  t.agreement({x, y}, {on("2025-02-01", S::Idea), on("2025-03-20", S::Stopped)});
  t.agreement({x, y}, {});
  t.agreement({x, y}, {on("2024-12-01", S::Discussion), on("2025-04-01", S::Formalised)});
  t.agreement({x, y}, {on("2025-01-05", S::Agreed), on("2025-02-01", S::Discussion), on("2025-03-10", S::Agreed)});

  const auto result = AgreementPipeline::run(t.m, {{day("2025-01-01"), day("2025-05-01")}, PipelineStep::Month, 0});
  REQUIRE(result.samples.size() == 5);
  //                                                    idea disc agr form prac eval stop
  CHECK(counts(result.samples[0]) == std::vector<int>{0, 1, 0, 0, 0, 0, 0});  // 01-01: A4
  CHECK(counts(result.samples[1]) == std::vector<int>{2, 2, 0, 0, 0, 0, 0});  // 02-01: A1 A2 | A4 A5
  CHECK(counts(result.samples[2]) == std::vector<int>{1, 2, 1, 0, 0, 0, 0});  // 03-01: A2 | A4 A5 | A1
  CHECK(counts(result.samples[3]) == std::vector<int>{0, 0, 2, 1, 0, 0, 1});  // 04-01: A1 A5 | A4 | A2
  CHECK(counts(result.samples[4]) == std::vector<int>{0, 0, 1, 1, 1, 0, 1});  // 05-01
  CHECK(result.samples[2].date == day("2025-03-01"));
  CHECK(result.samples[2].count(S::Agreed) == 1);
  CHECK(result.samples[2].total() == 4);
  CHECK(result.samples[4].total() == 4);
  CHECK(result.maxTotal() == 4);

  // Weeks: the same agreements one week into February (02-08): A1 A2 idea, A4 A5 discussion.
  const auto weeks = AgreementPipeline::run(t.m, {{day("2025-02-01"), day("2025-02-20")}, PipelineStep::Week, 0});
  REQUIRE(weeks.samples.size() == 4);  // 02-01, 02-08, 02-15, 02-20
  CHECK(counts(weeks.samples[1]) == std::vector<int>{2, 2, 0, 0, 0, 0, 0});
  CHECK(counts(weeks.samples[2]) == std::vector<int>{1, 3, 0, 0, 0, 0, 0});  // A1 moved to discussion on 02-15

  CHECK(AgreementPipeline::run(TestMap().m, {{day("2025-01-01"), day("2025-05-01")}, PipelineStep::Month, 0})
            .maxTotal() == 0);
}

TEST_CASE("Pipeline for one prison counts its scope and its side as of each day", "[pipeline]") {
  //   Gent (prison) ── PSD Gent         tie valid from 2025-02-15
  //        └─ Gent team (child of Gent, any type)
  //   Brugge (prison)
  //   X, Y: partners off every side
  //
  //   B1  X–Y, scoped to Gent                 idea 01-01
  //   B2  PSD Gent–X                          agreed 01-01   (on Gent's side from 02-15)
  //   B3  Brugge–X, scoped to Brugge          agreed 01-01
  //   B4  Gent team–Y                         formalised 01-20
  //   B5  X–Y                                 idea 01-01     (no prison)
  TestMap t;
  const RowId gent = t.actor("Gent", "prison");
  const RowId brugge = t.actor("Brugge", "prison");
  const RowId psd = t.actor("PSD Gent", "psd");
  const RowId team = t.actor("Gent team", "other", gent);
  const RowId x = t.actor("X", "caw"), y = t.actor("Y", "ocmw");
  const RowId psdTie = t.tie(gent, psd, day("2025-02-15"));
  t.agreement({x, y}, {on("2025-01-01", S::Idea)}, gent);
  t.agreement({psd, x}, {on("2025-01-01", S::Agreed)});
  t.agreement({brugge, x}, {on("2025-01-01", S::Agreed)}, brugge);
  t.agreement({team, y}, {on("2025-01-20", S::Formalised)});
  t.agreement({x, y}, {on("2025-01-01", S::Idea)});

  const DateSpan span{day("2025-01-01"), day("2025-03-01")};  // samples 01-01, 02-01, 03-01
  const auto all = AgreementPipeline::run(t.m, {span, PipelineStep::Month, 0});
  REQUIRE(all.samples.size() == 3);
  CHECK(counts(all.samples[0]) == std::vector<int>{2, 0, 2, 0, 0, 0, 0});
  CHECK(counts(all.samples[2]) == std::vector<int>{2, 0, 2, 1, 0, 0, 0});

  const auto g = AgreementPipeline::run(t.m, {span, PipelineStep::Month, gent});
  REQUIRE(g.samples.size() == 3);
  CHECK(counts(g.samples[0]) == std::vector<int>{1, 0, 0, 0, 0, 0, 0});  // B1
  CHECK(counts(g.samples[1]) == std::vector<int>{1, 0, 0, 1, 0, 0, 0});  // B1, B4
  CHECK(counts(g.samples[2]) == std::vector<int>{1, 0, 1, 1, 0, 0, 0});  // B1, B4, B2 (PSD joined the side)

  const auto b = AgreementPipeline::run(t.m, {span, PipelineStep::Month, brugge});
  CHECK(counts(b.samples[0]) == std::vector<int>{0, 0, 1, 0, 0, 0, 0});  // B3
  CHECK(counts(b.samples[2]) == std::vector<int>{0, 0, 1, 0, 0, 0, 0});

  // The PSD's tie ends: from then on B2 is no longer Gent's.
  t.m.ties.find(psdTie)->validTo = day("2025-02-20");
  const auto ended = AgreementPipeline::run(t.m, {span, PipelineStep::Month, gent});
  CHECK(counts(ended.samples[2]) == std::vector<int>{1, 0, 0, 1, 0, 0, 0});
}

TEST_CASE("Pipeline per prison on the demo map equals a recount with each day's PrisonSides", "[pipeline]") {
  // The reference recounts with PrisonSides on the whole map, one day at a time.
  const Model m = demoModel(embeddedData());
  const DateSpan span = projectSpan(m, day("2026-03-01"));
  const auto dates = AgreementPipeline::sampleDates(span, PipelineStep::Month);
  const PrisonSides today = PrisonSides::of(m, span.to);
  REQUIRE(today.prisons.size() >= 3);
  int counted = 0;
  for (const PrisonSides::Side& prison : today.prisons) {
    INFO("prison " << m.actors.find(prison.prisonId)->name);
    const auto result = AgreementPipeline::run(m, {span, PipelineStep::Month, prison.prisonId});
    REQUIRE(result.samples.size() == dates.size());
    for (std::size_t i = 0; i < dates.size(); ++i) {
      const PrisonSides sides = PrisonSides::of(m, dates[i]);
      const PrisonSides::Side* side = sides.find(prison.prisonId);
      std::array<int, AgreementPipeline::kStatusCount> expected{};
      for (const auto& [id, a] : m.agreements) {
        const auto status = a.statusOn(dates[i]);
        if (!status) continue;
        bool mine = a.scopePrisonId == prison.prisonId;
        for (const AgreementParty& p : a.parties)
          if (side && std::find(side->actors.begin(), side->actors.end(), p.actorId) != side->actors.end()) mine = true;
        if (mine) ++expected[static_cast<std::size_t>(*status)];
      }
      INFO("on " << dates[i].toString());
      CHECK(result.samples[i].counts == expected);
      counted += result.samples[i].total();
    }
  }
  CHECK(counted > 0);  // the demo's prisons do have agreements
}
