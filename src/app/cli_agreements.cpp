// `nestmap agreements`: the register of agreements with their follow-up, and
// `--set-status`, which moves one agreement along the workflow as one command
// (one undo step, one change-log entry), refused when it breaks a rule.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "analysis/agreement_followup.hpp"
#include "analysis/nest_coverage.hpp"
#include "app/cli.hpp"
#include "app/cli_command.hpp"
#include "app/json_text.hpp"
#include "app/nest_text.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"

namespace nestmap {
namespace {

using json = nlohmann::ordered_json;

struct AgreementsOptions {
  std::string file, status, prison, asOf, format = "table";
  bool overdue = false;
  std::vector<std::string> setStatus;  ///< ID STATUS
  std::string date, note;
};

/// The follow-up of one agreement on the as-of day; days as AgreementFollowUp::Item gives them.
struct FollowUpFlags {
  std::optional<int> overdue, dueSoon, stalled;
  bool any() const { return overdue || dueSoon || stalled; }
};

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : std::string(separator)) + p;
  return out;
}

/// The status as the map labels it in the current language (the fixed label when the map has none).
std::string statusName(const Model& m, AgreementStatus s) {
  for (const auto& [id, label] : m.statusLabels)
    if (label.status == s) {
      const std::string& name = language() == Language::Dutch ? label.nameNl : label.nameEn;
      if (!name.empty()) return name;
    }
  return tr(std::string("status.") + std::string(key(s)));
}

/// The status a user names: its key, or its label in Dutch or English (the
/// map's or the fixed one), case- and accent-insensitive.
AgreementStatus findStatus(const Model& m, const std::string& text) {
  std::vector<NameCandidate> candidates;
  for (AgreementStatus s : kAllAgreementStatuses) {
    const std::string statusKey(key(s));
    NameCandidate c{static_cast<RowId>(s) + 1, statusName(m, s) + " (" + statusKey + ")", {statusKey}};
    for (const Translation& t : translations())
      if (t.key == "status." + statusKey) c.names.insert(c.names.end(), {std::string(t.nl), std::string(t.en)});
    for (const auto& [id, label] : m.statusLabels)
      if (label.status == s) c.names.insert(c.names.end(), {label.nameNl, label.nameEn});
    candidates.push_back(std::move(c));
  }
  const NameMatch match = matchName(text, candidates);
  if (!match.id) throwNameError(match, text, "agreements.unknown_status", "agreements.ambiguous_status");
  return static_cast<AgreementStatus>(match.id - 1);
}

/// The agreement a user names by its number (row id) or its UUID.
RowId findAgreement(const Model& m, const std::string& text, const std::string& file) {
  if (!text.empty() && text.size() < 19 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const RowId id = std::stoll(text);
    if (m.agreements.contains(id)) return id;
  } else if (auto uuid = Uuid::parse(text)) {
    for (const auto& [id, a] : m.agreements)
      if (a.uuid == *uuid) return id;
  }
  throw UserError(UserError::Kind::InvalidInput, trf("agreements.unknown_id", {text, file}));
}

std::string actorName(const Model& m, RowId id) {
  if (const Actor* a = m.actors.find(id)) return a->name;
  return "#" + std::to_string(id);
}

const AgreementType* typeOf(const Model& m, const Agreement& a) { return m.agreementTypes.find(a.typeId); }

std::string typeName(const AgreementType& t) { return language() == Language::Dutch ? t.nameNl : t.nameEn; }

/// The status on `asOf` and since when: the last change on or before that day.
/// An agreement without history counts as an idea from the start.
std::pair<AgreementStatus, std::optional<Date>> statusOn(const Agreement& a, Date asOf) {
  if (a.history.empty()) return {a.status(), std::nullopt};
  std::pair<AgreementStatus, std::optional<Date>> out{a.history.front().status, a.history.front().date};
  for (const StatusChange& c : a.history)
    if (c.date <= asOf) out = {c.status, c.date};
  return out;
}

/// Whether the agreement concerns `side`'s prison: made for it, or with it or one of its services as a party.
bool concerns(const Agreement& a, const PrisonSides::Side& side) {
  if (a.scopePrisonId == side.prisonId) return true;
  return std::any_of(a.parties.begin(), a.parties.end(), [&](const AgreementParty& p) {
    return std::find(side.actors.begin(), side.actors.end(), p.actorId) != side.actors.end();
  });
}

