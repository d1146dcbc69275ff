#include "app/cli.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "app/cli_command.hpp"
#include "app/json_text.hpp"
#include "app/nest_text.hpp"
#include "app/map_file.hpp"
#include "app/paths.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "core/text.hpp"
#include "core/validate.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "io/graph_import.hpp"
#include "platform/output_file.hpp"

#ifndef NESTMAP_VERSION
#define NESTMAP_VERSION "0.0.0"
#endif

namespace nestmap {
namespace fs = std::filesystem;
namespace {

// [SECTION] helpers

int exitCodeFor(UserError::Kind kind) {
  switch (kind) {
    case UserError::Kind::NotFound:
      return kExitNotFound;
    case UserError::Kind::NotSqlite:
    case UserError::Kind::NotNestmap:
      return kExitNotNestmap;
    case UserError::Kind::NewerVersion:
      return kExitNewerVersion;
    case UserError::Kind::Corrupt:
      return kExitCorrupt;
    case UserError::Kind::Locked:
      return kExitLocked;
    case UserError::Kind::Exists:
      return kExitExists;
    case UserError::Kind::InvalidInput:
      return kExitInvalidInput;
    case UserError::Kind::Io:
      return kExitIo;
    case UserError::Kind::ReadOnly:
      return kExitReadOnly;
    case UserError::Kind::Changed:
      return kExitChanged;
  }
  return kExitIo;
}

/// A fingerprint of the embedded data/ tree, to tell whether a demo map is current.
std::string dataFingerprint() {
  std::uint64_t h = 14695981039346656037ull;
  for (const auto& file : embedded::dataFiles())
    for (std::string_view part : {file.path, std::string_view("\0", 1), file.data})
      for (unsigned char c : part) {
        h ^= c;
        h *= 1099511628211ull;
      }
  std::ostringstream out;
  out << std::hex << std::setw(16) << std::setfill('0') << h;
  return out.str();
}

/// The demo map in the user's data directory, (re)built from data/ when it is
/// missing, or stale and never edited.
fs::path ensureDemoMap(std::ostream& err) {
  fs::path path = demoMapPath();
  fs::create_directories(path.parent_path());
  std::string fingerprint = dataFingerprint();
  if (fs::exists(path)) {
    std::optional<std::string> built;
    std::size_t changes = 0;
    {
      Store store = Store::open(path);
      built = store.metaValue("demo_sources");
      changes = store.changeLog(2).size();
    }
    if (built == fingerprint) return path;
    if (changes > 1) {
      err << trf("cli.demo_kept", {path.string()}) << '\n';
      return path;
    }
  }
  // The new demo is built whole beside the old one, which it then replaces.
  buildMapFile(path, laidOutDemo(), fingerprint, {.force = true, .kind = OutputKind::Map});
  return path;
}

/// "label ....... count" rows, labels padded to the widest so counts line up.
void printCounts(std::ostream& out, const std::vector<std::pair<std::string, std::size_t>>& rows) {
  std::size_t width = 0;
  for (const auto& [label, n] : rows) width = std::max(width, utf8Length(label));
  for (const auto& [label, n] : rows)
    out << "  " << label << std::string(width - utf8Length(label) + 2, ' ') << std::setw(6) << n << '\n';
}

std::string typeName(const ActorType& t) { return language() == Language::Dutch ? t.nameNl : t.nameEn; }

std::string statusName(const Model& m, AgreementStatus s) {
  for (const auto& [id, label] : m.statusLabels)
    if (label.status == s) return language() == Language::Dutch ? label.nameNl : label.nameEn;
  return tr(std::string("status.") + std::string(key(s)));
}

}  // namespace

CLI::Option* finiteInRange(CLI::Option* option, double lo, double hi) {
  return option->check(CLI::Validator(
      [lo, hi](std::string& text) {
        double value = 0;
        std::size_t used = 0;
        try {
          value = std::stod(text, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used != text.size() || !std::isfinite(value) || value < lo || value > hi)
          return trf("cli.number_range", {text, formatNumber(lo), formatNumber(hi)});
        return std::string();
      },
      "NUMBER"));
}

bool checkName(const std::string& name, const std::vector<NameCandidate>& candidates, std::string_view errorKey,
               std::ostream& err) {
  const NameMatch match = matchName(name, candidates);
  if (match.id) return true;
  err << "nestmap: " << trf(errorKey, {name});
  const auto& options = match.ambiguous.empty() ? match.suggestions : match.ambiguous;
  if (!options.empty()) {
    std::string list;
    for (const auto& o : options) list += (list.empty() ? "" : ", ") + o;
    err << ' ' << trf("gui.did_you_mean", {list});
  }
  err << '\n';
  return false;
}

namespace {

// [SECTION] subcommands

int cmdNew(const fs::path& file, const std::string& name, std::ostream& out) {
  // The stem names the map: refused unless it is UTF-8 (see mapNameFor).
  Model model = defaultModel(embeddedData(), mapNameFor(file, name));
  // `new` has no --force: it replaces nothing, also no file made while it builds.
  buildMapFile(file, std::move(model), {}, {.force = false, .kind = OutputKind::Map, .forceOption = false});
  out << trf("cli.created", {file.string()}) << '\n';
  return kExitOk;
}

int cmdDemo(const fs::path& file, bool force, std::ostream& out) {
  const OutputOptions output{.force = force, .kind = OutputKind::Map};
  checkOutputTarget(file, output);  // before the layout, which takes a moment
  // Built first, then moved over the old map: a build that fails leaves it as it was.
  buildMapFile(file, laidOutDemo(), dataFingerprint(), output);
  out << trf("cli.demo_created", {file.string()}) << '\n';
  return kExitOk;
}

int cmdInfo(const fs::path& file, const std::string& format, std::ostream& out) {
  Document doc = Document::open(file);
  const Model& m = doc.model();
  auto problems = doc.store().integrityCheck();
  std::vector<std::pair<const ActorType*, std::size_t>> perType;
  for (const auto& [id, type] : m.actorTypes) {
    std::size_t n = 0;
    for (const auto& [aid, a] : m.actors) n += a.typeId == id;
    perType.emplace_back(&type, n);
  }
  std::map<TieStatus, std::size_t> tiesByStatus;
  for (const auto& [id, t] : m.ties) ++tiesByStatus[t.status];
  std::map<AgreementStatus, std::size_t> agreementsByStatus;
  for (const auto& [id, a] : m.agreements) ++agreementsByStatus[a.status()];
  std::size_t changes = doc.store().changeLog().size();

  if (format == "json") {
    nlohmann::ordered_json j;
    j["name"] = m.info.name;
    j["description"] = m.info.description;
    j["uuid"] = m.info.uuid.toString();
    j["schema_version"] = doc.store().schemaVersion();
    j["integrity"] = problems.empty() ? "ok" : "problems";
    j["actors"] = m.actors.size();
    nlohmann::ordered_json types = nlohmann::ordered_json::object();
    for (const auto& [type, n] : perType) types[type->key] = n;
    j["actors_by_type"] = types;
    j["ties"] = m.ties.size();
    nlohmann::ordered_json ts = nlohmann::ordered_json::object();
    for (const auto& [s, n] : tiesByStatus) ts[std::string(key(s))] = n;
    j["ties_by_status"] = ts;
    j["agreements"] = m.agreements.size();
    nlohmann::ordered_json as = nlohmann::ordered_json::object();
    for (AgreementStatus s : kAllAgreementStatuses) as[std::string(key(s))] = agreementsByStatus[s];
    j["agreements_by_status"] = as;
    j["contacts"] = m.contacts.size();
    j["views"] = m.views.size();
    j["changes"] = changes;
    out << jsonText(j, 2) << '\n';
    return kExitOk;
  }

  out << tr("cli.info.map") << ": " << m.info.name << '\n';
  out << tr("cli.info.file") << ": " << fs::absolute(file).string() << '\n';
  out << tr("cli.info.schema") << ": " << doc.store().schemaVersion() << '\n';
  out << tr("cli.info.integrity") << ": " << (problems.empty() ? tr("cli.ok") : tr("cli.problems")) << '\n';
  out << tr("cli.info.actors") << ": " << m.actors.size() << '\n';
  std::vector<std::pair<std::string, std::size_t>> rows;
  for (const auto& [type, n] : perType)
    if (n > 0) rows.emplace_back(typeName(*type), n);
  printCounts(out, rows);
  out << tr("cli.info.ties") << ": " << m.ties.size();
  for (TieStatus s : {TieStatus::Active, TieStatus::Planned, TieStatus::Ended})
    out << (s == TieStatus::Active ? " (" : ", ") << tr(std::string("tie_status.") + std::string(key(s))) << ' '
        << tiesByStatus[s];
  out << ")\n";
  out << tr("cli.info.agreements") << ": " << m.agreements.size() << '\n';
  rows.clear();
  for (AgreementStatus s : kAllAgreementStatuses) rows.emplace_back(statusName(m, s), agreementsByStatus[s]);
  printCounts(out, rows);
  out << tr("cli.info.contacts") << ": " << m.contacts.size() << '\n';
  out << tr("cli.info.views") << ": " << m.views.size() << '\n';
  out << tr("cli.info.changes") << ": " << changes << '\n';
  return kExitOk;
}

template <class T>
void validateTable(const Model& m, const Table<T>& table, std::string_view label, std::vector<std::string>& out) {
  for (const auto& [id, row] : table)
    for (const auto& p : validate(m, row)) out.push_back(std::string(label) + " #" + std::to_string(id) + ": " + p);
}

void printProblems(const fs::path& file, const std::vector<std::string>& problems, std::ostream& out) {
  out << trf("cli.check_problems", {file.string(), std::to_string(problems.size())}) << '\n';
  for (const auto& p : problems) out << "  - " << p << '\n';
}

int cmdCheck(const fs::path& file, std::ostream& out) {
  std::optional<Document> opened;
  try {
    opened.emplace(Document::open(file));
  } catch (const UserError& e) {
    // A schema with anything foreign in it is not opened at all: name it all.
    if (e.kind() != UserError::Kind::NotNestmap) throw;
    auto foreign = Store::schemaProblems(file);
    if (foreign.empty()) throw;
    printProblems(file, foreign, out);
    return kExitProblems;
  }
  Document& doc = *opened;
  std::vector<std::string> problems = doc.store().integrityCheck(true);
  for (auto& p : doc.store().fieldProblems()) problems.push_back(std::move(p));
  const Model& m = doc.model();
  validateTable(m, m.actors, tr("cli.info.actors"), problems);
  validateTable(m, m.ties, tr("cli.info.ties"), problems);
  validateTable(m, m.agreements, tr("cli.info.agreements"), problems);
  validateTable(m, m.contacts, tr("cli.info.contacts"), problems);
  validateTable(m, m.actorTypes, "actor_type", problems);
  validateTable(m, m.nestCategories, "nest_category", problems);
  if (problems.empty()) {
    out << trf("cli.check_ok", {file.string(), std::to_string(m.actors.size()), std::to_string(m.ties.size()),
                                std::to_string(m.agreements.size())})
        << '\n';
    return kExitOk;
  }
  printProblems(file, problems, out);
  return kExitProblems;
}

int cmdLog(const fs::path& file, std::size_t limit, std::ostream& out) {
  Document doc = Document::open(file);
  for (const auto& e : doc.store().changeLog(limit)) {
    out << e.time << "  " << e.user << "  " << e.description;
    if (!e.affected.empty()) out << "  [" << trf("cli.log_records", {std::to_string(e.affected.size())}) << ']';
    out << '\n';
  }
  return kExitOk;
}

}  // namespace

bool parseSize(std::string_view text, int& width, int& height, SizeLimits limits) {
  const auto x = text.find_first_of("xX");
  if (x == std::string_view::npos) return false;
  auto number = [](std::string_view digits, int& out) {
    if (digits.empty() || digits.size() > 5) return false;
    int n = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      n = n * 10 + (c - '0');
    }
    out = n;
    return true;
  };
  int w = 0, h = 0;
  if (!number(text.substr(0, x), w) || !number(text.substr(x + 1), h)) return false;
  if (w < limits.minWidth || w > limits.maxWidth || h < limits.minHeight || h > limits.maxHeight) return false;
  width = w;
  height = h;
  return true;
}

bool parseWindowSize(std::string_view text, int& width, int& height) {
  return parseSize(text, width, height, {320, 7680, 240, 4320});
}

int runCli(int argc, const char* const* argv, const CliHooks& hooks, std::ostream& out, std::ostream& err) {
  bool languageGiven = false;
  if (const char* lang = std::getenv("NESTMAP_LANG")) {
    Language l;
    if (parseLanguage(lang, l)) setLanguage(l), languageGiven = true;
  }
  // --lang must be known before the help text is written.
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string_view(argv[i]) == "--lang") {
      Language l;
      if (parseLanguage(argv[i + 1], l)) setLanguage(l), languageGiven = true;
    }

