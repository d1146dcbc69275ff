#pragma once
// How the nest analysis is put into words, for the terminal, Markdown and
// JSON: shared by `nestmap gaps`, `nestmap partners` and `nestmap report`.

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "analysis/nest_coverage.hpp"
#include "analysis/nest_names.hpp"
#include "analysis/partner_finder.hpp"
#include "core/model.hpp"

namespace nestmap {

/// The category's name in the current language.
std::string categoryName(const NestCategory& category);
/// A cell as one short mark: ● formalised, ◐ informal, ○ missing, then ! when fragile and ⌛ when stale.
std::string cellMark(const CoverageCell& cell);
/// Why a fragile cell is fragile, in a sentence naming the actor or tie.
std::string fragilityText(const Model& model, const CoverageCell& cell);
/// A path of actors as "A → B → C".
std::string pathText(const Model& model, const std::vector<RowId>& actors);

/// The prison a user names (case- and accent-insensitive; name, short name or
/// key); throws UserError with the close matches when none or several fit.
RowId findPrison(const Model& model, const std::string& name, Date asOf);
/// The category of the template a user names (key or name, either language).
RowId findCategory(const Model& model, RowId templateId, const std::string& name);
/// A date option's value; throws UserError naming the option when it is no valid YYYY-MM-DD.
Date parseDateOption(const std::string& text);

/// The coverage as JSON (the `nestmap gaps --format json` contract).
nlohmann::ordered_json coverageJson(const Model& model, const NestCoverage::Result& coverage,
                                    const std::optional<std::pair<Date, CoverageDiff>>& changes,
                                    const SectorGaps::Result& sectors);
/// The partner list as JSON (the `nestmap partners --format json` contract).
nlohmann::ordered_json partnersJson(const Model& model, const PartnerFinder::Result& partners, Date asOf);

/// The coverage matrix as a Markdown table, with its legend.
void coverageMatrixMarkdown(std::ostream& out, const Model& model, const NestCoverage::Result& coverage);

/// The fragile and stale cells in words: what hangs on one actor or tie, the
/// prisons' single partners, and the cells whose agreements all await review.
void writeFlagLists(std::ostream& out, const Model& model, const NestCoverage::Result& coverage,
                    const std::string& indent);

struct NestReportParams {
  Date asOf = Date::today();
  std::optional<Date> since;  ///< also list the cells gained and lost since this day
  int partnersPerGap = 3;
  std::vector<RowId> prisons;  ///< only these prisons (empty: every prison)
  bool shareSafe = false;      ///< no owners (the only personal field the Markdown report shows)
};
/// A report for a steering group in Markdown: the coverage matrix, the
/// weakest nests, fragile points, agreements that need follow-up, sectors
/// without ties, and partner suggestions for every gap.
void nestReportMarkdown(std::ostream& out, const Model& model, const NestReportParams& params);

}  // namespace nestmap