std::vector<std::string> flagTexts(const FollowUpFlags& f) {
  std::vector<std::string> out;
  if (f.overdue) out.push_back(trf("agreements.flag.overdue", {std::to_string(*f.overdue)}));
  if (f.dueSoon) out.push_back(trf("agreements.flag.due_soon", {std::to_string(*f.dueSoon)}));
  if (f.stalled) out.push_back(trf("agreements.flag.stalled", {std::to_string(*f.stalled)}));
  return out;
}

std::vector<std::string> flagKeys(const FollowUpFlags& f) {
  std::vector<std::string> out;
  if (f.overdue) out.emplace_back("overdue");
  if (f.dueSoon) out.emplace_back("due_soon");
  if (f.stalled) out.emplace_back("stalled");
  return out;
}

// ---------------------------------------------------------------------------
// listing

void listTable(std::ostream& out, const Model& m, const std::vector<RowId>& ids, Date asOf,
               const std::map<RowId, FollowUpFlags>& flags) {
  out << trf("agreements.title", {asOf.toString(), std::to_string(ids.size())}) << '\n';
  if (ids.empty()) {
    out << '\n' << tr("agreements.none") << '\n';
    return;
  }
  int overdue = 0, dueSoon = 0, stalled = 0;
  for (RowId id : ids) {
    const Agreement& a = *m.agreements.find(id);
    const auto [status, since] = statusOn(a, asOf);
    out << '\n' << '#' << id << "  " << a.title << '\n';

    std::vector<std::string> line{
        since ? trf("agreements.status_since", {statusName(m, status), since->toString()}) : statusName(m, status),
        a.reviewDate ? trf("agreements.review", {a.reviewDate->toString()}) : tr("agreements.no_review")};
    out << "    " << join(line, " · ") << '\n';

    line.clear();
    if (const AgreementType* t = typeOf(m, a)) line.push_back(typeName(*t));
    line.push_back(a.scopePrisonId ? actorName(m, a.scopePrisonId) : tr("agreements.all_prisons"));
    if (a.workPackage) line.push_back(trf("agreements.work_package", {std::to_string(a.workPackage)}));
    if (!a.buildingBlocks.empty()) {
      std::vector<std::string> blocks;
      for (int b : a.buildingBlocks) blocks.push_back(std::to_string(b));
      line.push_back(trf("agreements.building_blocks", {join(blocks, ", ")}));
    }
    if (!a.owner.empty()) line.push_back(trf("agreements.owner", {a.owner}));
    out << "    " << join(line, " · ") << '\n';

    std::vector<std::string> parties;
    for (const AgreementParty& p : a.parties) parties.push_back(actorName(m, p.actorId));
    out << "    " << trf("agreements.parties", {join(parties, ", ")}) << '\n';

    if (auto it = flags.find(id); it != flags.end()) {
      for (const std::string& text : flagTexts(it->second)) out << "    ! " << text << '\n';
      overdue += it->second.overdue.has_value();
      dueSoon += it->second.dueSoon.has_value();
      stalled += it->second.stalled.has_value();
    }
  }
  out << '\n'
      << trf("agreements.summary", {std::to_string(overdue), std::to_string(dueSoon), std::to_string(stalled)}) << '\n';
}

void listCsv(std::ostream& out, const Model& m, const std::vector<RowId>& ids, Date asOf,
             const std::map<RowId, FollowUpFlags>& flags) {
  out << "id,uuid,title,type,scope_prison,parties,status,status_since,owner,review_date,work_package,"
         "building_blocks,follow_up\n";
  for (RowId id : ids) {
    const Agreement& a = *m.agreements.find(id);
    const auto [status, since] = statusOn(a, asOf);
    const AgreementType* type = typeOf(m, a);
    std::vector<std::string> parties, blocks;
    for (const AgreementParty& p : a.parties) parties.push_back(actorName(m, p.actorId));
    for (int b : a.buildingBlocks) blocks.push_back(std::to_string(b));
    auto it = flags.find(id);
    out << id << ',' << a.uuid.toString() << ',' << csvField(a.title) << ',' << (type ? type->key : "") << ','
        << csvField(a.scopePrisonId ? actorName(m, a.scopePrisonId) : "") << ',' << csvField(join(parties, "; ")) << ','
        << key(status) << ',' << (since ? since->toString() : "") << ',' << csvField(a.owner) << ','
        << toString(a.reviewDate) << ',' << (a.workPackage ? std::to_string(a.workPackage) : "") << ','
        << join(blocks, ";") << ',' << (it != flags.end() ? join(flagKeys(it->second), ";") : "") << '\n';
  }
}

