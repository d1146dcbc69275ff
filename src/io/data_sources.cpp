#include "io/data_sources.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/validate.hpp"
#include "io/csv.hpp"

namespace nestmap {
namespace {

// UUIDs of records from data/ are derived from their keys, so that every map
// made from the same sources shares them (taxonomy merges, demo rebuilds).
constexpr std::string_view kDefaultsNs = "nestmap:data";
constexpr std::string_view kDemoNs = "nestmap:demo";

CsvTable readCsv(const DataReader& data, std::string_view path) {
  auto text = data(path);
  if (!text) throw UserError(UserError::Kind::NotFound, trf("data.missing", {std::string(path)}));
  return CsvTable::parse(*text, "data/" + std::string(path));
}

/// Resolves keys of one file to row ids, with a clear error for unknown keys.
class KeyIndex {
 public:
  void add(const CsvTable& csv, const CsvTable::Row& row, std::string_view column, const std::string& key, RowId id) {
    if (key.empty()) csv.fail(row, column, tr("data.key_empty"));
    if (!m_ids.emplace(key, id).second) csv.fail(row, column, trf("data.key_twice", {key}));
  }
  RowId get(const CsvTable& csv, const CsvTable::Row& row, std::string_view column, bool optional = false) const {
    const std::string& key = csv.field(row, column);
    if (key.empty()) {
      if (optional) return 0;
      csv.fail(row, column, tr("data.value_missing"));
    }
    auto it = m_ids.find(key);
    if (it == m_ids.end()) csv.fail(row, column, trf("data.unknown_key", {key}));
    return it->second;
  }
  RowId find(const std::string& key) const {
    auto it = m_ids.find(key);
    return it == m_ids.end() ? 0 : it->second;
  }

 private:
  std::map<std::string, RowId, std::less<>> m_ids;
};

struct Parser {
  const CsvTable& csv;
  const CsvTable::Row& row;

