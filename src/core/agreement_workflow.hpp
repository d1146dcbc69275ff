#pragma once
// The rules of the agreement status workflow (DESIGN.md, Agreement):
// idea → in discussion → agreed → formalised → in practice → evaluated, or stopped.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace nestmap {

/// Where a status stands in the workflow order (idea 0 … evaluated 5); nullopt for stopped, which stands outside it.
std::optional<int> workflowStep(AgreementStatus status);

/// Why `agreement` may not move to `to` on `date` with `note`, in the user's
/// language; nullopt when it may. Forward by one or more steps and stopping are
/// free; a step back or reopening a stopped agreement needs a note; the same
/// status again and a date before the last change are refused; the first
/// status of an agreement without history may be any.
std::optional<std::string> checkStatusChange(const Agreement& agreement, AgreementStatus to, Date date,
                                             std::string_view note);

/// The history replayed change by change through checkStatusChange: one text
/// per change that breaks a rule, prefixed with its date (empty when it keeps them all).
std::vector<std::string> workflowProblems(const Agreement& agreement);

}  // namespace nestmap
