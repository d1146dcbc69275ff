// [SECTION] names, marks and sentences
// [SECTION] finding prisons and categories by name
// [SECTION] JSON
// [SECTION] Markdown: the matrix and the steering-group report
#include "app/nest_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <ostream>

#include "analysis/agreement_followup.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"

namespace nestmap {
namespace {

using json = nlohmann::ordered_json;

const Actor& actor(const Model& m, RowId id) { return *m.actors.find(id); }

double round2(double v) { return std::round(v * 100.0) / 100.0; }

std::string statusLabel(const Model& m, AgreementStatus status) {
  for (const auto& [id, label] : m.statusLabels)
    if (label.status == status) return language() == Language::Dutch ? label.nameNl : label.nameEn;
  return std::string(key(status));
}

/// Markdown table cells must not contain a bare `|`.
std::string mdCell(std::string s) {
  for (std::size_t at = s.find('|'); at != std::string::npos; at = s.find('|', at + 2)) s.replace(at, 1, "\\|");
  return s;
}

std::string listText(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] names, marks and sentences

std::string categoryName(const NestCategory& category) {
  return language() == Language::Dutch ? category.nameNl : category.nameEn;
}

std::string cellMark(const CoverageCell& cell) {
  std::string mark = cell.status == CoverageStatus::Formalised ? "●"
                     : cell.status == CoverageStatus::Informal ? "◐"
                                                               : "○";
  if (cell.fragile) mark += "!";
  if (cell.stale) mark += "~";
  return mark;
}

std::string fragilityText(const Model& model, const CoverageCell& cell) {
  switch (cell.fragility) {
    case Fragility::SinglePartner:
      return trf("nest.fragile.single_partner", {actor(model, cell.partners.front().actorId).name});
    case Fragility::SingleActor:
      return trf("nest.fragile.single_actor", {actor(model, cell.singleActor).name});
    case Fragility::SingleTie:
      return trf("nest.fragile.single_tie",
                 {actor(model, cell.singleTie.first).name, actor(model, cell.singleTie.second).name});
    case Fragility::None:
      break;
  }
  return "";
}

std::string pathText(const Model& model, const std::vector<RowId>& actors) {
  std::string out;
  for (std::size_t i = 0; i < actors.size(); ++i) out += (i ? " → " : "") + actor(model, actors[i]).name;
  return out;
}

// ---------------------------------------------------------------------------
// [SECTION] finding prisons and categories by name

RowId findPrison(const Model& model, const std::string& name, Date asOf) {
  std::vector<NameCandidate> prisons;
  for (const auto& side : PrisonSides::of(model, asOf).prisons) {
    const Actor& p = actor(model, side.prisonId);
    prisons.push_back({p.id, p.name, {p.name, p.shortName, p.externalId, p.uuid.toString()}});
  }
  const NameMatch match = matchName(name, prisons);
  if (!match.id) throwNameError(match, name, "nest.unknown_prison", "nest.ambiguous_prison");
  return match.id;
}

RowId findCategory(const Model& model, RowId templateId, const std::string& name) {
  std::vector<NameCandidate> categories;
  for (const NestCategory* c : templateCategories(model, templateId))
    categories.push_back({c->id, categoryName(*c) + " (" + c->key + ")", {c->key, c->nameNl, c->nameEn}});
  const NameMatch match = matchName(name, categories);
  if (!match.id) throwNameError(match, name, "nest.unknown_category", "nest.ambiguous_category");
  return match.id;
}

Date parseDateOption(const std::string& text) {
  if (auto d = Date::parse(text)) return *d;
  throw UserError(UserError::Kind::InvalidInput, trf("data.bad_date", {text}));
}

// ---------------------------------------------------------------------------
// [SECTION] JSON

namespace {

json agreementJson(const Model& m, RowId id, Date asOf) {
  const Agreement& a = *m.agreements.find(id);
  json j;
  j["id"] = a.uuid.toString();
  j["title"] = a.title;
  const auto status = a.statusOn(asOf);
  j["status"] = status ? json(std::string(key(*status))) : json(nullptr);
  j["review_date"] = a.reviewDate ? json(a.reviewDate->toString()) : json(nullptr);
  j["stale"] = a.reviewDate && *a.reviewDate < asOf;
  return j;
}

json cellJson(const Model& m, const NestCategory& category, const CoverageCell& cell, Date asOf) {
  json j;
  j["category"] = category.key;
  j["status"] = std::string(key(cell.status));
  j["fragile"] = cell.fragile;
  j["stale"] = cell.stale;
  j["value"] = round2(cell.value);
  json evidence;
  evidence["partners"] = json::array();
  for (const CellPartner& p : cell.partners) {
    const Actor& a = actor(m, p.actorId);
    const ActorType* type = m.actorTypes.find(a.typeId);
    evidence["partners"].push_back({{"id", a.uuid.toString()},
                                    {"name", a.name},
                                    {"type", type ? type->key : ""},
                                    {"hops", p.hops < 0 ? json(nullptr) : json(p.hops)},
                                    {"formal", p.formal}});
  }
  evidence["agreements"] = json::array();
  for (RowId id : cell.agreements) evidence["agreements"].push_back(agreementJson(m, id, asOf));
  evidence["pending_agreements"] = json::array();
  for (RowId id : cell.pendingAgreements) evidence["pending_agreements"].push_back(agreementJson(m, id, asOf));
  evidence["ties"] = json::array();
  for (RowId id : cell.ties) {
    const Tie& t = *m.ties.find(id);
    const TieType* type = m.tieTypes.find(t.typeId);
    evidence["ties"].push_back({{"id", t.uuid.toString()},
                                {"source", actor(m, t.sourceId).name},
                                {"target", actor(m, t.targetId).name},
                                {"type", type ? type->key : ""}});
  }
  evidence["paths"] = json::array();
  for (const auto& path : cell.paths) {
    json names = json::array();
    for (RowId id : path) names.push_back(actor(m, id).name);
    evidence["paths"].push_back(std::move(names));
  }
  evidence["fragility"] = cell.fragile ? json(std::string(key(cell.fragility))) : json(nullptr);
  if (cell.fragility == Fragility::SingleActor) evidence["single_actor"] = actor(m, cell.singleActor).name;
  if (cell.fragility == Fragility::SingleTie)
    evidence["single_tie"] = {actor(m, cell.singleTie.first).name, actor(m, cell.singleTie.second).name};
  j["evidence"] = std::move(evidence);
  return j;
}

json changeListJson(const Model& m, const std::vector<CoverageChange>& changes) {
  json list = json::array();
  for (const CoverageChange& c : changes)
    list.push_back({{"prison", actor(m, c.prisonId).name},
                    {"category", m.nestCategories.find(c.categoryId)->key},
                    {"from", std::string(key(c.from))},
                    {"to", std::string(key(c.to))}});
  return list;
}

}  // namespace

json coverageJson(const Model& model, const NestCoverage::Result& coverage,
                  const std::optional<std::pair<Date, CoverageDiff>>& changes, const SectorGaps::Result& sectors) {
  json j;
  j["as_of"] = coverage.asOf.toString();
  const NestTemplate* tmpl = model.nestTemplates.find(coverage.templateId);
  j["template"] = tmpl ? json({{"key", tmpl->key}, {"name", tmpl->name}}) : json(nullptr);
  j["categories"] = json::array();
  for (std::size_t k = 0; k < coverage.categories.size(); ++k) {
    const NestCategory& c = *model.nestCategories.find(coverage.categories[k]);
    j["categories"].push_back({{"id", c.uuid.toString()},
                               {"key", c.key},
                               {"name", categoryName(c)},
                               {"reach", std::string(key(c.reach))},
                               {"hop_limit", hopLimit(model, c)},
                               {"radius_km", c.radiusKm},
                               {"weight", c.weight},
                               {"score", round2(coverage.categoryScores[k])}});
  }
  j["prisons"] = json::array();
  for (const PrisonCoverage& p : coverage.prisons) {
    const Actor& prison = actor(model, p.prisonId);
    json pj;
    pj["id"] = prison.uuid.toString();
    pj["name"] = prison.name;
    pj["score"] = round2(p.score);
    pj["side"] = json::array();
    for (RowId id : p.side) pj["side"].push_back(actor(model, id).name);
    pj["cells"] = json::array();
    for (std::size_t k = 0; k < p.cells.size(); ++k)
      pj["cells"].push_back(
          cellJson(model, *model.nestCategories.find(coverage.categories[k]), p.cells[k], coverage.asOf));
    j["prisons"].push_back(std::move(pj));
  }
  j["weakest"] = json::array();
  for (std::size_t i : coverage.weakest()) j["weakest"].push_back(actor(model, coverage.prisons[i].prisonId).name);
  if (changes) {
    j["changes"] = {{"since", changes->first.toString()},
                    {"gained", changeListJson(model, changes->second.gained)},
                    {"lost", changeListJson(model, changes->second.lost)}};
  }
  j["sector_gaps"] = json::array();
  for (const SectorGaps::Region& r : sectors.regions) {
    json rj;
    rj["province"] = r.province;
    rj["prisons"] = json::array();
    for (RowId id : r.prisons) rj["prisons"].push_back(actor(model, id).name);
    json ties = json::object();
    for (std::size_t a = 0; a < r.sectors.size(); ++a)
      for (std::size_t b = a; b < r.sectors.size(); ++b)
        if (r.ties[a][b] > 0)
          ties[model.sectors.find(r.sectors[a])->key + "|" + model.sectors.find(r.sectors[b])->key] = r.ties[a][b];
    rj["ties"] = std::move(ties);
    rj["missing_pairs"] = json::array();
    for (auto [a, b] : r.missingPairs)
      rj["missing_pairs"].push_back({model.sectors.find(a)->key, model.sectors.find(b)->key});
    j["sector_gaps"].push_back(std::move(rj));
  }
  return j;
}

json partnersJson(const Model& model, const PartnerFinder::Result& partners, Date asOf) {
  json j;
  j["prison"] = actor(model, partners.prisonId).name;
  j["as_of"] = asOf.toString();
  j["categories"] = json::array();
  for (RowId c : partners.categories) j["categories"].push_back(model.nestCategories.find(c)->key);
  j["candidates"] = json::array();
  for (const PartnerCandidate& c : partners.candidates) {
    const Actor& a = actor(model, c.actorId);
    json cj;
    cj["id"] = a.uuid.toString();
    cj["name"] = a.name;
    cj["category"] = model.nestCategories.find(c.categoryId)->key;
    cj["score"] = round2(c.score);
    cj["parts"] = {{"connection", round2(c.parts.connection)},
                   {"distance", round2(c.parts.distance)},
                   {"region", round2(c.parts.region)},
                   {"experience", round2(c.parts.experience)},
                   {"broker", round2(c.parts.broker)}};
    cj["distance_km"] = c.distanceKm ? json(std::round(*c.distanceKm * 10) / 10) : json(nullptr);
    cj["hops"] = c.hops ? json(*c.hops) : json(nullptr);
    json intro = json::array();
    for (RowId id : c.introduction) intro.push_back(actor(model, id).name);
    cj["introduction"] = std::move(intro);
    cj["has_coordinates"] = c.distanceKm.has_value();
    cj["same_province"] = c.sameProvince;
    cj["same_eerstelijnszone"] = c.sameEerstelijnszone;
    cj["same_judicial_district"] = c.sameJudicialDistrict;
    cj["other_prisons"] = c.otherPrisons;
    cj["broker_sectors"] = c.brokerSectors;
    j["candidates"].push_back(std::move(cj));
  }
  return j;
}

// ---------------------------------------------------------------------------
// [SECTION] Markdown: the matrix and the steering-group report

void coverageMatrixMarkdown(std::ostream& out, const Model& model, const NestCoverage::Result& coverage) {
  out << "| " << tr("nest.prison") << " | " << tr("nest.score") << " |";
  for (std::size_t k = 0; k < coverage.categories.size(); ++k) out << ' ' << (k + 1) << " |";
  out << "\n|---|---:|";
  for (std::size_t k = 0; k < coverage.categories.size(); ++k) out << ":-:|";
  out << '\n';
  for (const PrisonCoverage& p : coverage.prisons) {
    out << "| " << mdCell(actor(model, p.prisonId).name) << " | " << formatNumber(p.score, 0) << " % |";
    for (const CoverageCell& cell : p.cells) out << ' ' << cellMark(cell) << " |";
    out << '\n';
  }
  out << "| *" << tr("nest.category_score") << "* | |";
  for (double s : coverage.categoryScores) out << ' ' << formatNumber(s, 0) << " |";
  out << "\n\n" << tr("nest.columns") << '\n';
  for (std::size_t k = 0; k < coverage.categories.size(); ++k) {
    const NestCategory& c = *model.nestCategories.find(coverage.categories[k]);
    out << (k + 1) << ". " << mdCell(categoryName(c)) << " — "
        << (c.reach == Reach::Formal ? tr("nest.reach.formal") : tr("nest.reach.any")) << ", "
        << (hopLimit(model, c) == 1 ? tr("nest.hop_limit_one")
                                    : trf("nest.hop_limit", {std::to_string(hopLimit(model, c))}))
        << ", " << trf("nest.weight", {formatNumber(c.weight, c.weight == std::floor(c.weight) ? 0 : 1)}) << '\n';
  }
  out << '\n' << tr("nest.legend") << '\n';
}

void writeFlagLists(std::ostream& out, const Model& model, const NestCoverage::Result& coverage,
                    const std::string& indent) {
  auto categoryOf = [&](const CoverageCell& cell) { return categoryName(*model.nestCategories.find(cell.categoryId)); };
  // What hangs on one actor or tie first: those are the points a steering group can act on.
  bool any = false;
  for (const PrisonCoverage& p : coverage.prisons)
    for (const CoverageCell& cell : p.cells)
      if (cell.fragility == Fragility::SingleActor || cell.fragility == Fragility::SingleTie) {
        if (!any) out << tr("nest.flags.single_point") << "\n\n";
        any = true;
        out << indent << "- " << actor(model, p.prisonId).name << " — " << categoryOf(cell) << ": "
            << fragilityText(model, cell) << '\n';
      }
  if (any) out << '\n';
  // Cells with one partner, one line per prison.
  bool header = false;
  for (const PrisonCoverage& p : coverage.prisons) {
    std::vector<std::string> single;
    for (const CoverageCell& cell : p.cells)
      if (cell.fragility == Fragility::SinglePartner)
        single.push_back(actor(model, cell.partners.front().actorId).name);
    if (single.empty()) continue;
    if (!header) out << tr("nest.flags.single_partner") << "\n\n";
    header = true;
    out << indent << "- " << actor(model, p.prisonId).name << ": " << listText(single) << '\n';
  }
  const bool anySingle = header;
  if (header) out << '\n';
  header = false;
  for (const PrisonCoverage& p : coverage.prisons)
    for (const CoverageCell& cell : p.cells)
      if (cell.stale) {
        if (!header) out << tr("nest.flags.stale") << "\n\n";
        header = true;
        std::vector<std::string> titles;
        for (RowId id : cell.staleAgreements) titles.push_back(model.agreements.find(id)->title);
        out << indent << "- " << actor(model, p.prisonId).name << " — " << categoryOf(cell) << ": " << listText(titles)
            << '\n';
      }
  if (!any && !anySingle && !header) out << tr("report.none") << '\n';
}

void nestReportMarkdown(std::ostream& out, const Model& model, const NestReportParams& params) {
  NestCoverage::Params coverageParams;
  coverageParams.asOf = params.asOf;
  coverageParams.prisons = params.prisons;
  const auto graph = nestSnapshot(model, params.asOf);
  const auto coverage = NestCoverage::run(model, graph, coverageParams);
  const NestTemplate* tmpl = model.nestTemplates.find(coverage.templateId);

  out << "# " << trf("report.title", {model.info.name}) << "\n\n";
  out << "*" << trf("report.subtitle", {params.asOf.toString(), tmpl ? tmpl->name : "—"}) << "*\n\n";
  out << tr("report.intro") << "\n\n";

  // Summary.
  int counts[3] = {0, 0, 0}, fragile = 0, stale = 0;
  double scoreSum = 0;
  for (const PrisonCoverage& p : coverage.prisons) {
    scoreSum += p.score;
    for (const CoverageCell& cell : p.cells) {
      ++counts[static_cast<int>(cell.status)];
      fragile += cell.fragile;
      stale += cell.stale;
    }
  }
  const auto followUp = AgreementFollowUp::run(model, {params.asOf, 14, 180});
  out << "## " << tr("report.summary") << "\n\n";
  out << "- "
      << trf("report.summary.cells",
             {std::to_string(coverage.prisons.size()), std::to_string(coverage.categories.size()),
              std::to_string(counts[2]), std::to_string(counts[1]), std::to_string(counts[0])})
      << '\n';
  out << "- " << trf("report.summary.flags", {std::to_string(fragile), std::to_string(stale)}) << '\n';
  if (!coverage.prisons.empty())
    out << "- "
        << trf("report.summary.score", {formatNumber(scoreSum / static_cast<double>(coverage.prisons.size()), 0)})
        << '\n';
  out << "- "
      << trf("report.summary.agreements",
             {std::to_string(followUp.overdue.size()), std::to_string(followUp.stalled.size())})
      << "\n\n";

  out << "## " << tr("report.matrix") << "\n\n";
  coverageMatrixMarkdown(out, model, coverage);
  out << '\n';

  if (params.since) {
    NestCoverage::Params before = coverageParams;
    before.asOf = *params.since;
    const auto diff = CoverageDiff::between(NestCoverage::run(model, before), coverage);
    out << "## " << trf("report.changes", {params.since->toString()}) << "\n\n";
    if (diff.gained.empty() && diff.lost.empty()) out << tr("report.no_changes") << "\n\n";
    for (const auto* list : {&diff.gained, &diff.lost})
      for (const CoverageChange& c : *list)
        out << "- " << (list == &diff.gained ? "▲ " : "▼ ") << actor(model, c.prisonId).name << " — "
            << categoryName(*model.nestCategories.find(c.categoryId)) << ": " << statusName(c.from) << " → "
            << statusName(c.to) << '\n';
    out << '\n';
  }

  out << "## " << tr("report.weakest") << "\n\n";
  const auto order = coverage.weakest();
  for (std::size_t i = 0; i < order.size() && i < 5; ++i) {
    const PrisonCoverage& p = coverage.prisons[order[i]];
    std::vector<std::string> missing;
    for (std::size_t k = 0; k < p.cells.size(); ++k)
      if (p.cells[k].status == CoverageStatus::Missing)
        missing.push_back(categoryName(*model.nestCategories.find(coverage.categories[k])));
    out << (i + 1) << ". **" << actor(model, p.prisonId).name << "** — " << formatNumber(p.score, 0) << " %; "
        << (missing.empty() ? tr("report.nothing_missing") : trf("report.missing", {listText(missing)})) << '\n';
  }
  out << '\n';

  out << "## " << tr("report.fragile") << "\n\n";
  writeFlagLists(out, model, coverage, "");
  out << '\n';

  out << "## " << tr("report.follow_up") << "\n\n";
  auto agreementLine = [&](const AgreementFollowUp::Item& item, const std::string& when) {
    const Agreement& a = *model.agreements.find(item.agreementId);
    const auto status = a.statusOn(params.asOf);
    out << "| " << mdCell(a.title) << " | " << (status ? statusLabel(model, *status) : "—") << " | " << when;
    if (!params.shareSafe) out << " | " << mdCell(a.owner.empty() ? "—" : a.owner);
    out << " |\n";
  };
  auto tableHeader = [&](const char* whenKey) {
    out << "| " << tr("report.agreement") << " | " << tr("report.status") << " | " << tr(whenKey);
    if (!params.shareSafe) out << " | " << tr("report.owner");
    out << (params.shareSafe ? " |\n|---|---|---|\n" : " |\n|---|---|---|---|\n");
  };
  out << "### " << tr("report.overdue") << "\n\n";
  if (followUp.overdue.empty()) out << tr("report.none") << "\n\n";
  if (!followUp.overdue.empty()) {
    tableHeader("report.review");
    for (const auto& item : followUp.overdue)
      agreementLine(item, trf("report.days_overdue", {model.agreements.find(item.agreementId)->reviewDate->toString(),
                                                      std::to_string(item.days)}));
    out << '\n';
  }
  out << "### " << tr("report.stalled") << "\n\n";
  if (followUp.stalled.empty()) out << tr("report.none") << "\n\n";
  if (!followUp.stalled.empty()) {
    tableHeader("report.unchanged");
    for (const auto& item : followUp.stalled) agreementLine(item, trf("report.days", {std::to_string(item.days)}));
    out << '\n';
  }

  out << "## " << tr("report.sectors") << "\n\n" << tr("report.sectors_intro") << "\n\n";
  const auto sectors = SectorGaps::run(model, {params.asOf});
  auto sectorName = [&](RowId id) {
    const Sector& s = *model.sectors.find(id);
    return language() == Language::Dutch ? s.nameNl : s.nameEn;
  };
  for (const SectorGaps::Region& r : sectors.regions) {
    std::vector<std::string> prisons;
    for (RowId id : r.prisons) prisons.push_back(actor(model, id).name);
    const std::size_t n = r.sectors.size();
    out << "**" << provinceName(r.province) << "** (" << listText(prisons) << "): ";
    if (r.missingPairs.empty()) {
      out << tr("report.all_sectors_tied") << "\n\n";
      continue;
    }
    out << trf("report.sector_pairs", {std::to_string(r.missingPairs.size()), std::to_string(n * (n - 1) / 2)})
        << "\n\n";
    // Per sector, the sectors it has no tie with: how a steering group reads it.
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<std::string> none;
      for (std::size_t j = 0; j < n; ++j)
        if (j != i && r.ties[i][j] == 0) none.push_back(sectorName(r.sectors[j]));
      if (!none.empty())
        out << "- " << sectorName(r.sectors[i]) << ": " << trf("report.no_tie_with", {listText(none)}) << '\n';
    }
    out << '\n';
  }

