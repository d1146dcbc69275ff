// `nestmap gaps`, `nestmap partners` and `nestmap report`: the nest around
// each prison on the command line.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "analysis/nest_coverage.hpp"
#include "analysis/partner_finder.hpp"
#include "app/cli.hpp"
#include "app/cli_command.hpp"
#include "app/json_text.hpp"
#include "app/nest_text.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "edit/document.hpp"
#include "platform/output_file.hpp"
#include "platform/platform.hpp"
#include "render/report_pdf.hpp"

namespace nestmap {
namespace fs = std::filesystem;
namespace {

const Actor& actor(const Model& m, RowId id) { return *m.actors.find(id); }

Model readMap(const std::string& file) { return Document::open(file).model(); }

/// `text` padded with spaces to `width` terminal columns (cut on a character boundary when longer).
std::string pad(std::string_view text, std::size_t width) {
  const std::string_view cut = utf8Prefix(text, width);
  return std::string(cut) + std::string(width - utf8Length(cut), ' ');
}
std::string padLeft(std::string_view text, std::size_t width) {
  const std::size_t n = utf8Length(text);
  return (n < width ? std::string(width - n, ' ') : std::string()) + std::string(text);
}

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// ---------------------------------------------------------------------------
// nestmap gaps

struct GapsOptions {
  std::string file, prison, asOf, since, format = "table";
};

void gapsTable(std::ostream& out, const Model& m, const NestCoverage::Result& coverage,
               const std::optional<std::pair<Date, CoverageDiff>>& changes) {
  const NestTemplate* tmpl = m.nestTemplates.find(coverage.templateId);
  out << trf("nest.table.title", {coverage.asOf.toString(), tmpl ? tmpl->name : "—"}) << "\n\n";
  out << pad(tr("nest.prison"), 36) << padLeft(tr("nest.score"), 7) << "  ";
  for (std::size_t k = 0; k < coverage.categories.size(); ++k) out << "  " << pad(std::to_string(k + 1), 2);
  out << '\n';
  for (const PrisonCoverage& p : coverage.prisons) {
    out << pad(actor(m, p.prisonId).name, 36) << padLeft(formatNumber(p.score, 0) + " %", 7) << "  ";
    for (const CoverageCell& cell : p.cells) out << "  " << pad(cellMark(cell), 2);
    out << '\n';
  }
  out << pad(tr("nest.category_score"), 45);
  for (double s : coverage.categoryScores) out << "  " << pad(formatNumber(s, 0), 2);
  out << "\n\n";
  for (std::size_t k = 0; k < coverage.categories.size(); ++k)
    out << padLeft(std::to_string(k + 1), 4) << "  " << categoryName(*m.nestCategories.find(coverage.categories[k]))
        << '\n';
  out << '\n' << tr("nest.legend") << '\n';

  // The reasons behind the marks, so that the table needs no second command.
  out << '\n';
  writeFlagLists(out, m, coverage, "  ");
  if (changes) {
    out << '\n'
        << trf("nest.table.changes", {changes->first.toString(), std::to_string(changes->second.gained.size()),
                                      std::to_string(changes->second.lost.size())})
        << '\n';
    for (const auto* list : {&changes->second.gained, &changes->second.lost})
      for (const CoverageChange& c : *list)
        out << "  " << (list == &changes->second.gained ? "▲ " : "▼ ") << actor(m, c.prisonId).name << " — "
            << categoryName(*m.nestCategories.find(c.categoryId)) << ": " << statusName(c.from) << " → "
            << statusName(c.to) << '\n';
  }
}

void gapsCsv(std::ostream& out, const Model& m, const NestCoverage::Result& coverage,
             const NestCoverage::Result* before) {
  out << "prison_id,prison,category,status,fragile,fragility,stale,value,partners,agreements,prison_score";
  if (before) out << ",status_before";
  out << '\n';
  for (const PrisonCoverage& p : coverage.prisons) {
    const Actor& prison = actor(m, p.prisonId);
    const PrisonCoverage* then = before ? before->find(p.prisonId) : nullptr;
    for (std::size_t k = 0; k < p.cells.size(); ++k) {
      const CoverageCell& cell = p.cells[k];
      std::string partners, agreements;
      for (const CellPartner& partner : cell.partners)
        partners += (partners.empty() ? "" : "; ") + actor(m, partner.actorId).name;
      for (RowId id : cell.agreements) agreements += (agreements.empty() ? "" : "; ") + m.agreements.find(id)->title;
      out << prison.uuid.toString() << ',' << csvField(prison.name) << ','
          << m.nestCategories.find(cell.categoryId)->key << ',' << key(cell.status) << ',' << cell.fragile << ','
          << key(cell.fragility) << ',' << cell.stale << ',' << std::round(cell.value * 100) / 100 << ','
          << csvField(partners) << ',' << csvField(agreements) << ',' << std::round(p.score * 100) / 100;
      if (before) out << ',' << (then ? key(then->cells[k].status) : key(CoverageStatus::Missing));
      out << '\n';
    }
  }
}

int runGaps(const GapsOptions& o, CliStreams io) {
  const Model m = readMap(o.file);
  NestCoverage::Params params;
  if (!o.asOf.empty()) params.asOf = parseDateOption(o.asOf);
  std::optional<Date> since;
  if (!o.since.empty()) since = parseDateOption(o.since);
  if (!o.prison.empty()) params.prisons = {findPrison(m, o.prison, params.asOf)};
  if (!defaultTemplate(m)) throw UserError(UserError::Kind::InvalidInput, tr("nest.no_template"));
  const auto coverage = NestCoverage::run(m, params);

  std::optional<NestCoverage::Result> before;
  std::optional<std::pair<Date, CoverageDiff>> changes;
  if (since) {
    NestCoverage::Params then = params;
    then.asOf = *since;
    before = NestCoverage::run(m, then);
    changes.emplace(*since, CoverageDiff::between(*before, coverage));
  }
  if (o.format == "json") {
    io.out << jsonText(coverageJson(m, coverage, changes, SectorGaps::run(m, {params.asOf})), 1) << '\n';
  } else if (o.format == "csv") {
    gapsCsv(io.out, m, coverage, before ? &*before : nullptr);
  } else if (o.format == "md") {
    coverageMatrixMarkdown(io.out, m, coverage);
  } else {
    gapsTable(io.out, m, coverage, changes);
  }
  return kExitOk;
}

// ---------------------------------------------------------------------------
// nestmap partners

struct PartnersOptions {
  std::string file, prison, category, asOf, format = "table";
  double radius = 0;
  int limit = 5;
};

std::string partsText(const PartnerScoreParts& p) {
  return trf("partners.parts", {formatNumber(p.connection, 1), formatNumber(p.distance, 1), formatNumber(p.region, 1),
                                formatNumber(p.experience, 1), formatNumber(p.broker, 1)});
}

void partnersTable(std::ostream& out, const Model& m, const PartnerFinder::Result& r, const PartnersOptions& o) {
  out << trf("partners.title", {actor(m, r.prisonId).name}) << '\n';
  if (r.categories.empty()) {
    out << tr("partners.no_gaps") << '\n';
    return;
  }
  for (RowId categoryId : r.categories) {
    const NestCategory& c = *m.nestCategories.find(categoryId);
    out << '\n'
        << trf("partners.category", {categoryName(c), formatNumber(o.radius > 0 ? o.radius : c.radiusKm, 0)}) << '\n';
    int rank = 0;
    for (const PartnerCandidate& cand : r.candidates) {
      if (cand.categoryId != categoryId) continue;
      const Actor& a = actor(m, cand.actorId);
      out << padLeft(std::to_string(++rank), 3) << ". " << pad(a.name, 52) << padLeft(formatNumber(cand.score, 1), 5)
          << "  "
          << padLeft(cand.distanceKm ? formatNumber(*cand.distanceKm, 0) + " km" : tr("partners.no_coordinates"), 16)
          << '\n';
      out << "     " << partsText(cand.parts) << '\n';
      out << "     "
          << (cand.introduction.size() > 1 ? trf("partners.via", {pathText(m, cand.introduction)})
                                           : tr("partners.not_connected"))
          << '\n';
    }
    if (rank == 0) out << "  " << tr("partners.none_in_radius") << '\n';
  }
  out << '\n' << tr("partners.legend") << '\n';
}

void partnersCsv(std::ostream& out, const Model& m, const PartnerFinder::Result& r) {
  out << "rank,id,name,category,score,connection,distance,region,experience,broker,distance_km,hops,introduction\n";
  RowId category = 0;
  int rank = 0;
  for (const PartnerCandidate& c : r.candidates) {
    rank = c.categoryId == category ? rank + 1 : 1;
    category = c.categoryId;
    const Actor& a = actor(m, c.actorId);
    auto r2 = [](double v) { return std::round(v * 100) / 100; };
    out << rank << ',' << a.uuid.toString() << ',' << csvField(a.name) << ',' << m.nestCategories.find(category)->key
        << ',' << r2(c.score) << ',' << r2(c.parts.connection) << ',' << r2(c.parts.distance) << ','
        << r2(c.parts.region) << ',' << r2(c.parts.experience) << ',' << r2(c.parts.broker) << ','
        << (c.distanceKm ? std::to_string(std::lround(*c.distanceKm)) : "") << ','
        << (c.hops ? std::to_string(*c.hops) : "") << ',' << csvField(pathText(m, c.introduction)) << '\n';
  }
}

void partnersMarkdown(std::ostream& out, const Model& m, const PartnerFinder::Result& r) {
  out << "## " << trf("partners.title", {actor(m, r.prisonId).name}) << "\n\n";
  for (RowId categoryId : r.categories) {
    out << "### " << categoryName(*m.nestCategories.find(categoryId)) << "\n\n| # | " << tr("partners.candidate")
        << " | " << tr("nest.score") << " | " << tr("partners.distance") << " | " << tr("partners.introduction")
        << " |\n|---:|---|---:|---:|---|\n";
    int rank = 0;
    for (const PartnerCandidate& c : r.candidates) {
      if (c.categoryId != categoryId) continue;
      out << "| " << ++rank << " | " << actor(m, c.actorId).name << " | " << formatNumber(c.score, 1) << " | "
          << (c.distanceKm ? formatNumber(*c.distanceKm, 0) + " km" : "—") << " | "
          << (c.introduction.size() > 1 ? pathText(m, c.introduction) : tr("partners.not_connected")) << " |\n";
    }
    out << '\n';
  }
}

int runPartners(const PartnersOptions& o, CliStreams io) {
  const Model m = readMap(o.file);
  PartnerFinder::Params params;
  if (!o.asOf.empty()) params.asOf = parseDateOption(o.asOf);
  const NestTemplate* tmpl = defaultTemplate(m);
  if (!tmpl) throw UserError(UserError::Kind::InvalidInput, tr("nest.no_template"));
  params.prisonId = findPrison(m, o.prison, params.asOf);
  if (!o.category.empty()) params.categories = {findCategory(m, tmpl->id, o.category)};
  if (o.radius > 0) params.radiusKm = o.radius;
  params.limit = o.limit;
  const auto result = PartnerFinder::run(m, params);
  if (o.format == "json")
    io.out << jsonText(partnersJson(m, result, params.asOf), 1) << '\n';
  else if (o.format == "csv")
    partnersCsv(io.out, m, result);
  else if (o.format == "md")
    partnersMarkdown(io.out, m, result);
  else
    partnersTable(io.out, m, result, o);
  return kExitOk;
}

// ---------------------------------------------------------------------------
// nestmap report

struct ReportOptions {
  std::string file, out, asOf, since;
  std::vector<std::string> prisons;
  bool force = false, shareSafe = false;
};

/// Whether the report goes out as a PDF (by the extension, any case); anything else is Markdown.
bool isPdf(const fs::path& target) {
  std::string ext = target.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".pdf";
}

int runReport(const ReportOptions& o, CliStreams io) {
  // Everything that can be wrong is found before anything is written: dates, target, map, prisons.
  NestReportParams params;
  if (!o.asOf.empty()) params.asOf = parseDateOption(o.asOf);
  if (!o.since.empty()) params.since = parseDateOption(o.since);
  const fs::path target(o.out);
  const OutputOptions output{.force = o.force};
  checkOutputTarget(target, output);
  Document doc = Document::open(o.file, {.readOnly = true});
  const Model& m = doc.model();
  if (!defaultTemplate(m)) throw UserError(UserError::Kind::InvalidInput, tr("nest.no_template"));
  for (const std::string& name : o.prisons) {
    const RowId id = findPrison(m, name, params.asOf);
    if (std::find(params.prisons.begin(), params.prisons.end(), id) == params.prisons.end())
      params.prisons.push_back(id);
  }
  params.shareSafe = o.shareSafe;
  if (isPdf(target)) {
    SteeringReportRequest request;
    request.asOf = params.asOf;
    request.since = params.since;
    request.prisons = params.prisons;
    request.shareSafe = o.shareSafe;
    request.changeLog = doc.store().changeLog();
    request.author = platform::currentUserName();
    const SteeringReport report = steeringReportPdf(m, request);
    writeOutputBytes(target, output, report.pdf);
    io.out << trf("report.pdf_written", {target.string(), std::to_string(report.pages)}) << '\n';
    return kExitOk;
  }
  std::ostringstream text;
  nestReportMarkdown(text, m, params);
  // Through a temporary file beside the target: a failed write leaves an earlier report whole.
  writeOutputBytes(target, output, text.str());
  io.out << trf("report.written", {target.string()}) << '\n';
  return kExitOk;
}

}  // namespace

void addNestCommands(CLI::App& app, CliAction& action, CliStreams io) {
  auto gaps = std::make_shared<GapsOptions>();
  auto* gapsCmd = app.add_subcommand("gaps", tr("cli.cmd.gaps"));
  gapsCmd->add_option("FILE", gaps->file, tr("cli.opt.file"))->required();
  gapsCmd->add_option("--prison", gaps->prison, tr("cli.opt.prison"));
  gapsCmd->add_option("--as-of", gaps->asOf, tr("cli.opt.as_of"));
  gapsCmd->add_option("--since", gaps->since, tr("cli.opt.since"));
  gapsCmd->add_option("--format", gaps->format, tr("cli.opt.format_md"))
      ->check(CLI::IsMember({"table", "csv", "json", "md"}));
  gapsCmd->callback([gaps, io, &action] { action = [gaps, io] { return runGaps(*gaps, io); }; });

  auto partners = std::make_shared<PartnersOptions>();
  auto* partnersCmd = app.add_subcommand("partners", tr("cli.cmd.partners"));
  partnersCmd->add_option("FILE", partners->file, tr("cli.opt.file"))->required();
  partnersCmd->add_option("--prison", partners->prison, tr("cli.opt.prison"))->required();
  partnersCmd->add_option("--category", partners->category, tr("cli.opt.category"));
  finiteInRange(partnersCmd->add_option("--radius", partners->radius, tr("cli.opt.radius")), 0.001, 1000);
  partnersCmd->add_option("--limit", partners->limit, tr("cli.opt.partner_limit"))->check(CLI::Range(1, 1000));
  partnersCmd->add_option("--as-of", partners->asOf, tr("cli.opt.as_of"));
  partnersCmd->add_option("--format", partners->format, tr("cli.opt.format_md"))
      ->check(CLI::IsMember({"table", "csv", "json", "md"}));
  partnersCmd->callback([partners, io, &action] { action = [partners, io] { return runPartners(*partners, io); }; });

  auto report = std::make_shared<ReportOptions>();
  auto* reportCmd = app.add_subcommand("report", tr("cli.cmd.report"));
  reportCmd->add_option("FILE", report->file, tr("cli.opt.file"))->required();
  reportCmd->add_option("--out", report->out, tr("cli.opt.report_out"))->required();
  reportCmd->add_option("--as-of", report->asOf, tr("cli.opt.as_of"));
  reportCmd->add_option("--since", report->since, tr("cli.opt.report_since"));
  reportCmd->add_option("--prison", report->prisons, tr("cli.opt.report_prisons"));
  reportCmd->add_flag("--share-safe", report->shareSafe, tr("cli.opt.report_share_safe"));
  reportCmd->add_flag("--force", report->force, tr("cli.opt.force_out"));
  reportCmd->callback([report, io, &action] { action = [report, io] { return runReport(*report, io); }; });
}

}  // namespace nestmap