  CLI::App app{tr("cli.about"), "nestmap"};
  app.set_version_flag("--version", std::string("nestmap ") + NESTMAP_VERSION);
  app.set_help_flag("-h,--help", tr("cli.help"));
  std::string lang;
  app.add_option("--lang", lang, tr("cli.opt.lang"))->check(CLI::IsMember({"nl", "en"}));
  // `--lang` may also follow a subcommand (`nestmap gaps demo.nestmap --lang en`);
  // subcommands take this setting when they are added, so it comes first.
  app.fallthrough();

  std::string guiFile;
  std::string screenshot, screenshotInfo;
  int width = 1280, height = 800;
  app.add_option("file", guiFile, tr("cli.opt.gui_file"));
  auto* screenshotOpt = app.add_option("--screenshot", screenshot, tr("cli.opt.screenshot"));
  app.add_option("--screenshot-info", screenshotInfo, tr("cli.opt.screenshot_info"))->needs(screenshotOpt);
  bool screenshotForce = false;
  app.add_flag("--force", screenshotForce, tr("cli.opt.force_out"))->needs(screenshotOpt);
  auto* widthOpt = app.add_option("--width", width, tr("cli.opt.width"))->check(CLI::Range(320, 7680));
  auto* heightOpt = app.add_option("--height", height, tr("cli.opt.height"))->check(CLI::Range(240, 4320));
  std::string size, view, select;
  auto* sizeOpt = app.add_option("--size", size, tr("cli.opt.size"))
                      ->type_name("WxH")
                      ->check(CLI::Validator(
                          [](std::string& text) {
                            int w = 0, h = 0;
                            return parseWindowSize(text, w, h) ? std::string() : trf("cli.size_format", {text});
                          },
                          "WxH"))
                      ->excludes(widthOpt)
                      ->excludes(heightOpt);
  auto* viewOpt = app.add_option("--view", view, tr("cli.opt.view"));
  auto* selectOpt = app.add_option("--select", select, tr("cli.opt.select"));
  std::string panel, agreement;
  auto* panelOpt = app.add_option("--panel", panel, tr("cli.opt.panel"))
                       ->check(CLI::IsMember({"metrics", "agreements", "timeline", "coverage", "warnings", "partners", "log"}));
  auto* agreementOpt = app.add_option("--agreement", agreement, tr("cli.opt.agreement"));
  std::string guiAsOf, guiCompare;
  bool present = false;
  app.add_flag("--present", present, tr("cli.opt.present"));
  auto* guiAsOfOpt = app.add_option("--as-of", guiAsOf, tr("cli.opt.gui_as_of"));
  auto* guiCompareOpt = app.add_option("--compare", guiCompare, tr("cli.opt.gui_compare"));

