#include "io/graph_export.hpp"

// [SECTION] text and numbers as every format needs them
// [SECTION] the exported graph: what goes out, decided once for every format
// [SECTION] GraphML
// [SECTION] GEXF
// [SECTION] node-link JSON
// [SECTION] DOT
// [SECTION] CSV
// [SECTION] the table of formats

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_set>

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace nestmap {
namespace {

// ---------------------------------------------------------------------------
// [SECTION] text and numbers as every format needs them

/// `text` as every format can hold it: bytes that are no UTF-8 and characters XML 1.0
/// forbids (control characters other than tab and line ends, U+FFFE, U+FFFF) become
/// U+FFFD. A map made elsewhere may hold such names; the export must stay readable.
std::string cleanText(std::string_view text) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      const bool allowed = b >= 0x20 || b == '\t' || b == '\n' || b == '\r';
      if (allowed)
        out += static_cast<char>(b);
      else
        out += kReplacement;
      ++i;
      continue;
    }
    const std::size_t n = utf8SequenceLength(text.substr(i));
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    const std::string_view seq = text.substr(i, n);
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
    if (seq == "\xEF\xBF\xBE" || seq == "\xEF\xBF\xBF")
      out += kReplacement;
    else
      out += seq;
    i += n;
  }
  return out;
}

/// The shortest text that reads back as the same number, with a decimal point: 3, 2.75, 1e+20.
std::string numberText(double v) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, ec == std::errc() ? ptr : buf);
}

// ---------------------------------------------------------------------------
// [SECTION] the exported graph: what goes out, decided once for every format

enum class AttrType { String, Int, Double, Bool };

struct AttrDef {
  std::string name;
  AttrType type = AttrType::String;
};

/// Values by attribute index, in canonical text (numbers with a decimal point, true/false).
using Values = std::vector<std::optional<std::string>>;

struct ExportNode {
  std::string id, label;
  Values values;
  Color color{0x88, 0x88, 0x88};
  Shape shape = Shape::Circle;
  bool agreement = false;
  std::optional<ViewPosition> position;
};

struct ExportEdge {
  std::string id, source, target;
  Direction direction = Direction::Undirected;
  TieStatus status = TieStatus::Active;
  double weight = 1;
  Color color{0x88, 0x88, 0x88};
  bool agreement = false;
  Values values;
};

/// Declared attributes of nodes or edges, by name.
class Attrs {
 public:
  /// Declares `name`; returns its index.
  std::size_t add(std::string name, AttrType type) {
    m_index.emplace(name, m_defs.size());
    m_defs.push_back({std::move(name), type});
    return m_defs.size() - 1;
  }
  bool has(const std::string& name) const { return m_index.count(name) > 0; }
  std::size_t index(const std::string& name) const { return m_index.at(name); }
  const std::vector<AttrDef>& defs() const { return m_defs; }
  std::size_t size() const { return m_defs.size(); }

  /// Declares the custom fields found in `records`, in name order. A field named like an
  /// attribute Nestmap writes itself is written as "custom_NAME" so neither hides the other.
  template <class Records>
  std::map<std::string, std::size_t> addCustom(const Records& records) {
    std::set<std::string> names;
    for (const auto& row : records)
      for (const auto& [name, value] : row.customFields) names.insert(name);
    std::map<std::string, std::size_t> out;
    for (const std::string& name : names) {
      std::string as = cleanText(name);
      while (has(as)) as = "custom_" + as;
      out[name] = add(as, AttrType::String);
    }
    return out;
  }

 private:
  std::vector<AttrDef> m_defs;
  std::map<std::string, std::size_t> m_index;
};

/// One record's values, filled by attribute name.
class Row {
 public:
  explicit Row(const Attrs& attrs) : m_attrs(attrs), m_values(attrs.size()) {}
  void text(const char* name, std::string_view value) {
    if (!value.empty()) m_values[m_attrs.index(name)] = cleanText(value);
  }
  void integer(const char* name, long long value) { m_values[m_attrs.index(name)] = std::to_string(value); }
  void real(const char* name, std::optional<double> value) {
    if (value) m_values[m_attrs.index(name)] = numberText(*value);
  }
  void flag(const char* name, bool value) { m_values[m_attrs.index(name)] = value ? "true" : "false"; }
  void date(const char* name, const std::optional<Date>& value) {
    if (value) m_values[m_attrs.index(name)] = value->toString();
  }
  void custom(const std::map<std::string, std::size_t>& columns, const std::map<std::string, std::string>& fields) {
    for (const auto& [name, value] : fields) m_values[columns.at(name)] = cleanText(value);
  }
  Values take() { return std::move(m_values); }

