#pragma once
// [SECTION] DateSpan: the days a project covers
// [SECTION] AgreementPipeline: agreements per status on sample days

#include <array>
#include <cstddef>
#include <vector>

#include "core/model.hpp"

namespace nestmap {

// ---------------------------------------------------------------------------
// [SECTION] DateSpan: the days a project covers

/// A range of days, both ends included.
struct DateSpan {
  Date from, to;
  /// Days from `from` to `to` (0 when they are the same day).
  int days() const { return to.days - from.days; }
  friend bool operator==(const DateSpan&, const DateSpan&) = default;
};

/// The days a map's project covers: from its earliest dated status change or
/// actor or tie validFrom to `today` (from = today when nothing is dated, or
/// everything dated lies after today).
DateSpan projectSpan(const Model& model, Date today = Date::today());

// ---------------------------------------------------------------------------
// [SECTION] AgreementPipeline: agreements per status on sample days

/// How far apart the samples of a pipeline lie.
enum class PipelineStep { Week, Month };

struct AgreementPipelineParams {
  DateSpan span;
  PipelineStep step = PipelineStep::Month;
  RowId prisonId = 0;  ///< 0: every agreement; else those of this prison only
};

/// How many agreements stood in each status on a series of days: the data of
/// the pipeline chart.
///
/// An agreement counts on a day in the status statusOn(day) gives; before its
/// first history entry it counts nowhere. For one prison, an agreement counts
/// when it is scoped to the prison or has a party on the prison's side
/// (PrisonSides) as that side stood on the sample day.
struct AgreementPipeline {
  using Params = AgreementPipelineParams;
  static constexpr std::size_t kStatusCount = std::size(kAllAgreementStatuses);

  struct Sample {
    Date date;
    std::array<int, kStatusCount> counts{};  ///< indexed by AgreementStatus
    int count(AgreementStatus s) const { return counts[static_cast<std::size_t>(s)]; }
    int total() const;
  };
  struct Result {
    std::vector<Sample> samples;  ///< in date order: span.from, the steps after it, span.to
    int maxTotal() const;         ///< the largest total of a sample, 0 when there is none
  };

  /// The step that gives a span between about 25 and 110 samples where it can:
  /// weeks up to 110 weeks, months beyond.
  static PipelineStep stepFor(const DateSpan& span);
  /// The sample days: span.from; then every 7 days (weeks) or the first of
  /// every month (months) after it; then span.to, so the last step may be short.
  static std::vector<Date> sampleDates(const DateSpan& span, PipelineStep step);
  static Result run(const Model& model, const Params& params);
};

}  // namespace nestmap
