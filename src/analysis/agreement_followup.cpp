#include "analysis/agreement_followup.hpp"

#include <algorithm>

namespace nestmap {

AgreementFollowUp::Result AgreementFollowUp::run(const Model& model, const Params& params) {
  Result result;
  for (const auto& [id, a] : model.agreements) {
    // The agreement as it stood on the day: later history has not happened yet.
    const auto status = a.statusOn(params.today);
    if (!status || *status == AgreementStatus::Stopped || *status == AgreementStatus::Evaluated) continue;
    if (a.reviewDate) {
      const int left = a.reviewDate->days - params.today.days;
      if (left < 0)
        result.overdue.push_back({id, -left});
      else if (left <= params.dueWithinDays)
        result.dueSoon.push_back({id, left});
    }
    if (*status == AgreementStatus::Idea || *status == AgreementStatus::Discussion ||
        *status == AgreementStatus::Agreed) {
      Date last = a.history.front().date;
      for (const StatusChange& change : a.history)
        if (change.date <= params.today) last = change.date;
      const int since = params.today.days - last.days;
      if (since >= params.stallAfterDays) result.stalled.push_back({id, since});
    }
  }
  auto byDays = [](bool descending) {
    return [descending](const Item& x, const Item& y) {
      return x.days != y.days ? (descending ? x.days > y.days : x.days < y.days) : x.agreementId < y.agreementId;
    };
  };
  std::sort(result.overdue.begin(), result.overdue.end(), byDays(true));
  std::sort(result.dueSoon.begin(), result.dueSoon.end(), byDays(false));
  std::sort(result.stalled.begin(), result.stalled.end(), byDays(true));
  return result;
}

}  // namespace nestmap