 private:
  const Attrs& m_attrs;
  Values m_values;
};

/// Everything an export holds, in the order it is written: actors in id order, then
/// agreement nodes; ties in id order, then the agreements' edges.
struct ExportGraph {
  std::string name, description;
  Attrs nodeAttrs, edgeAttrs;
  std::vector<ExportNode> nodes;
  std::vector<ExportEdge> edges;
  GraphExportCounts counts;

  /// Whether every edge is directed: only then does a format say so for the whole graph.
  /// Readers such as networkx refuse a graph that mixes directed and undirected edges, so
  /// a mixed one is written undirected and each edge says its own in `direction`.
  bool directed() const {
    if (edges.empty()) return false;
    for (const ExportEdge& e : edges)
      if (e.direction != Direction::Directed) return false;
    return true;
  }
};

template <class Record>
std::string localName(const Record& r) {
  return language() == Language::Dutch ? r.nameNl : r.nameEn;
}

/// An agreement's status as a tie's: it joins its parties while agreed, formalised or in
/// practice (as GraphSnapshot counts it), is planned before and ended after.
TieStatus tieStatusOf(AgreementStatus s) {
  switch (s) {
    case AgreementStatus::Idea:
    case AgreementStatus::Discussion:
      return TieStatus::Planned;
    case AgreementStatus::Agreed:
    case AgreementStatus::Formalised:
    case AgreementStatus::Practice:
      return TieStatus::Active;
    case AgreementStatus::Evaluated:
    case AgreementStatus::Stopped:
      return TieStatus::Ended;
  }
  return TieStatus::Planned;
}

std::optional<Color> statusColor(const Model& m, AgreementStatus s) {
  for (const auto& [id, label] : m.statusLabels)
    if (label.status == s) return label.color;
  return std::nullopt;
}