  const std::string& text(std::string_view col) const { return csv.field(row, col); }
  const std::string& required(std::string_view col) const {
    const std::string& v = text(col);
    if (v.empty()) csv.fail(row, col, tr("data.value_missing"));
    return v;
  }
  Color color(std::string_view col) const {
    auto c = Color::parse(text(col));
    if (!c) csv.fail(row, col, trf("data.bad_color", {text(col)}));
    return *c;
  }
  long integer(std::string_view col, long lo, long hi) const {
    const std::string& v = text(col);
    long out = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (v.empty() || ec != std::errc() || ptr != v.data() + v.size() || out < lo || out > hi)
      csv.fail(row, col, trf("data.bad_integer", {v, std::to_string(lo), std::to_string(hi)}));
    return out;
  }
  std::optional<long> optInteger(std::string_view col, long lo, long hi) const {
    if (text(col).empty()) return std::nullopt;
    return integer(col, lo, hi);
  }
  std::optional<double> optReal(std::string_view col) const {
    const std::string& v = text(col);
    if (v.empty()) return std::nullopt;
    double out = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || ptr != v.data() + v.size()) csv.fail(row, col, trf("data.bad_number", {v}));
    // from_chars reads "nan" and "inf"; no radius, weight or coordinate may be either.
    if (!std::isfinite(out)) csv.fail(row, col, trf("hardening.not_finite", {v}));
    return out;
  }
  double real(std::string_view col) const {
    auto v = optReal(col);
    if (!v) csv.fail(row, col, tr("data.value_missing"));
    return *v;
  }
  std::optional<Date> optDate(std::string_view col) const {
    const std::string& v = text(col);
    if (v.empty()) return std::nullopt;
    auto d = Date::parse(v);
    if (!d) csv.fail(row, col, trf("data.bad_date", {v}));
    return d;
  }
  Date date(std::string_view col) const {
    auto d = optDate(col);
    if (!d) csv.fail(row, col, tr("data.value_missing"));
    return *d;
  }
  template <class E>
  E choice(std::string_view col, std::optional<E> (*parse)(std::string_view)) const {
    auto v = parse(text(col));
    if (!v) csv.fail(row, col, trf("data.bad_choice", {text(col)}));
    return *v;
  }
};

/// Checks a finished record against the model's rules, naming the CSV row.
template <class T>
void requireValid(const Model& model, const T& record, const CsvTable& csv, const CsvTable::Row& row,
                  std::string_view column) {
  auto problems = validate(model, record);
  if (!problems.empty()) csv.fail(row, column, problems.front());
}

struct Keys {
  KeyIndex sectors, actorTypes, tieTypes, agreementTypes, templates, actors, agreements;
};

void loadTaxonomy(const DataReader& data, Model& m, Keys& keys) {
  {
    CsvTable csv = readCsv(data, "taxonomy/sectors.csv");
    csv.requireHeader({"key", "name_nl", "name_en", "color"});
    for (const auto& row : csv.rows()) {
      Parser p{csv, row};
      Sector s;
      s.id = m.sectors.nextId();
      s.key = p.required("key");
      s.uuid = Uuid::fromName(kDefaultsNs, "sector/" + s.key);
      s.nameNl = p.required("name_nl");
      s.nameEn = p.required("name_en");
      s.color = p.color("color");
      s.sort = static_cast<int>(s.id);
      keys.sectors.add(csv, row, "key", s.key, s.id);
      m.sectors.put(std::move(s));
    }
  }
  {
    CsvTable csv = readCsv(data, "taxonomy/actor_types.csv");
    csv.requireHeader({"key", "name_nl", "name_en", "sector", "color", "shape", "line"});
    for (const auto& row : csv.rows()) {
      Parser p{csv, row};
      ActorType t;
      t.id = m.actorTypes.nextId();
      t.key = p.required("key");
      t.uuid = Uuid::fromName(kDefaultsNs, "actor_type/" + t.key);
      t.nameNl = p.required("name_nl");
      t.nameEn = p.required("name_en");
      t.sectorId = keys.sectors.get(csv, row, "sector");
      t.color = p.color("color");
      t.shape = p.choice<Shape>("shape", parseShape);
      t.line = static_cast<int>(p.integer("line", 0, 3));
      t.sort = static_cast<int>(t.id);
      keys.actorTypes.add(csv, row, "key", t.key, t.id);
      m.actorTypes.put(std::move(t));
    }
  }
  {
    CsvTable csv = readCsv(data, "taxonomy/tie_types.csv");
    csv.requireHeader({"key", "name_nl", "name_en", "color", "directed"});
    for (const auto& row : csv.rows()) {
      Parser p{csv, row};
      TieType t;
      t.id = m.tieTypes.nextId();
      t.key = p.required("key");
      t.uuid = Uuid::fromName(kDefaultsNs, "tie_type/" + t.key);
      t.nameNl = p.required("name_nl");
      t.nameEn = p.required("name_en");
      t.color = p.color("color");
      t.directed = p.integer("directed", 0, 1) == 1;
      t.sort = static_cast<int>(t.id);
      keys.tieTypes.add(csv, row, "key", t.key, t.id);
      m.tieTypes.put(std::move(t));
    }
  }
  {
    CsvTable csv = readCsv(data, "taxonomy/agreement_types.csv");
    csv.requireHeader({"key", "name_nl", "name_en"});
    for (const auto& row : csv.rows()) {
      Parser p{csv, row};
      AgreementType t;
      t.id = m.agreementTypes.nextId();
      t.key = p.required("key");
      t.uuid = Uuid::fromName(kDefaultsNs, "agreement_type/" + t.key);
      t.nameNl = p.required("name_nl");
      t.nameEn = p.required("name_en");
      t.sort = static_cast<int>(t.id);
      keys.agreementTypes.add(csv, row, "key", t.key, t.id);
      m.agreementTypes.put(std::move(t));
    }
  }
  {
    CsvTable csv = readCsv(data, "taxonomy/agreement_statuses.csv");
    csv.requireHeader({"key", "name_nl", "name_en", "color"});
    for (const auto& row : csv.rows()) {
      Parser p{csv, row};
      StatusLabel s;
      s.id = m.statusLabels.nextId();
      s.status = p.choice<AgreementStatus>("key", parseAgreementStatus);
      s.uuid = Uuid::fromName(kDefaultsNs, "status_label/" + p.text("key"));
      s.nameNl = p.required("name_nl");
      s.nameEn = p.required("name_en");
      s.color = p.color("color");
      for (const auto& [id, other] : m.statusLabels)
        if (other.status == s.status) csv.fail(row, "key", trf("data.key_twice", {p.text("key")}));
      m.statusLabels.put(std::move(s));
    }
    if (m.statusLabels.size() != std::size(kAllAgreementStatuses))
      throw UserError(UserError::Kind::InvalidInput, trf("data.statuses_incomplete", {csv.source()}));
  }
}

void loadNestTemplate(const DataReader& data, Model& m, Keys& keys) {
  {
    CsvTable csv = readCsv(data, "nest_templates.csv");
    csv.requireHeader({"key", "name", "description", "hop_limit"});
    for (const auto& row : csv.rows()) {
      Parser p{csv, row};
      NestTemplate t;
      t.id = m.nestTemplates.nextId();
      t.key = p.required("key");
      t.uuid = Uuid::fromName(kDefaultsNs, "nest_template/" + t.key);
      t.name = p.required("name");
      t.description = p.text("description");
      t.hopLimit = static_cast<int>(p.integer("hop_limit", 1, 10));
      keys.templates.add(csv, row, "key", t.key, t.id);
      m.nestTemplates.put(std::move(t));
    }
  }
  CsvTable csv = readCsv(data, "nest_categories.csv");
  csv.requireHeader(
      {"template", "key", "name_nl", "name_en", "actor_types", "reach", "hop_limit", "radius_km", "weight"});
  std::map<std::string, int> seen;
  for (const auto& row : csv.rows()) {
    Parser p{csv, row};
    NestCategory c;
    c.id = m.nestCategories.nextId();
    c.templateId = keys.templates.get(csv, row, "template");
    c.key = p.required("key");
    if (seen[p.text("template") + "/" + c.key]++) csv.fail(row, "key", trf("data.key_twice", {c.key}));
    c.uuid = Uuid::fromName(kDefaultsNs, "nest_category/" + p.text("template") + "/" + c.key);
    c.nameNl = p.required("name_nl");
    c.nameEn = p.required("name_en");
    for (const auto& typeKey : splitList(p.text("actor_types"))) {
      RowId typeId = keys.actorTypes.find(typeKey);
      if (typeId == 0) csv.fail(row, "actor_types", trf("data.unknown_key", {typeKey}));
      c.actorTypeIds.push_back(typeId);
    }
    if (c.actorTypeIds.empty()) csv.fail(row, "actor_types", tr("data.value_missing"));
    std::sort(c.actorTypeIds.begin(), c.actorTypeIds.end());
    c.reach = p.choice<Reach>("reach", parseReach);
    if (auto hop = p.optInteger("hop_limit", 1, 10)) c.hopLimit = static_cast<int>(*hop);
    c.radiusKm = p.real("radius_km");
    c.weight = p.real("weight");
    c.sort = static_cast<int>(c.id);
    requireValid(m, c, csv, row, "key");
    m.nestCategories.put(std::move(c));
  }
}

void loadDemoRecords(const DataReader& data, Model& m, Keys& keys) {
  {
    CsvTable csv = readCsv(data, "demo/meta.csv");
    csv.requireHeader({"key", "value"});
    for (const auto& row : csv.rows()) {
      const std::string& k = csv.field(row, "key");
      if (k == "name")
        m.info.name = csv.field(row, "value");
      else if (k == "description")
        m.info.description = csv.field(row, "value");
      else
        csv.fail(row, "key", trf("data.unknown_key", {k}));
    }
    m.info.uuid = Uuid::fromName(kDemoNs, "map");
  }
  {
    CsvTable csv = readCsv(data, "demo/actors.csv");
    csv.requireHeader({"key",
                       "name",
                       "short_name",
                       "type",
                       "parent",
                       "address",
                       "postcode",
                       "municipality",
                       "lat",
                       "lon",
                       "province",
                       "eerstelijnszone",
                       "judicial_district",
                       "line",
                       "influence",
                       "interest",
                       "tags",
                       "valid_from",
                       "valid_to",
                       "notes"});
    // Parents may be listed after their children: give every key its id first.
    RowId next = m.actors.nextId();
    for (const auto& row : csv.rows()) keys.actors.add(csv, row, "key", csv.field(row, "key"), next++);
    for (const auto& row : csv.rows()) {
      Parser p{csv, row};
      Actor a;
      a.externalId = p.text("key");
      a.id = keys.actors.find(a.externalId);
      a.uuid = Uuid::fromName(kDemoNs, "actor/" + a.externalId);
      a.name = p.required("name");
      a.shortName = p.text("short_name");
      a.typeId = keys.actorTypes.get(csv, row, "type");
      a.parentId = keys.actors.get(csv, row, "parent", true);
      a.address = p.text("address");
      a.postcode = p.text("postcode");
      a.municipality = p.text("municipality");
      a.latitude = p.optReal("lat");
      a.longitude = p.optReal("lon");
      a.province = p.text("province");
      a.eerstelijnszone = p.text("eerstelijnszone");
      a.judicialDistrict = p.text("judicial_district");
      auto line = p.optInteger("line", 0, 3);
      a.line = line ? static_cast<int>(*line) : m.actorTypes.find(a.typeId)->line;
      a.influence = static_cast<int>(p.optInteger("influence", 0, 5).value_or(0));
      a.interest = static_cast<int>(p.optInteger("interest", 0, 5).value_or(0));
      a.tags = splitList(p.text("tags"));
      a.validFrom = p.optDate("valid_from");
      a.validTo = p.optDate("valid_to");
      a.notes = p.text("notes");
      m.actors.put(std::move(a));
    }
    // Validate once all actors exist, so parent checks see the whole map.
    for (const auto& row : csv.rows())
      requireValid(m, *m.actors.find(keys.actors.find(csv.field(row, "key"))), csv, row, "key");
  }
  {
    CsvTable csv = readCsv(data, "demo/ties.csv");
    csv.requireHeader(
        {"source", "target", "type", "direction", "strength", "status", "valid_from", "valid_to", "source_note"});
    for (const auto& row : csv.rows()) {
      Parser p{csv, row};
      Tie t;
      t.id = m.ties.nextId();
      t.sourceId = keys.actors.get(csv, row, "source");
      t.targetId = keys.actors.get(csv, row, "target");
      t.uuid = Uuid::fromName(kDemoNs, "tie/" + std::to_string(row.line) + "/" + p.text("source") + "/" +
                                           p.text("target") + "/" + p.text("type"));
      t.typeId = keys.tieTypes.get(csv, row, "type");
      t.direction = p.choice<Direction>("direction", parseDirection);
      t.strength = static_cast<int>(p.integer("strength", 1, 3));
      t.status = p.choice<TieStatus>("status", parseTieStatus);
      t.validFrom = p.optDate("valid_from");
      t.validTo = p.optDate("valid_to");
      t.sourceNote = p.text("source_note");
      requireValid(m, t, csv, row, "source");
      m.ties.put(std::move(t));
    }
  }
  {
    CsvTable csv = readCsv(data, "demo/agreements.csv");
    csv.requireHeader({"key", "title", "type", "scope_prison", "owner", "review_date", "work_package",
                       "building_blocks", "documents", "notes"});
    for (const auto& row : csv.rows()) {
      Parser p{csv, row};
      Agreement a;
      a.id = m.agreements.nextId();
      keys.agreements.add(csv, row, "key", p.text("key"), a.id);
      a.uuid = Uuid::fromName(kDemoNs, "agreement/" + p.text("key"));
      a.title = p.required("title");
      a.typeId = keys.agreementTypes.get(csv, row, "type", true);
      a.scopePrisonId = keys.actors.get(csv, row, "scope_prison", true);
      a.owner = p.text("owner");
      a.reviewDate = p.optDate("review_date");
      a.workPackage = static_cast<int>(p.optInteger("work_package", 1, 5).value_or(0));
      for (const auto& b : splitList(p.text("building_blocks"))) {
        int block = 0;
        auto [ptr, ec] = std::from_chars(b.data(), b.data() + b.size(), block);
        if (ec != std::errc() || ptr != b.data() + b.size() || block < 1 || block > 8)
          csv.fail(row, "building_blocks", trf("data.bad_integer", {b, "1", "8"}));
        a.buildingBlocks.push_back(block);
      }
      std::sort(a.buildingBlocks.begin(), a.buildingBlocks.end());
      for (const auto& d : splitList(p.text("documents"))) {
        auto bar = d.find('|');
        a.documents.push_back(bar == std::string::npos ? AgreementDocument{d, ""}
                                                       : AgreementDocument{d.substr(0, bar), d.substr(bar + 1)});
      }
      a.notes = p.text("notes");
      m.agreements.put(std::move(a));
    }
  }
  {
    CsvTable csv = readCsv(data, "demo/agreement_parties.csv");
    csv.requireHeader({"agreement", "actor", "role"});
    for (const auto& row : csv.rows()) {
      Agreement* a = m.agreements.find(keys.agreements.get(csv, row, "agreement"));
      a->parties.push_back({keys.actors.get(csv, row, "actor"), csv.field(row, "role")});
    }
  }
  {
    CsvTable csv = readCsv(data, "demo/agreement_history.csv");
    csv.requireHeader({"agreement", "date", "status", "note"});
    for (const auto& row : csv.rows()) {
      Parser p{csv, row};
      Agreement* a = m.agreements.find(keys.agreements.get(csv, row, "agreement"));
      StatusChange change{p.date("date"), p.choice<AgreementStatus>("status", parseAgreementStatus), p.text("note")};
      if (!a->history.empty() && change.date < a->history.back().date)
        csv.fail(row, "date", trf("valid.history_order", {change.date.toString(), a->history.back().date.toString()}));
      a->history.push_back(std::move(change));
    }
  }
  {
    // Agreements are complete only now; check each against its first row.
    CsvTable csv = readCsv(data, "demo/agreements.csv");
    for (const auto& row : csv.rows())
      requireValid(m, *m.agreements.find(keys.agreements.find(csv.field(row, "key"))), csv, row, "key");
  }
  {
    CsvTable csv = readCsv(data, "demo/contacts.csv");
    csv.requireHeader({"actor", "name", "role", "email", "phone", "personal_data"});
    for (const auto& row : csv.rows()) {
      Parser p{csv, row};
      Contact c;
      c.id = m.contacts.nextId();
      c.actorId = keys.actors.get(csv, row, "actor");
      c.uuid = Uuid::fromName(kDemoNs, "contact/" + p.text("actor") + "/" + p.text("role") + "/" + p.text("email"));
      c.name = p.text("name");
      c.role = p.text("role");
      c.email = p.text("email");
      c.phone = p.text("phone");
      c.personalData = p.integer("personal_data", 0, 1) == 1;
      requireValid(m, c, csv, row, "actor");
      m.contacts.put(std::move(c));
    }
  }
}

}  // namespace

DataReader embeddedData() {
  return [](std::string_view path) -> std::optional<std::string> {
    auto text = embedded::find(embedded::dataFiles(), path);
    if (!text) return std::nullopt;
    return std::string(*text);
  };
}

DataReader dataDirectory(const std::string& root) {
  return [root](std::string_view path) -> std::optional<std::string> {
    std::ifstream in(root + "/" + std::string(path), std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  };
}

Model defaultModel(const DataReader& data, std::string name) {
  Model m;
  Keys keys;
  loadTaxonomy(data, m, keys);
  loadNestTemplate(data, m, keys);
  m.info.name = std::move(name);
  return m;
}

Model demoModel(const DataReader& data) {
  Model m;
  Keys keys;
  loadTaxonomy(data, m, keys);
  loadNestTemplate(data, m, keys);
  loadDemoRecords(data, m, keys);
  // The demo opens on a view of the whole alliance; layouts fill it later.
  View overview;
  overview.id = 1;
  overview.uuid = Uuid::fromName(kDemoNs, "view/overview");
  overview.name = tr("view.overview");
  m.views.put(std::move(overview));
  return m;
}

}  // namespace nestmap