json listJson(const Model& m, const std::vector<RowId>& ids, Date asOf, const std::map<RowId, FollowUpFlags>& flags,
              const std::optional<AgreementStatus>& statusFilter, RowId prisonFilter, bool overdueFilter) {
  json j;
  j["as_of"] = asOf.toString();
  j["filters"] = {
      {"status", statusFilter ? json(std::string(key(*statusFilter))) : json(nullptr)},
      {"prison", prisonFilter ? json(actorName(m, prisonFilter)) : json(nullptr)},
      {"overdue", overdueFilter},
  };
  j["count"] = ids.size();
  json counts = {{"overdue", 0}, {"due_soon", 0}, {"stalled", 0}};
  json list = json::array();
  for (RowId id : ids) {
    const Agreement& a = *m.agreements.find(id);
    const auto [status, since] = statusOn(a, asOf);
    json item;
    item["id"] = id;
    item["uuid"] = a.uuid.toString();
    item["title"] = a.title;
    const AgreementType* type = typeOf(m, a);
    item["type"] = type ? json(type->key) : json(nullptr);
    item["type_name"] = type ? json(typeName(*type)) : json(nullptr);
    if (const Actor* prison = m.actors.find(a.scopePrisonId))
      item["scope_prison"] = {{"id", prison->uuid.toString()}, {"name", prison->name}};
    else
      item["scope_prison"] = nullptr;
    json parties = json::array();
    for (const AgreementParty& p : a.parties) {
      const Actor* actor = m.actors.find(p.actorId);
      parties.push_back({{"id", actor ? json(actor->uuid.toString()) : json(nullptr)},
                         {"name", actorName(m, p.actorId)},
                         {"role", p.role}});
    }
    item["parties"] = parties;
    item["status"] = std::string(key(status));
    item["status_name"] = statusName(m, status);
    item["status_since"] = since ? json(since->toString()) : json(nullptr);
    item["owner"] = a.owner;
    item["review_date"] = a.reviewDate ? json(a.reviewDate->toString()) : json(nullptr);
    item["work_package"] = a.workPackage ? json(a.workPackage) : json(nullptr);
    item["building_blocks"] = a.buildingBlocks;
    json followUp = json::array();
    if (auto it = flags.find(id); it != flags.end()) {
      const FollowUpFlags& f = it->second;
      const std::pair<const char*, std::optional<int>> kinds[] = {
          {"overdue", f.overdue}, {"due_soon", f.dueSoon}, {"stalled", f.stalled}};
      for (const auto& [kind, days] : kinds)
        if (days) {
          followUp.push_back({{"kind", kind}, {"days", *days}});
          counts[kind] = counts[kind].get<int>() + 1;
        }
    }
    item["follow_up"] = followUp;
    list.push_back(std::move(item));
  }
  j["follow_up"] = counts;
  j["agreements"] = std::move(list);
  return j;
}