/// A contact in one line: "Name (role) <e-mail> phone".
std::string contactText(const Contact& c) {
  std::string out = c.name;
  if (!c.role.empty()) out += " (" + c.role + ")";
  if (!c.email.empty()) out += " <" + c.email + ">";
  if (!c.phone.empty()) out += " " + c.phone;
  return out;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

/// Decides, once for every format, which records go out and with which values.
class GraphBuilder {
 public:
  GraphBuilder(const Model& model, const GraphExportOptions& options) : m_model(model), m_options(options) {}

  ExportGraph build() {
    m_graph.name = cleanText(m_model.info.name);
    if (!m_options.shareSafe) m_graph.description = cleanText(m_model.info.description);
    declareNodeAttrs();
    declareEdgeAttrs();
    for (const auto& [id, a] : m_model.actors)
      if (!m_options.asOf || withinValidity(*m_options.asOf, a.validFrom, a.validTo)) addActor(a);
    for (const auto& [id, t] : m_model.ties) addTie(t);
    for (const auto& [id, a] : m_model.agreements) addAgreement(a);
    return std::move(m_graph);
  }

 private:
  void declareNodeAttrs() {
    Attrs& n = m_graph.nodeAttrs;
    for (const char* name : {"kind", "label", "uuid", "short_name", "type", "type_name", "sector", "sector_name"})
      n.add(name, AttrType::String);
    n.add("line", AttrType::Int);
    for (const char* name :
         {"parent", "address", "postcode", "municipality", "province", "eerstelijnszone", "judicial_district"})
      n.add(name, AttrType::String);
    n.add("latitude", AttrType::Double);
    n.add("longitude", AttrType::Double);
    n.add("influence", AttrType::Int);
    n.add("interest", AttrType::Int);
    for (const char* name : {"tags", "valid_from", "valid_to"}) n.add(name, AttrType::String);
    if (!m_options.shareSafe) {
      n.add("notes", AttrType::String);
      n.add("contacts", AttrType::String);
    }
    if (m_options.agreements == AgreementsAs::Nodes) {
      for (const char* name : {"agreement_type", "agreement_status", "scope_prison"}) n.add(name, AttrType::String);
      if (!m_options.shareSafe) n.add("owner", AttrType::String);
      n.add("review_date", AttrType::String);
      n.add("work_package", AttrType::Int);
      n.add("building_blocks", AttrType::String);
    }
    m_actorCustom = n.addCustom(m_model.actors.records());
  }

  void declareEdgeAttrs() {
    Attrs& e = m_graph.edgeAttrs;
    for (const char* name : {"kind", "uuid", "type", "type_name", "direction"}) e.add(name, AttrType::String);
    e.add("directed", AttrType::Bool);
    e.add("strength", AttrType::Int);
    e.add("weight", AttrType::Double);
    for (const char* name : {"status", "valid_from", "valid_to"}) e.add(name, AttrType::String);
    if (!m_options.shareSafe) e.add("source_note", AttrType::String);
    if (m_options.agreements == AgreementsAs::Nodes) e.add("role", AttrType::String);
    for (const char* name : {"agreement", "agreement_title", "agreement_type", "agreement_status"})
      e.add(name, AttrType::String);
    m_tieCustom = e.addCustom(m_model.ties.records());
  }

  void addActor(const Actor& a) {
    ExportNode node;
    node.id = a.uuid.toString();
    node.label = cleanText(a.name);
    Row row(m_graph.nodeAttrs);
    row.text("kind", "actor");
    row.text("label", a.name);
    row.text("uuid", node.id);
    row.text("short_name", a.shortName);
    if (const ActorType* type = m_model.actorTypes.find(a.typeId)) {
      row.text("type", type->key);
      row.text("type_name", localName(*type));
      node.color = type->color;
      node.shape = type->shape;
      if (const Sector* sector = m_model.sectors.find(type->sectorId)) {
        row.text("sector", sector->key);
        row.text("sector_name", localName(*sector));
      }
    }
    row.integer("line", a.line);
    if (const Actor* parent = m_model.actors.find(a.parentId)) row.text("parent", parent->uuid.toString());
    row.text("address", a.address);
    row.text("postcode", a.postcode);
    row.text("municipality", a.municipality);
    row.text("province", a.province);
    row.text("eerstelijnszone", a.eerstelijnszone);
    row.text("judicial_district", a.judicialDistrict);
    row.real("latitude", a.latitude);
    row.real("longitude", a.longitude);
    row.integer("influence", a.influence);
    row.integer("interest", a.interest);
    row.text("tags", joined(a.tags, ";"));
    row.date("valid_from", a.validFrom);
    row.date("valid_to", a.validTo);
    if (!m_options.shareSafe) {
      row.text("notes", a.notes);
      std::vector<std::string> contacts;
      for (const auto& [id, c] : m_model.contacts)
        if (c.actorId == a.id) contacts.push_back(contactText(c));
      row.text("contacts", joined(contacts, "; "));
    }
    row.custom(m_actorCustom, a.customFields);
    node.values = row.take();
    if (m_options.viewId != 0)
      if (auto view = m_model.positions.find(m_options.viewId); view != m_model.positions.end())
        if (auto at = view->second.find(a.id); at != view->second.end()) node.position = at->second;
    m_included.insert(a.id);
    m_graph.nodes.push_back(std::move(node));
    ++m_graph.counts.actors;
  }

  bool included(RowId actor) const { return m_included.count(actor) > 0; }

  void addTie(const Tie& t) {
    if (!included(t.sourceId) || !included(t.targetId) || t.sourceId == t.targetId) return;
    if (m_options.asOf && !withinValidity(*m_options.asOf, t.validFrom, t.validTo)) return;
    ExportEdge edge;
    edge.id = t.uuid.toString();
    edge.source = m_model.actors.find(t.sourceId)->uuid.toString();
    edge.target = m_model.actors.find(t.targetId)->uuid.toString();
    edge.direction = t.direction;
    edge.status = t.status;
    // What GraphSnapshot weighs a tie with, so that an analysis of the export agrees with Nestmap's.
    edge.weight = t.weight.value_or(static_cast<double>(t.strength));
    Row row(m_graph.edgeAttrs);
    row.text("kind", "tie");
    row.text("uuid", edge.id);
    if (const TieType* type = m_model.tieTypes.find(t.typeId)) {
      row.text("type", type->key);
      row.text("type_name", localName(*type));
      edge.color = type->color;
    }
    row.text("direction", key(t.direction));
    row.flag("directed", t.direction == Direction::Directed);
    row.integer("strength", t.strength);
    row.real("weight", edge.weight);
    row.text("status", key(t.status));
    row.date("valid_from", t.validFrom);
    row.date("valid_to", t.validTo);
    if (!m_options.shareSafe) row.text("source_note", t.sourceNote);
    row.custom(m_tieCustom, t.customFields);
    edge.values = row.take();
    m_graph.edges.push_back(std::move(edge));
    ++m_graph.counts.ties;
  }

  void addAgreement(const Agreement& a) {
    const std::optional<AgreementStatus> status =
        m_options.asOf ? a.statusOn(*m_options.asOf) : std::optional(a.status());
    if (!status) return;  // it did not exist yet on that day
    const std::string uuid = a.uuid.toString();
    const AgreementType* type = m_model.agreementTypes.find(a.typeId);
    const Color color = statusColor(m_model, *status).value_or(Color{0x88, 0x88, 0x88});
    auto agreementEdge = [&](std::string id, std::string source, std::string target) {
      ExportEdge edge;
      edge.id = std::move(id);
      edge.source = std::move(source);
      edge.target = std::move(target);
      edge.status = tieStatusOf(*status);
      edge.color = color;
      edge.agreement = true;
      Row row(m_graph.edgeAttrs);
      row.text("kind", m_options.agreements == AgreementsAs::Ties ? "agreement" : "party");
      row.text("uuid", uuid);
      row.text("direction", key(Direction::Undirected));
      row.flag("directed", false);
      row.real("weight", edge.weight);
      row.text("status", key(edge.status));
      row.text("agreement", uuid);
      row.text("agreement_title", a.title);
      if (type) row.text("agreement_type", type->key);
      row.text("agreement_status", key(*status));
      return std::pair{std::move(edge), std::move(row)};
    };

    bool any = false;
    if (m_options.agreements == AgreementsAs::Ties) {
      for (std::size_t i = 0; i < a.parties.size(); ++i)
        for (std::size_t j = i + 1; j < a.parties.size(); ++j) {
          const RowId from = a.parties[i].actorId, to = a.parties[j].actorId;
          if (from == to || !included(from) || !included(to)) continue;
          auto [edge, row] =
              agreementEdge(uuid + "-" + std::to_string(i + 1) + "-" + std::to_string(j + 1),
                            m_model.actors.find(from)->uuid.toString(), m_model.actors.find(to)->uuid.toString());
          edge.values = row.take();
          m_graph.edges.push_back(std::move(edge));
          any = true;
        }
    } else {
      addAgreementNode(a, *status, type, color);
      any = true;
      for (std::size_t i = 0; i < a.parties.size(); ++i) {
        const RowId party = a.parties[i].actorId;
        if (!included(party)) continue;
        auto [edge, row] =
            agreementEdge(uuid + "-" + std::to_string(i + 1), uuid, m_model.actors.find(party)->uuid.toString());
        row.text("role", a.parties[i].role);
        edge.values = row.take();
        m_graph.edges.push_back(std::move(edge));
      }
    }
    if (any) ++m_graph.counts.agreements;
  }

  void addAgreementNode(const Agreement& a, AgreementStatus status, const AgreementType* type, Color color) {
    ExportNode node;
    node.id = a.uuid.toString();
    node.label = cleanText(a.title);
    node.color = color;
    node.agreement = true;
    Row row(m_graph.nodeAttrs);
    row.text("kind", "agreement");
    row.text("label", a.title);
    row.text("uuid", node.id);
    if (type) row.text("agreement_type", type->key);
    row.text("agreement_status", key(status));
    if (const Actor* prison = m_model.actors.find(a.scopePrisonId)) row.text("scope_prison", prison->uuid.toString());
    if (!m_options.shareSafe) {
      row.text("owner", a.owner);
      row.text("notes", a.notes);
    }
    row.date("review_date", a.reviewDate);
    if (a.workPackage != 0) row.integer("work_package", a.workPackage);
    std::vector<std::string> blocks;
    for (int b : a.buildingBlocks) blocks.push_back(std::to_string(b));
    row.text("building_blocks", joined(blocks, ";"));
    node.values = row.take();
    m_graph.nodes.push_back(std::move(node));
  }

  const Model& m_model;
  const GraphExportOptions& m_options;
  ExportGraph m_graph;
  std::unordered_set<RowId> m_included;
  std::map<std::string, std::size_t> m_actorCustom, m_tieCustom;
};

ExportGraph exportGraph(const Model& model, const GraphExportOptions& options) {
  return GraphBuilder(model, options).build();
}

// ---------------------------------------------------------------------------
// [SECTION] GraphML

/// `text` escaped for XML element content or a double-quoted attribute. Line ends and
/// tabs in attributes are written as references, else a reader turns them into spaces.
std::string xmlEscaped(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string_view graphmlType(AttrType t) {
  switch (t) {
    case AttrType::String:
      return "string";
    case AttrType::Int:
      return "int";
    case AttrType::Double:
      return "double";
    case AttrType::Bool:
      return "boolean";
  }
  return "string";
}

void graphmlData(std::ostringstream& out, char domain, const Values& values) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i]) out << "      <data key=\"" << domain << i << "\">" << xmlEscaped(*values[i], false) << "</data>\n";
}