  std::string file, name, format = "table";
  bool force = false, full = false;
  int limit = 0;
  auto* newCmd = app.add_subcommand("new", tr("cli.cmd.new"));
  newCmd->add_option("FILE", file, tr("cli.opt.file"))->required();
  newCmd->add_option("--name", name, tr("cli.opt.name"));
  auto* demoCmd = app.add_subcommand("demo", tr("cli.cmd.demo"));
  demoCmd->add_option("FILE", file, tr("cli.opt.file"))->required();
  demoCmd->add_flag("--force", force, tr("cli.opt.force_map"));
  auto* infoCmd = app.add_subcommand("info", tr("cli.cmd.info"));
  infoCmd->add_option("FILE", file, tr("cli.opt.file"))->required();
  infoCmd->add_option("--format", format, tr("cli.opt.format"))->check(CLI::IsMember({"table", "json"}));
  auto* checkCmd = app.add_subcommand("check", tr("cli.cmd.check"));
  checkCmd->add_option("FILE", file, tr("cli.opt.file"))->required();
  checkCmd->add_flag("--full", full, tr("cli.opt.full"));
  auto* logCmd = app.add_subcommand("log", tr("cli.cmd.log"));
  logCmd->add_option("FILE", file, tr("cli.opt.file"))->required();
  logCmd->add_option("--limit", limit, tr("cli.opt.limit"))->check(CLI::Range(0, 1000000000));
  // Groups of subcommands in files of their own (see cli_command.hpp).
  CliAction action;
  CliStreams io{out, err};
  addAnalysisCommands(app, action, io);
  addImportCommands(app, action, io);
  addExportCommands(app, action, io);
  addNestCommands(app, action, io);
  addLayoutCommands(app, action, io);
  addAgreementCommands(app, action, io);
  addRenderCommands(app, action, io, hooks);
  app.require_subcommand(0, 1);
  app.footer(tr("cli.footer"));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      app.exit(e, out, err);
      return kExitOk;
    }
    err << "nestmap: " << e.what() << '\n' << tr("cli.see_help") << '\n';
    return kExitUsage;
  }

  try {
    if (*newCmd) return cmdNew(file, name, out);
    if (*demoCmd) return cmdDemo(file, force, out);
    if (*infoCmd) return cmdInfo(file, format, out);
    if (*checkCmd) return cmdCheck(file, out);
    if (*logCmd) return cmdLog(file, static_cast<std::size_t>(limit), out);
    if (action) return action();

    // A file named on the command line is opened (and so checked) first, so
    // that its problems are reported the same way with or without a window.
    if (!hooks.openGui && guiFile.empty()) {
      err << tr("cli.no_gui") << '\n';
      return kExitGui;
    }
    fs::path path = guiFile.empty() ? ensureDemoMap(err) : fs::path(guiFile);
    Document doc = Document::open(path);
    GuiOptions options;
    if (!screenshot.empty()) options.screenshot = screenshot;
    if (!screenshotInfo.empty()) options.screenshotInfo = screenshotInfo;
    // Refused before a window opens (or is found missing), like a wrong name
    // below; written through writeOutputFile.
    options.screenshotForce = screenshotForce;
    for (const auto& shot : {options.screenshot, options.screenshotInfo})
      if (shot) checkOutputTarget(*shot, {.force = screenshotForce});
    if (!hooks.openGui) {
      err << tr("cli.no_gui") << '\n';
      return kExitGui;
    }
    options.width = width;
    options.height = height;
    if (*sizeOpt) parseWindowSize(size, options.width, options.height);
    options.sizeGiven = *sizeOpt || *widthOpt || *heightOpt;
    options.languageGiven = languageGiven || !lang.empty();
    // Names are checked here, before a window opens, so that a typo in a
    // script fails the same way with or without a display.
    if (*viewOpt) {
      std::vector<NameCandidate> views;
      for (const auto& [id, v] : doc.model().views) views.push_back({id, v.name, {v.name}});
      if (!checkName(view, views, "gui.unknown_view", err)) return kExitInvalidInput;
      options.view = view;
    }
    if (*selectOpt) {
      std::vector<NameCandidate> actors;
      for (const auto& [id, a] : doc.model().actors) {
        NameCandidate c{id, a.name, {a.name}};
        if (!a.shortName.empty()) c.names.push_back(a.shortName);
        actors.push_back(std::move(c));
      }
      if (!checkName(select, actors, "gui.unknown_actor", err)) return kExitInvalidInput;
      options.select = select;
    }
    if (*panelOpt) options.panel = panel;
    options.present = present;
    if (*guiAsOfOpt) options.asOf = parseDateOption(guiAsOf);
    if (*guiCompareOpt) options.compareWith = parseDateOption(guiCompare);
    if (*agreementOpt) {
      std::vector<NameCandidate> agreements;
      for (const auto& [id, a] : doc.model().agreements) agreements.push_back({id, a.title, {a.title}});
      if (!checkName(agreement, agreements, "gui.unknown_agreement", err)) return kExitInvalidInput;
      options.agreement = agreement;
    }
    return hooks.openGui(doc, options);
  } catch (const UserError& e) {
    err << "nestmap: " << e.what() << '\n';
    return exitCodeFor(e.kind());
  } catch (const std::exception& e) {
    // SQLite's and the file system's failures that a user can act on (a
    // lock, a full disk, a read-only file) get their own words and codes.
    if (auto explained = Store::explain(e, {})) {
      err << "nestmap: " << explained->what() << '\n';
      return exitCodeFor(explained->kind());
    }
    err << "nestmap: " << trf("cli.internal", {e.what()}) << '\n';
    return kExitIo;
  }
}

}  // namespace nestmap