int runList(const AgreementsOptions& o, CliStreams io) {
  const Date asOf = o.asOf.empty() ? Date::today() : parseDateOption(o.asOf);
  const Model m = Document::open(o.file).model();
  std::optional<AgreementStatus> statusFilter;
  if (!o.status.empty()) statusFilter = findStatus(m, o.status);
  RowId prisonId = 0;
  std::optional<PrisonSides::Side> side;
  if (!o.prison.empty()) {
    prisonId = findPrison(m, o.prison, asOf);
    side = *PrisonSides::of(m, asOf).find(prisonId);
  }

  std::map<RowId, FollowUpFlags> flags;
  const auto followUp = AgreementFollowUp::run(m, {asOf, 14, 180});
  for (const auto& item : followUp.overdue) flags[item.agreementId].overdue = item.days;
  for (const auto& item : followUp.dueSoon) flags[item.agreementId].dueSoon = item.days;
  for (const auto& item : followUp.stalled) flags[item.agreementId].stalled = item.days;

  std::vector<RowId> ids;
  for (const auto& [id, a] : m.agreements) {
    // The register as it stood on the day: agreements begun later are not in it yet.
    if (!a.history.empty() && !a.statusOn(asOf)) continue;
    if (statusFilter && statusOn(a, asOf).first != *statusFilter) continue;
    if (side && !concerns(a, *side)) continue;
    if (o.overdue && !(flags.count(id) && flags[id].overdue)) continue;
    ids.push_back(id);
  }

  if (o.format == "json")
    io.out << jsonText(listJson(m, ids, asOf, flags, statusFilter, prisonId, o.overdue), 1) << '\n';
  else if (o.format == "csv")
    listCsv(io.out, m, ids, asOf, flags);
  else
    listTable(io.out, m, ids, asOf, flags);
  return kExitOk;
}

// ---------------------------------------------------------------------------
// --set-status

int runSetStatus(const AgreementsOptions& o, CliStreams io) {
  const Date date = o.date.empty() ? Date::today() : parseDateOption(o.date);
  Document doc = Document::open(o.file);
  const Model& m = doc.model();
  const RowId id = findAgreement(m, o.setStatus.at(0), o.file);
  const AgreementStatus to = findStatus(m, o.setStatus.at(1));
  std::string title;
  std::optional<AgreementStatus> from;
  // Built inside the write transaction from the file as it is then, so that a
  // status set by someone else meanwhile is the one this step follows;
  // setAgreementStatus applies the workflow rules and throws before anything is written.
  doc.execute([&](const Model& now) {
    const Agreement* before = now.agreements.find(id);
    if (!before) throw UserError(UserError::Kind::Changed, tr("store.changed"));
    title = before->title;
    from = before->history.empty() ? std::nullopt : std::optional<AgreementStatus>(before->status());
    return setAgreementStatus(now, id, to, date, o.note);
  });
  if (from)
    io.out << trf("agreements.status_set",
                  {std::to_string(id), title, statusName(m, *from), statusName(m, to), date.toString()})
           << '\n';
  else
    io.out << trf("agreements.status_first", {std::to_string(id), title, statusName(m, to), date.toString()}) << '\n';
  if (!o.note.empty()) io.out << trf("agreements.note", {o.note}) << '\n';
  return kExitOk;
}

}  // namespace

void addAgreementCommands(CLI::App& app, CliAction& action, CliStreams io) {
  auto o = std::make_shared<AgreementsOptions>();
  auto* cmd = app.add_subcommand("agreements", tr("cli.cmd.agreements"));
  cmd->add_option("FILE", o->file, tr("cli.opt.file"))->required();
  auto* status = cmd->add_option("--status", o->status, tr("cli.opt.agreement_status"));
  auto* prison = cmd->add_option("--prison", o->prison, tr("cli.opt.agreement_prison"));
  auto* overdue = cmd->add_flag("--overdue", o->overdue, tr("cli.opt.overdue"));
  auto* asOf = cmd->add_option("--as-of", o->asOf, tr("cli.opt.agreements_as_of"));
  auto* format =
      cmd->add_option("--format", o->format, tr("cli.opt.format_csv"))->check(CLI::IsMember({"table", "csv", "json"}));
  auto* set = cmd->add_option("--set-status", o->setStatus, tr("cli.opt.set_status"))
                  ->expected(2)
                  ->type_name("ID STATUS")
                  ->excludes(status)
                  ->excludes(prison)
                  ->excludes(overdue)
                  ->excludes(asOf)
                  ->excludes(format);
  cmd->add_option("--date", o->date, tr("cli.opt.status_date"))->needs(set);
  cmd->add_option("--note", o->note, tr("cli.opt.status_note"))->needs(set);
  cmd->callback(
      [o, io, &action] { action = [o, io] { return o->setStatus.empty() ? runList(*o, io) : runSetStatus(*o, io); }; });
}

}  // namespace nestmap