std::string graphmlText(const ExportGraph& g, const GraphExportOptions&) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  out << "  <key id=\"g0\" for=\"graph\" attr.name=\"name\" attr.type=\"string\"/>\n";
  if (!g.description.empty())
    out << "  <key id=\"g1\" for=\"graph\" attr.name=\"description\" attr.type=\"string\"/>\n";
  auto keys = [&](char domain, const char* forWhat, const Attrs& attrs) {
    for (std::size_t i = 0; i < attrs.size(); ++i)
      out << "  <key id=\"" << domain << i << "\" for=\"" << forWhat << "\" attr.name=\""
          << xmlEscaped(attrs.defs()[i].name, true) << "\" attr.type=\"" << graphmlType(attrs.defs()[i].type)
          << "\"/>\n";
  };
  keys('n', "node", g.nodeAttrs);
  keys('e', "edge", g.edgeAttrs);
  // No per-edge `directed`: networkx refuses one that differs from edgedefault. The
  // `direction` and `directed` data say it for each edge (and `nestmap import` reads them).
  out << "  <graph id=\"G\" edgedefault=\"" << (g.directed() ? "directed" : "undirected") << "\">\n";
  out << "    <data key=\"g0\">" << xmlEscaped(g.name, false) << "</data>\n";
  if (!g.description.empty()) out << "    <data key=\"g1\">" << xmlEscaped(g.description, false) << "</data>\n";
  for (const ExportNode& n : g.nodes) {
    out << "    <node id=\"" << xmlEscaped(n.id, true) << "\">\n";
    graphmlData(out, 'n', n.values);
    out << "    </node>\n";
  }
  for (const ExportEdge& e : g.edges) {
    out << "    <edge id=\"" << xmlEscaped(e.id, true) << "\" source=\"" << xmlEscaped(e.source, true) << "\" target=\""
        << xmlEscaped(e.target, true) << "\">\n";
    graphmlData(out, 'e', e.values);
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
  return out.str();
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] GEXF