  out << "## " << tr("report.partners") << "\n\n" << tr("report.partners_intro") << "\n\n";
  bool anyGap = false;
  for (const PrisonCoverage& p : coverage.prisons) {
    PartnerFinder::Params finder;
    finder.prisonId = p.prisonId;
    finder.asOf = params.asOf;
    finder.limit = params.partnersPerGap;
    const auto found = PartnerFinder::run(model, graph, finder);
    if (found.categories.empty()) continue;
    anyGap = true;
    out << "### " << actor(model, p.prisonId).name << "\n\n";
    for (RowId categoryId : found.categories) {
      const NestCategory& c = *model.nestCategories.find(categoryId);
      out << "**" << categoryName(c) << "**\n\n";
      bool any = false;
      for (const PartnerCandidate& cand : found.candidates) {
        if (cand.categoryId != categoryId) continue;
        any = true;
        out << "- " << actor(model, cand.actorId).name << " — "
            << trf("report.candidate_score", {formatNumber(cand.score, 1)}) << "; "
            << (cand.distanceKm ? trf("report.km", {formatNumber(*cand.distanceKm, 0)}) : tr("report.no_coordinates"))
            << "; "
            << (cand.introduction.size() > 1 ? trf("report.introduction", {pathText(model, cand.introduction)})
                                             : tr("report.not_connected"))
            << '\n';
      }
      if (!any) out << "- " << trf("report.no_candidates", {formatNumber(c.radiusKm, 0)}) << '\n';
      out << '\n';
    }
  }
  if (!anyGap) out << tr("report.none") << "\n\n";
  out << "---\n\n" << tr("report.footer") << '\n';
}

}  // namespace nestmap
