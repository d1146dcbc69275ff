#include "core/agreement_workflow.hpp"

#include "core/i18n.hpp"

namespace nestmap {
namespace {

std::string statusLabel(AgreementStatus s) { return tr(std::string("status.") + std::string(key(s))); }

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

std::optional<int> workflowStep(AgreementStatus status) {
  switch (status) {
    case AgreementStatus::Idea:
      return 0;
    case AgreementStatus::Discussion:
      return 1;
    case AgreementStatus::Agreed:
      return 2;
    case AgreementStatus::Formalised:
      return 3;
    case AgreementStatus::Practice:
      return 4;
    case AgreementStatus::Evaluated:
      return 5;
    case AgreementStatus::Stopped:
      break;
  }
  return std::nullopt;
}

std::optional<std::string> checkStatusChange(const Agreement& agreement, AgreementStatus to, Date date,
                                             std::string_view note) {
  // A new agreement may start anywhere: an afspraak is often recorded only
  // once it has been made.
  if (agreement.history.empty()) return std::nullopt;
  const StatusChange& last = agreement.history.back();
  if (date < last.date)
    return trf("workflow.date_before",
               {agreement.title, date.toString(), last.date.toString(), statusLabel(last.status)});
  if (to == last.status) return trf("workflow.same_status", {agreement.title, statusLabel(to)});
  if (to == AgreementStatus::Stopped) return std::nullopt;
  // Going back — and starting again after a stop — is allowed, but the
  // history must say why, or the timeline cannot be read afterwards.
  if (last.status == AgreementStatus::Stopped) {
    if (blank(note)) return trf("workflow.reopen_needs_note", {agreement.title, statusLabel(to)});
    return std::nullopt;
  }
  if (*workflowStep(to) < *workflowStep(last.status) && blank(note))
    return trf("workflow.back_needs_note", {agreement.title, statusLabel(last.status), statusLabel(to)});
  return std::nullopt;
}

std::vector<std::string> workflowProblems(const Agreement& agreement) {
  std::vector<std::string> out;
  Agreement replay = agreement;
  replay.history.clear();
  for (const StatusChange& change : agreement.history) {
    if (auto problem = checkStatusChange(replay, change.status, change.date, change.note))
      out.push_back(change.date.toString() + ": " + *problem);
    replay.history.push_back(change);
  }
  return out;
}

}  // namespace nestmap