namespace {

std::string_view gexfType(AttrType t) {
  switch (t) {
    case AttrType::String:
      return "string";
    case AttrType::Int:
      return "integer";
    case AttrType::Double:
      return "double";
    case AttrType::Bool:
      return "boolean";
  }
  return "string";
}

/// Attribute indices that go into <attvalues>: `skip` is written as an XML attribute instead.
std::vector<std::size_t> gexfColumns(const Attrs& attrs, const char* skip) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < attrs.size(); ++i)
    if (attrs.defs()[i].name != skip) out.push_back(i);
  return out;
}

void gexfAttributes(std::ostringstream& out, const char* cls, const Attrs& attrs,
                    const std::vector<std::size_t>& columns) {
  out << "    <attributes class=\"" << cls << "\">\n";
  for (std::size_t i : columns)
    out << "      <attribute id=\"" << i << "\" title=\"" << xmlEscaped(attrs.defs()[i].name, true) << "\" type=\""
        << gexfType(attrs.defs()[i].type) << "\"/>\n";
  out << "    </attributes>\n";
}

void gexfValues(std::ostringstream& out, const Values& values, const std::vector<std::size_t>& columns) {
  bool any = false;
  for (std::size_t i : columns) any = any || values[i].has_value();
  if (!any) return;
  out << "        <attvalues>\n";
  for (std::size_t i : columns)
    if (values[i])
      out << "          <attvalue for=\"" << i << "\" value=\"" << xmlEscaped(*values[i], true) << "\"/>\n";
  out << "        </attvalues>\n";
}

