#include "analysis/agreement_pipeline.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <string_view>
#include <vector>

#include "analysis/nest_coverage.hpp"

namespace nestmap {
namespace {

/// The records that can put an actor on a prison's side on some day: the
/// prison, every actor under it whatever its dates, every actor of a side type
/// tied to it, and those ties. PrisonSides on this small map gives the
/// prison's side on any day just as on the whole map, without a pass over
/// every tie per sample (0.8 s for 106 samples of a 500k-tie map).
Model sideCandidates(const Model& model, RowId prisonId) {
  Model out;
  out.actorTypes = model.actorTypes;
  if (!model.actors.contains(prisonId)) return out;
  std::map<RowId, std::vector<RowId>> children;
  for (const auto& [id, a] : model.actors)
    if (a.parentId) children[a.parentId].push_back(id);
  std::set<RowId> keep{prisonId};
  std::vector<RowId> queue{prisonId};
  for (std::size_t i = 0; i < queue.size(); ++i)
    if (auto it = children.find(queue[i]); it != children.end())
      for (RowId child : it->second)
        if (keep.insert(child).second) queue.push_back(child);
  std::vector<RowId> sideTypes;
  for (std::string_view k : kSideTypeKeys)
    if (const ActorType* t = model.actorTypeByKey(k)) sideTypes.push_back(t->id);
  for (const auto& [id, tie] : model.ties) {
    const RowId other = tie.sourceId == prisonId ? tie.targetId : tie.targetId == prisonId ? tie.sourceId : 0;
    const Actor* a = other ? model.actors.find(other) : nullptr;
    if (!a || std::find(sideTypes.begin(), sideTypes.end(), a->typeId) == sideTypes.end()) continue;
    keep.insert(other);
    out.ties.put(tie);
  }
  for (RowId id : keep) out.actors.put(*model.actors.find(id));
  return out;
}

}  // namespace

DateSpan projectSpan(const Model& model, Date today) {
  Date earliest = today;
  for (const auto& [id, a] : model.agreements)
    for (const StatusChange& change : a.history) earliest = std::min(earliest, change.date);
  for (const auto& [id, a] : model.actors)
    if (a.validFrom) earliest = std::min(earliest, *a.validFrom);
  for (const auto& [id, t] : model.ties)
    if (t.validFrom) earliest = std::min(earliest, *t.validFrom);
  return {earliest, today};
}

int AgreementPipeline::Sample::total() const { return std::accumulate(counts.begin(), counts.end(), 0); }

int AgreementPipeline::Result::maxTotal() const {
  int most = 0;
  for (const Sample& s : samples) most = std::max(most, s.total());
  return most;
}

PipelineStep AgreementPipeline::stepFor(const DateSpan& span) {
  return span.days() <= 110 * 7 ? PipelineStep::Week : PipelineStep::Month;
}

std::vector<Date> AgreementPipeline::sampleDates(const DateSpan& span, PipelineStep step) {
  std::vector<Date> out{span.from};
  if (span.to <= span.from) return out;
  if (step == PipelineStep::Week) {
    for (Date d{span.from.days + 7}; d < span.to; d.days += 7) out.push_back(d);
  } else {
    // Firsts of months read well on the axis and in the tooltip.
    int year = span.from.year(), month = span.from.month();
    for (;;) {
      if (++month > 12) {
        month = 1;
        ++year;
      }
      const Date first = *Date::fromYmd(year, month, 1);
      if (first >= span.to) break;
      out.push_back(first);
    }
  }
  out.push_back(span.to);
  return out;
}

AgreementPipeline::Result AgreementPipeline::run(const Model& model, const Params& params) {
  Result result;
  const Model candidates = params.prisonId ? sideCandidates(model, params.prisonId) : Model();
  for (Date day : sampleDates(params.span, params.step)) {
    Sample sample{day, {}};
    // A prison's side moves with time (ties begin and end), so it is taken per sample day.
    std::vector<RowId> side;
    if (params.prisonId) {
      const PrisonSides sides = PrisonSides::of(candidates, day);
      if (const PrisonSides::Side* s = sides.find(params.prisonId)) side = s->actors;
      std::sort(side.begin(), side.end());
    }
    for (const auto& [id, a] : model.agreements) {
      const auto status = a.statusOn(day);
      if (!status) continue;
      if (params.prisonId && a.scopePrisonId != params.prisonId &&
          std::none_of(a.parties.begin(), a.parties.end(), [&](const AgreementParty& p) {
            return std::binary_search(side.begin(), side.end(), p.actorId);
          }))
        continue;
      ++sample.counts[static_cast<std::size_t>(*status)];
    }
    result.samples.push_back(sample);
  }
  return result;
}

}  // namespace nestmap
