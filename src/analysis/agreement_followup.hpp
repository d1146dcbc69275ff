#pragma once
// [SECTION] AgreementFollowUp: agreements whose review is due or overdue, and those that stalled

#include <vector>

#include "core/model.hpp"

namespace nestmap {

struct AgreementFollowUpParams {
  Date today = Date::today();
  int dueWithinDays = 14;    ///< a review this close is "due soon"
  int stallAfterDays = 180;  ///< an agreement not yet formalised and unchanged this long has stalled
};

/// Which agreements need follow-up on a day. Stopped and evaluated
/// agreements need none.
struct AgreementFollowUp {
  using Params = AgreementFollowUpParams;
  struct Item {
    RowId agreementId = 0;
    int days = 0;  ///< overdue: days past the review; due soon: days left; stalled: days since the last change
  };
  struct Result {
    std::vector<Item> overdue;  ///< review date before today; most overdue first
    std::vector<Item> dueSoon;  ///< review date today or within dueWithinDays; soonest first
    std::vector<Item> stalled;  ///< idea, in discussion or agreed, unchanged for stallAfterDays; longest first
  };
  static Result run(const Model& model, const Params& params = {});
};

}  // namespace nestmap