std::string gexfText(const ExportGraph& g, const GraphExportOptions& options) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n";
  // `nestmap import` names the map after the description, as Gephi shows it.
  out << "  <meta>\n    <creator>Nestmap</creator>\n    <description>" << xmlEscaped(g.name, false)
      << "</description>\n  </meta>\n";
  out << "  <graph mode=\"static\" defaultedgetype=\"" << (g.directed() ? "directed" : "undirected") << "\">\n";
  const auto nodeColumns = gexfColumns(g.nodeAttrs, "label");
  const auto edgeColumns = gexfColumns(g.edgeAttrs, "weight");
  gexfAttributes(out, "node", g.nodeAttrs, nodeColumns);
  gexfAttributes(out, "edge", g.edgeAttrs, edgeColumns);
  const std::string size = numberText(options.nodeRadius);
  out << "    <nodes>\n";
  for (const ExportNode& n : g.nodes) {
    out << "      <node id=\"" << xmlEscaped(n.id, true) << "\" label=\"" << xmlEscaped(n.label, true) << "\">\n";
    gexfValues(out, n.values, nodeColumns);
    out << "        <viz:color r=\"" << int(n.color.r) << "\" g=\"" << int(n.color.g) << "\" b=\"" << int(n.color.b)
        << "\"/>\n";
    out << "        <viz:size value=\"" << size << "\"/>\n";
    if (n.position)
      out << "        <viz:position x=\"" << numberText(n.position->x) << "\" y=\"" << numberText(n.position->y)
          << "\" z=\"0\"/>\n";
    out << "      </node>\n";
  }
  out << "    </nodes>\n    <edges>\n";
  for (const ExportEdge& e : g.edges) {
    out << "      <edge id=\"" << xmlEscaped(e.id, true) << "\" source=\"" << xmlEscaped(e.source, true)
        << "\" target=\"" << xmlEscaped(e.target, true) << "\" weight=\"" << numberText(e.weight) << "\">\n";
    gexfValues(out, e.values, edgeColumns);
    out << "      </edge>\n";
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
  return out.str();
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] node-link JSON

namespace {

/// A value in its JSON type. The text is what numberText() and std::to_string() wrote, read
/// back with from_chars: strtod would follow the locale's decimal comma.
nlohmann::ordered_json jsonValue(AttrType type, const std::string& text) {
  const char* end = text.data() + text.size();
  switch (type) {
    case AttrType::String:
      return text;
    case AttrType::Int: {
      long long v = 0;
      std::from_chars(text.data(), end, v);
      return v;
    }
    case AttrType::Double: {
      double v = 0;
      std::from_chars(text.data(), end, v);
      return v;
    }
    case AttrType::Bool:
      return text == "true";
  }
  return text;
}

void jsonValues(nlohmann::ordered_json& out, const Attrs& attrs, const Values& values) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i]) out[attrs.defs()[i].name] = jsonValue(attrs.defs()[i].type, *values[i]);
}

std::string nodeLinkText(const ExportGraph& g, const GraphExportOptions&) {
  nlohmann::ordered_json j;
  j["directed"] = g.directed();
  j["multigraph"] = true;  // several ties may join one pair
  j["graph"] = {{"name", g.name}};
  if (!g.description.empty()) j["graph"]["description"] = g.description;
  j["nodes"] = nlohmann::ordered_json::array();
  for (const ExportNode& n : g.nodes) {
    nlohmann::ordered_json node;
    node["id"] = n.id;
    jsonValues(node, g.nodeAttrs, n.values);
    j["nodes"].push_back(std::move(node));
  }
  j["links"] = nlohmann::ordered_json::array();
  for (const ExportEdge& e : g.edges) {
    nlohmann::ordered_json link;
    link["source"] = e.source;
    link["target"] = e.target;
    link["key"] = e.id;
    jsonValues(link, g.edgeAttrs, e.values);
    j["links"].push_back(std::move(link));
  }
  // All text was made valid UTF-8 above; `replace` only guards that promise.
  return j.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] DOT

namespace {

/// `text` as a DOT double-quoted string. A backslash is doubled and a line end becomes
/// "\n", so that Graphviz shows both as written in labels.
std::string dotQuoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

std::string_view dotShape(Shape s) {
  switch (s) {
    case Shape::Circle:
      return "ellipse";
    case Shape::Square:
      return "box";
    case Shape::Diamond:
      return "diamond";
    case Shape::Triangle:
      return "triangle";
    case Shape::Hexagon:
      return "hexagon";
  }
  return "ellipse";
}

/// Data attributes whose name Graphviz gives a meaning of its own (a custom field
/// "color", the tie weight, which dot wants whole) go out as "nestmap_NAME".
std::string dotAttrName(const std::string& name) {
  static const std::unordered_set<std::string> kGraphviz{
      "label",      "color",   "fillcolor", "fontcolor", "fontname", "fontsize", "shape",     "style",
      "width",      "height",  "pos",       "weight",    "penwidth", "dir",      "id",        "group",
      "rank",       "comment", "tooltip",   "URL",       "href",     "xlabel",   "arrowhead", "arrowtail",
      "constraint", "len",     "minlen",    "headlabel", "taillabel"};
  return kGraphviz.count(name) ? "nestmap_" + name : name;
}

void dotValues(std::ostringstream& out, const Attrs& attrs, const Values& values, std::string_view skip) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i] && attrs.defs()[i].name != skip)
      out << ", " << dotQuoted(dotAttrName(attrs.defs()[i].name)) << '=' << dotQuoted(*values[i]);
}

std::string dotText(const ExportGraph& g, const GraphExportOptions&) {
  bool anyDirection = false;
  for (const ExportEdge& e : g.edges) anyDirection = anyDirection || e.direction != Direction::Undirected;
  // One arrow per edge kind: a digraph draws undirected ties with dir=none, mutual ones with dir=both.
  const char* arrow = anyDirection ? " -> " : " -- ";
  std::ostringstream out;
  out << (anyDirection ? "digraph " : "graph ") << dotQuoted(g.name) << " {\n";
  out << "  node [style=filled];\n";
  for (const ExportNode& n : g.nodes) {
    out << "  " << dotQuoted(n.id) << " [label=" << dotQuoted(n.label)
        << ", shape=" << (n.agreement ? "note" : dotShape(n.shape)) << ", fillcolor=" << dotQuoted(n.color.toString());
    dotValues(out, g.nodeAttrs, n.values, "label");
    out << "];\n";
  }
  for (const ExportEdge& e : g.edges) {
    out << "  " << dotQuoted(e.source) << arrow << dotQuoted(e.target) << " [id=" << dotQuoted(e.id)
        << ", color=" << dotQuoted(e.color.toString()) << ", penwidth=" << numberText(std::max(1.0, e.weight));
    if (anyDirection && e.direction == Direction::Undirected) out << ", dir=none";
    if (e.direction == Direction::Mutual) out << ", dir=both";
    if (e.status == TieStatus::Planned) out << ", style=dashed";
    if (e.status == TieStatus::Ended) out << ", style=dotted";
    dotValues(out, g.edgeAttrs, e.values, "");
    out << "];\n";
  }
  out << "}\n";
  return out.str();
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] CSV

namespace {

/// One CSV field for Excel as Belgium sets it up: `;` between fields, a decimal comma.
/// Text that Excel would run as a formula (=, +, -, @ first) starts with a ' instead.
std::string csvField(AttrType type, std::string value) {
  if (type == AttrType::Double) {
    for (char& c : value)
      if (c == '.') c = ',';
  } else if (type == AttrType::String && !value.empty() &&
             std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) {
    value.insert(value.begin(), '\'');
  }
  if (value.find_first_of(";\"\n\r") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

/// Rows end in CRLF, as RFC 4180 and Excel have it; the byte order mark tells Excel it is UTF-8.
std::string csvTable(const std::vector<std::string>& leading, const Attrs& attrs,
                     const std::vector<std::pair<std::vector<std::string>, const Values*>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> header = leading;
  for (const AttrDef& d : attrs.defs()) header.push_back(d.name);
  for (std::size_t i = 0; i < header.size(); ++i) out += (i ? ";" : "") + csvField(AttrType::String, header[i]);
  out += "\r\n";
  for (const auto& [first, values] : rows) {
    std::string line;
    for (std::size_t i = 0; i < first.size(); ++i) line += (i ? ";" : "") + csvField(AttrType::String, first[i]);
    for (std::size_t i = 0; i < values->size(); ++i)
      line += ";" + ((*values)[i] ? csvField(attrs.defs()[i].type, *(*values)[i]) : std::string());
    out += line + "\r\n";
  }
  return out;
}

std::vector<GraphExportFile> csvFiles(const ExportGraph& g, const GraphExportOptions&) {
  std::vector<std::pair<std::vector<std::string>, const Values*>> nodes, edges;
  for (const ExportNode& n : g.nodes) nodes.push_back({{n.id}, &n.values});
  for (const ExportEdge& e : g.edges) edges.push_back({{e.id, e.source, e.target}, &e.values});
  // Fixed Dutch file names, whatever the language: scripts that read them need not guess.
  return {{"-actoren", csvTable({"id"}, g.nodeAttrs, nodes)},
          {"-banden", csvTable({"id", "source", "target"}, g.edgeAttrs, edges)}};
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] the table of formats

namespace {

template <std::string (*Text)(const ExportGraph&, const GraphExportOptions&)>
GraphExport oneFile(const Model& model, const GraphExportOptions& options) {
  const ExportGraph g = exportGraph(model, options);
  return {{{"", Text(g, options)}}, g.counts};
}

GraphExport csvExportWithCounts(const Model& model, const GraphExportOptions& options) {
  const ExportGraph g = exportGraph(model, options);
  return {csvFiles(g, options), g.counts};
}

constexpr GraphFormat kFormats[] = {
    {"graphml", ".graphml", "graph_export.format.graphml", &oneFile<graphmlText>},
    {"gexf", ".gexf", "graph_export.format.gexf", &oneFile<gexfText>},
    {"json", ".json", "graph_export.format.json", &oneFile<nodeLinkText>},
    {"dot", ".dot", "graph_export.format.dot", &oneFile<dotText>},
    {"csv", ".csv", "graph_export.format.csv", &csvExportWithCounts},
};

}  // namespace

std::string graphmlExport(const Model& model, const GraphExportOptions& options) {
  return graphmlText(exportGraph(model, options), options);
}
std::string gexfExport(const Model& model, const GraphExportOptions& options) {
  return gexfText(exportGraph(model, options), options);
}
std::string nodeLinkJsonExport(const Model& model, const GraphExportOptions& options) {
  return nodeLinkText(exportGraph(model, options), options);
}
std::string dotExport(const Model& model, const GraphExportOptions& options) {
  return dotText(exportGraph(model, options), options);
}
std::vector<GraphExportFile> csvExport(const Model& model, const GraphExportOptions& options) {
  return csvFiles(exportGraph(model, options), options);
}

std::span<const GraphFormat> graphFormats() { return kFormats; }

const GraphFormat* graphFormatFor(const std::filesystem::path& path) {
  const std::string ext = asciiLower(path.extension().string());
  for (const GraphFormat& f : kFormats)
    if (ext == f.extension) return &f;
  return nullptr;
}

std::filesystem::path exportPath(const std::filesystem::path& path, const GraphExportFile& file) {
  if (file.suffix.empty()) return path;
  std::filesystem::path out = path;
  out.replace_filename(path.stem().string() + file.suffix + path.extension().string());
  return out;
}

}  // namespace nestmap
