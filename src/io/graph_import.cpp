#include "io/graph_import.hpp"

// [SECTION] positions in the file and errors
// [SECTION] typed values
// [SECTION] building the model
// [SECTION] GraphML
// [SECTION] GEXF
// [SECTION] importGraph

#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <limits>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/validate.hpp"

namespace nestmap {
namespace fs = std::filesystem;
namespace {

// Records of an imported file get name-based UUIDs from the file's content, so
// that importing the same file twice gives the same ids (a merge key).
constexpr std::string_view kImportNs = "nestmap:import";

// ---------------------------------------------------------------------------
// [SECTION] positions in the file and errors

bool isXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// The text of the file being read, to turn pugixml's byte offsets into the
/// line and column a user looks for in an editor.
class Source {
 public:
  Source(std::string path, std::string_view text) : m_path(std::move(path)), m_text(text) {}

  /// Throws UserError(InvalidInput) "path:line:column: reason" for the byte at `offset`.
  [[noreturn]] void fail(std::ptrdiff_t offset, const std::string& reason) const {
    std::size_t at = offset < 0 ? 0 : std::min(static_cast<std::size_t>(offset), m_text.size());
    std::size_t lineStart = 0;
    int line = 1;
    for (std::size_t i = 0; i < at; ++i)
      if (m_text[i] == '\n') {
        ++line;
        lineStart = i + 1;
      }
    // pugixml counts the byte order mark; an editor shows none.
    if (line == 1 && m_text.substr(0, 3) == "\xEF\xBB\xBF") lineStart = std::min<std::size_t>(3, at);
    // Columns count characters, not bytes: "Geïmporteerd" is 12 wide.
    const std::size_t column = 1 + utf8Length(std::string_view(m_text).substr(lineStart, at - lineStart));
    throw UserError(UserError::Kind::InvalidInput,
                    trf("import.error", {m_path, std::to_string(line), std::to_string(column), reason}));
  }
  /// An error at the '<' of an element.
  [[noreturn]] void fail(pugi::xml_node element, const std::string& reason) const { fail(tagStart(element), reason); }
  /// An error at the value of attribute `name` of `element` (at the element when it has none).
  [[noreturn]] void failAt(pugi::xml_node element, std::string_view name, const std::string& reason) const {
    fail(attributeOffset(tagStart(element), name), reason);
  }
  /// An error at the text inside `element` (at the element when it is empty).
  [[noreturn]] void failInText(pugi::xml_node element, const std::string& reason) const {
    for (pugi::xml_node c : element.children())
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) fail(c.offset_debug(), reason);
    fail(element, reason);
  }

 private:
  // pugixml's offset of an element is that of its name, just after the '<'.
  static std::ptrdiff_t tagStart(pugi::xml_node element) {
    std::ptrdiff_t at = element.offset_debug();
    return at > 0 ? at - 1 : 0;
  }

  /// Where the value of attribute `name` starts in the start tag at `tag`; `tag` when absent.
  /// pugixml keeps no offsets for attributes, so the (well-formed) tag is scanned again.
  std::ptrdiff_t attributeOffset(std::ptrdiff_t tag, std::string_view name) const {
    const std::string_view t = m_text;
    std::size_t i = static_cast<std::size_t>(tag) + 1;
    while (i < t.size() && !isXmlSpace(t[i]) && t[i] != '>' && t[i] != '/') ++i;
    while (i < t.size()) {
      while (i < t.size() && isXmlSpace(t[i])) ++i;
      if (i >= t.size() || t[i] == '>' || t[i] == '/') break;
      std::size_t nameStart = i;
      while (i < t.size() && !isXmlSpace(t[i]) && t[i] != '=') ++i;
      std::string_view attr = t.substr(nameStart, i - nameStart);
      while (i < t.size() && isXmlSpace(t[i])) ++i;
      if (i >= t.size() || t[i] != '=') break;
      ++i;
      while (i < t.size() && isXmlSpace(t[i])) ++i;
      if (i >= t.size() || (t[i] != '"' && t[i] != '\'')) break;
      char quote = t[i++];
      if (attr == name) return static_cast<std::ptrdiff_t>(i);
      i = t.find(quote, i);
      if (i == std::string_view::npos) break;
      ++i;
    }
    return tag;
  }

  std::string m_path;
  std::string_view m_text;
};

/// The name of an element without its namespace prefix ("viz:color" → "color").
std::string_view localName(pugi::xml_node element) {
  std::string_view name = element.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

/// The child elements of `parent` called `name` (any prefix).
std::vector<pugi::xml_node> elements(pugi::xml_node parent, std::string_view name) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c : parent.children())
    if (c.type() == pugi::node_element && localName(c) == name) out.push_back(c);
  return out;
}

/// All text directly inside `element`, CDATA included.
std::string textOf(pugi::xml_node element) {
  std::string out;
  for (pugi::xml_node c : element.children())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  return out;
}

/// The value of a required attribute; an error naming it at the element when it is absent.
std::string required(const Source& src, pugi::xml_node element, const char* name) {
  pugi::xml_attribute a = element.attribute(name);
  if (!a) src.fail(element, trf("import.missing_attr", {name}));
  return a.value();
}

// ---------------------------------------------------------------------------
// [SECTION] typed values

enum class ValueType { Boolean, Int, Long, Float, Double, String };

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && isXmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isXmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

// XML Schema numbers may carry a leading '+', which from_chars refuses.
std::string_view withoutPlus(std::string_view s) {
  return s.size() > 1 && s[0] == '+' && s[1] != '-' && s[1] != '+' ? s.substr(1) : s;
}

std::optional<std::int64_t> parseInteger(std::string_view text, std::int64_t lo, std::int64_t hi) {
  std::string_view s = withoutPlus(trimmed(text));
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || v < lo || v > hi) return std::nullopt;
  return v;
}

template <class Real>
std::optional<Real> parseReal(std::string_view text) {
  std::string_view s = withoutPlus(trimmed(text));
  Real v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

/// The shortest text that reads back as the same number: 3, 2.5, 1e+20.
template <class Real>
std::string realText(Real v) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, ec == std::errc() ? ptr : buf);
}

/// `text` in the canonical form of `type`; nullopt when it is no value of that type.
std::optional<std::string> canonical(ValueType type, std::string_view text) {
  switch (type) {
    case ValueType::String:
      return std::string(text);
    case ValueType::Boolean: {
      const std::string s = asciiLower(trimmed(text));
      // XML Schema's 1/0, and the True/False that some Python writers emit.
      if (s == "true" || s == "1") return "true";
      if (s == "false" || s == "0") return "false";
      return std::nullopt;
    }
    case ValueType::Int:
      if (auto v =
              parseInteger(text, std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max()))
        return std::to_string(*v);
      return std::nullopt;
    case ValueType::Long:
      if (auto v =
              parseInteger(text, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()))
        return std::to_string(*v);
      return std::nullopt;
    case ValueType::Float:
      if (auto v = parseReal<float>(text)) return realText(*v);
      return std::nullopt;
    case ValueType::Double:
      if (auto v = parseReal<double>(text)) return realText(*v);
      return std::nullopt;
  }
  return std::nullopt;
}

/// A declared attribute of nodes or edges (a GraphML <key>, a GEXF <attribute>).
struct Attribute {
  std::string id, name;
  ValueType type = ValueType::String;
  std::string typeName;  ///< as the file spells it, for messages
  std::optional<std::string> defaultValue;
  pugi::xml_node defaultAt;                     ///< where the default is written, for errors
  bool node = true, edge = true, graph = true;  ///< where it applies
  bool ignored = false;                         ///< yEd graphics: XML, not a value
};

/// The canonical value of `text` for `attr`; calls `fail` (which throws) when it does not parse.
template <class Fail>
std::string typedValue(const Attribute& attr, std::string_view text, Fail&& fail) {
  auto v = canonical(attr.type, text);
  if (!v) fail(trf("import.bad_value", {std::string(text), attr.typeName}));
  return *v;
}

/// A tie weight: a finite number above 0.
std::optional<double> parseWeight(std::string_view text) {
  auto w = parseReal<double>(text);
  if (!w || !(*w > 0) || *w == std::numeric_limits<double>::infinity()) return std::nullopt;
  return w;
}

// ---------------------------------------------------------------------------
// [SECTION] building the model

/// Collects actors and ties in file order, resolving node ids and checking each record.
class Builder {
 public:
  Builder(const Source& src, const DataReader& data, const fs::path& file, std::string contentKey)
      : m_src(src), m_model(defaultModel(data, file.stem().string())), m_key(std::move(contentKey)) {
    const ActorType* actorType = m_model.actorTypeByKey("other");
    const TieType* tieType = m_model.tieTypeByKey("other");
    if (!actorType || !tieType) throw UserError(UserError::Kind::InvalidInput, tr("import.no_other_type"));
    m_actorType = *actorType;
    m_tieType = tieType->id;
    m_model.info.description = trf("import.description", {file.filename().string()});
  }

  Model& model() { return m_model; }

  void addNode(pugi::xml_node element, const std::string& id, const std::string& label,
               std::map<std::string, std::string> fields, std::optional<ViewPosition> position) {
    Actor a;
    a.id = m_model.actors.nextId();
    a.uuid = Uuid::fromName(kImportNs, m_key + "/actor/" + id);
    a.externalId = id;
    a.name = label.empty() ? id : label;
    a.typeId = m_actorType.id;
    a.line = m_actorType.line;
    a.customFields = std::move(fields);
    if (!m_nodes.emplace(id, a.id).second) m_src.failAt(element, "id", trf("import.node_twice", {id}));
    auto problems = validate(m_model, a);
    if (!problems.empty()) m_src.fail(element, problems.front());
    if (position) m_positions.emplace(a.id, *position);
    m_model.actors.put(std::move(a));
  }

  /// The actor of node `id` named by `attr` of `element`; an error there when there is no such node.
  RowId node(pugi::xml_node element, const char* attr) const {
    std::string id = required(m_src, element, attr);
    auto it = m_nodes.find(id);
    if (it == m_nodes.end()) m_src.failAt(element, attr, trf("import.unknown_node", {id}));
    return it->second;
  }

  void addEdge(pugi::xml_node element, Direction direction, std::optional<double> weight,
               std::map<std::string, std::string> fields) {
    RowId source = node(element, "source"), target = node(element, "target");
    ++m_edges;
    if (source == target) {
      ++m_selfLoops;
      return;
    }
    Tie t;
    t.id = m_model.ties.nextId();
    t.uuid = Uuid::fromName(kImportNs, m_key + "/tie/" + std::to_string(m_edges));
    t.sourceId = source;
    t.targetId = target;
    t.typeId = m_tieType;
    t.direction = direction;
    t.strength = 2;
    t.status = TieStatus::Active;
    t.weight = weight;
    t.customFields = std::move(fields);
    auto problems = validate(m_model, t);
    if (!problems.empty()) m_src.fail(element, problems.front());
    m_model.ties.put(std::move(t));
  }

  /// The finished map; positions, when the file had any, go into one view.
  Model finish(GraphImportReport* report) {
    if (!m_positions.empty()) {
      View v;
      v.id = m_model.views.nextId();
      v.uuid = Uuid::fromName(kImportNs, m_key + "/view/layout");
      v.name = tr("view.imported_layout");
      m_model.positions[v.id] = std::move(m_positions);
      m_model.views.put(std::move(v));
    }
    if (report) *report = {m_model.actors.size(), m_model.ties.size(), m_selfLoops};
    return std::move(m_model);
  }

 private:
  const Source& m_src;
  Model m_model;
  std::string m_key;
  ActorType m_actorType;
  RowId m_tieType = 0;
  std::unordered_map<std::string, RowId> m_nodes;
  ViewPositions m_positions;
  std::size_t m_edges = 0, m_selfLoops = 0;
};

/// Refuses what would be lost: graphs nested in `element`, hyperedges.
void refuseNested(const Source& src, pugi::xml_node element, std::string_view nestedName) {
  for (pugi::xml_node nested : elements(element, nestedName))
    src.fail(nested, trf("import.unsupported", {nested.name()}));
}

// ---------------------------------------------------------------------------
// [SECTION] GraphML

std::optional<ValueType> graphmlType(std::string_view name) {
  if (name == "boolean") return ValueType::Boolean;
  if (name == "int") return ValueType::Int;
  if (name == "long") return ValueType::Long;
  if (name == "float") return ValueType::Float;
  if (name == "double") return ValueType::Double;
  if (name == "string") return ValueType::String;
  return std::nullopt;
}

class GraphmlReader {
 public:
  GraphmlReader(const Source& src, Builder& builder) : m_src(src), m_b(builder) {}

  void read(pugi::xml_node root) {
    for (pugi::xml_node k : elements(root, "key")) readKey(k);
    // A node's name is its "label", else its "name"; the other stays a custom field.
    for (std::string_view wanted : {"label", "name"})
      for (std::size_t i = 0; i < m_keys.size() && m_labelKey == kNone; ++i)
        if (m_keys[i].node && !m_keys[i].ignored && m_keys[i].name == wanted) m_labelKey = i;
    auto graphs = elements(root, "graph");
    if (graphs.empty()) m_src.fail(root, tr("import.no_graph"));
    if (graphs.size() > 1) m_src.fail(graphs[1], tr("import.two_graphs"));
    pugi::xml_node graph = graphs.front();
    refuseNested(m_src, graph, "hyperedge");

    Direction byDefault = Direction::Undirected;  // edgedefault is required; networkx reads none as undirected
    if (pugi::xml_attribute d = graph.attribute("edgedefault")) {
      std::string_view v = d.value();
      if (v == "directed")
        byDefault = Direction::Directed;
      else if (v != "undirected")
        m_src.failAt(graph, "edgedefault", trf("import.bad_direction", {d.value()}));
    }

    for (const auto& [keyIndex, value] : values(graph, &Attribute::graph))
      if (m_keys[keyIndex].name == "name" && !value.empty()) m_b.model().info.name = value;

    // Edges may come before the nodes they join: all nodes first.
    for (pugi::xml_node n : elements(graph, "node")) {
      refuseNested(m_src, n, "graph");
      std::string id = required(m_src, n, "id");
      std::string label;
      std::map<std::string, std::string> fields;
      for (auto& [keyIndex, value] : values(n, &Attribute::node)) {
        if (keyIndex == m_labelKey)
          label = std::move(value);
        else
          fields[m_keys[keyIndex].name] = std::move(value);
      }
      m_b.addNode(n, id, label, std::move(fields), std::nullopt);
    }

    for (pugi::xml_node e : elements(graph, "edge")) {
      refuseNested(m_src, e, "graph");
      Direction direction = byDefault;
      if (pugi::xml_attribute d = e.attribute("directed")) {
        auto v = canonical(ValueType::Boolean, d.value());
        if (!v) m_src.failAt(e, "directed", trf("import.bad_direction", {d.value()}));
        direction = *v == "true" ? Direction::Directed : Direction::Undirected;
      }
      std::optional<double> weight;
      std::map<std::string, std::string> fields;
      for (auto& [keyIndex, value] : values(e, &Attribute::edge)) {
        if (m_keys[keyIndex].name == "weight")
          weight = parseWeight(value);  // checked as it was read
        else
          fields[m_keys[keyIndex].name] = std::move(value);
      }
      m_b.addEdge(e, direction, weight, std::move(fields));
    }
  }

 private:
  void readKey(pugi::xml_node k) {
    Attribute a;
    a.id = required(m_src, k, "id");
    a.name = k.attribute("attr.name") ? k.attribute("attr.name").value() : a.id;
    // yEd keeps its drawing in keys of XML content: nothing to read as a value.
    a.ignored = static_cast<bool>(k.attribute("yfiles.type"));
    a.typeName = k.attribute("attr.type") ? k.attribute("attr.type").value() : "string";
    if (auto t = graphmlType(a.typeName))
      a.type = *t;
    else if (!a.ignored)
      m_src.failAt(k, "attr.type", trf("import.bad_type", {a.typeName}));
    std::string_view domain = k.attribute("for") ? k.attribute("for").value() : "all";
    a.node = domain == "node" || domain == "all";
    a.edge = domain == "edge" || domain == "all";
    a.graph = domain == "graph" || domain == "all";
    if (!a.ignored)
      for (pugi::xml_node d : elements(k, "default")) {
        a.defaultValue = check(a, d, false);
        a.defaultAt = d;
      }
    if (!m_byId.emplace(a.id, m_keys.size()).second) m_src.failAt(k, "id", trf("import.key_twice", {a.id}));
    m_keys.push_back(std::move(a));
  }

  /// The canonical value of the text in `data` (a <data> or <default>) for `a`, or an error there.
  std::string check(const Attribute& a, pugi::xml_node data, bool asWeight) const {
    std::string text = textOf(data);
    // An edge's weight must be usable as one, whatever type it was declared with.
    if (asWeight && !parseWeight(text)) m_src.failInText(data, trf("import.bad_weight", {text}));
    return typedValue(a, text, [&](const std::string& reason) { m_src.failInText(data, reason); });
  }

  /// The values of `element`'s <data> children, with the defaults of the keys for its kind.
  std::map<std::size_t, std::string> values(pugi::xml_node element, bool Attribute::*applies) {
    const bool edge = applies == &Attribute::edge;
    std::map<std::size_t, std::string> out;
    for (pugi::xml_node d : elements(element, "data")) {
      std::string keyId = required(m_src, d, "key");
      auto it = m_byId.find(keyId);
      if (it == m_byId.end()) m_src.failAt(d, "key", trf("import.unknown_key", {keyId}));
      const Attribute& a = m_keys[it->second];
      if (!a.ignored) out[it->second] = check(a, d, edge && a.name == "weight");
    }
    for (std::size_t i = 0; i < m_keys.size(); ++i) {
      const Attribute& a = m_keys[i];
      if (!(a.*applies) || !a.defaultValue || out.count(i)) continue;
      out[i] = edge && a.name == "weight" ? check(a, a.defaultAt, true) : *a.defaultValue;
    }
    return out;
  }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  const Source& m_src;
  Builder& m_b;
  std::vector<Attribute> m_keys;
  std::unordered_map<std::string, std::size_t> m_byId;
  std::size_t m_labelKey = kNone;
};

// ---------------------------------------------------------------------------
// [SECTION] GEXF

ValueType gexfType(std::string_view name) {
  if (name == "boolean") return ValueType::Boolean;
  if (name == "integer" || name == "short" || name == "byte") return ValueType::Int;
  if (name == "long") return ValueType::Long;
  if (name == "float") return ValueType::Float;
  if (name == "double") return ValueType::Double;
  // string, liststring, anyURI, date, big numbers, ...: kept as written.
  return ValueType::String;
}

class GexfReader {
 public:
  GexfReader(const Source& src, Builder& builder) : m_src(src), m_b(builder) {}

  void read(pugi::xml_node root) {
    for (pugi::xml_node meta : elements(root, "meta")) {
      std::string name;
      for (std::string_view part : {"description", "creator"})
        for (pugi::xml_node c : elements(meta, part))
          if (name.empty()) name = std::string(trimmed(textOf(c)));
      if (!name.empty()) m_b.model().info.name = name;
    }
    auto graphs = elements(root, "graph");
    if (graphs.empty()) m_src.fail(root, tr("import.no_graph"));
    if (graphs.size() > 1) m_src.fail(graphs[1], tr("import.two_graphs"));
    pugi::xml_node graph = graphs.front();

    Direction byDefault = Direction::Undirected;  // GEXF's default
    if (graph.attribute("defaultedgetype")) byDefault = direction(graph, "defaultedgetype");

    for (pugi::xml_node list : elements(graph, "attributes")) {
      std::string_view cls = list.attribute("class").value();
      if (cls != "node" && cls != "edge") continue;
      auto& attrs = cls == "node" ? m_nodeAttrs : m_edgeAttrs;
      for (pugi::xml_node at : elements(list, "attribute")) {
        Attribute a;
        a.id = required(m_src, at, "id");
        a.name = at.attribute("title") ? at.attribute("title").value() : a.id;
        a.typeName = at.attribute("type") ? at.attribute("type").value() : "string";
        a.type = gexfType(a.typeName);
        for (pugi::xml_node d : elements(at, "default"))
          a.defaultValue = typedValue(a, textOf(d), [&](const std::string& r) { m_src.failInText(d, r); });
        std::string id = a.id;
        attrs.push_back(std::move(a));
        if (!attrs.byId.emplace(id, attrs.size() - 1).second) m_src.failAt(at, "id", trf("import.key_twice", {id}));
      }
    }

    auto lists = [&](const char* name) {
      std::vector<pugi::xml_node> out;
      for (pugi::xml_node list : elements(graph, name))
        for (pugi::xml_node item : elements(list, std::string_view(name, std::strlen(name) - 1))) out.push_back(item);
      return out;
    };
    for (pugi::xml_node n : lists("nodes")) {
      refuseNested(m_src, n, "nodes");
      std::string id = required(m_src, n, "id");
      std::map<std::string, std::string> fields = values(n, m_nodeAttrs);
      std::optional<ViewPosition> position;
      for (pugi::xml_node viz : n.children()) {
        if (viz.type() != pugi::node_element) continue;
        if (localName(viz) == "color") fields["viz:color"] = color(viz);
        if (localName(viz) == "position") position = ViewPosition{coordinate(viz, "x"), coordinate(viz, "y"), false};
      }
      m_b.addNode(n, id, n.attribute("label").value(), std::move(fields), position);
    }
    for (pugi::xml_node e : lists("edges")) {
      Direction dir = e.attribute("type") ? direction(e, "type") : byDefault;
      std::optional<double> weight;
      if (pugi::xml_attribute w = e.attribute("weight")) {
        weight = parseWeight(w.value());
        if (!weight) m_src.failAt(e, "weight", trf("import.bad_weight", {w.value()}));
      }
      std::map<std::string, std::string> fields = values(e, m_edgeAttrs);
      if (std::string_view label = e.attribute("label").value(); !label.empty()) fields["label"] = label;
      for (pugi::xml_node viz : elements(e, "color")) fields["viz:color"] = color(viz);
      m_b.addEdge(e, dir, weight, std::move(fields));
    }
  }

 private:
  struct Attributes : std::vector<Attribute> {
    std::unordered_map<std::string, std::size_t> byId;
  };

  Direction direction(pugi::xml_node element, const char* attr) const {
    std::string_view v = element.attribute(attr).value();
    if (v == "directed") return Direction::Directed;
    if (v == "undirected") return Direction::Undirected;
    if (v == "mutual") return Direction::Mutual;
    m_src.failAt(element, attr, trf("import.bad_direction", {std::string(v)}));
  }

  /// The values of `element`'s <attvalues>, by attribute title, with the defaults.
  std::map<std::string, std::string> values(pugi::xml_node element, const Attributes& attrs) const {
    std::vector<std::optional<std::string>> byIndex(attrs.size());
    for (pugi::xml_node list : elements(element, "attvalues"))
      for (pugi::xml_node v : elements(list, "attvalue")) {
        // GEXF 1.1 names the attribute in `id`, later versions in `for`.
        const char* ref = v.attribute("for") ? "for" : "id";
        std::string id = required(m_src, v, ref);
        auto it = attrs.byId.find(id);
        if (it == attrs.byId.end()) m_src.failAt(v, ref, trf("import.unknown_key", {id}));
        std::string text = required(m_src, v, "value");
        byIndex[it->second] =
            typedValue(attrs[it->second], text, [&](const std::string& r) { m_src.failAt(v, "value", r); });
      }
    std::map<std::string, std::string> out;
    for (std::size_t i = 0; i < attrs.size(); ++i) {
      if (byIndex[i])
        out[attrs[i].name] = *byIndex[i];
      else if (attrs[i].defaultValue)
        out[attrs[i].name] = *attrs[i].defaultValue;
    }
    return out;
  }

  /// A viz:color as #rrggbb (the alpha is not kept).
  std::string color(pugi::xml_node viz) const {
    if (!viz.attribute("r") && viz.attribute("hex")) {
      auto c = Color::parse(trimmed(viz.attribute("hex").value()));
      if (!c) m_src.failAt(viz, "hex", trf("import.bad_value", {viz.attribute("hex").value(), "hex"}));
      return c->toString();
    }
    Color c;
    for (auto [name, channel] : {std::pair{"r", &c.r}, {"g", &c.g}, {"b", &c.b}}) {
      auto v = parseInteger(required(m_src, viz, name), 0, 255);
      if (!v) m_src.failAt(viz, name, trf("import.bad_color", {viz.attribute(name).value()}));
      *channel = static_cast<std::uint8_t>(*v);
    }
    return c.toString();
  }

  double coordinate(pugi::xml_node viz, const char* name) const {
    pugi::xml_attribute a = viz.attribute(name);
    if (!a) return 0;
    auto v = parseReal<double>(a.value());
    if (!v) m_src.failAt(viz, name, trf("import.bad_value", {a.value(), "float"}));
    return *v;
  }

  const Source& m_src;
  Builder& m_b;
  Attributes m_nodeAttrs, m_edgeAttrs;
};

// ---------------------------------------------------------------------------
// [SECTION] importGraph

/// The reason for pugixml's parse status, in the user's language.
std::string xmlReason(const pugi::xml_parse_result& r) {
  switch (r.status) {
    case pugi::status_unrecognized_tag:
    case pugi::status_bad_start_element:
      return tr("import.xml_tag");
    case pugi::status_bad_attribute:
      return tr("import.xml_attribute");
    case pugi::status_bad_end_element:
    case pugi::status_end_element_mismatch:
      return tr("import.xml_end");
    case pugi::status_bad_pi:
    case pugi::status_bad_comment:
    case pugi::status_bad_cdata:
    case pugi::status_bad_doctype:
    case pugi::status_bad_pcdata:
      return tr("import.xml_text");
    case pugi::status_no_document_element:
      return tr("import.xml_empty");
    default:
      return trf("import.xml_other", {r.description()});
  }
}

/// A short key of the file's bytes (FNV-1a), for name-based UUIDs.
std::string contentKey(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  std::ostringstream out;
  out << std::hex << std::setw(16) << std::setfill('0') << h << '-' << std::dec << text.size();
  return out.str();
}

std::string readFile(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) throw UserError(UserError::Kind::NotFound, trf("import.not_found", {file.string()}));
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (in && !fs::is_directory(file, ec)) text << in.rdbuf();
  if (!in || fs::is_directory(file, ec))
    throw UserError(UserError::Kind::Io, trf("import.cannot_read", {file.string()}));
  return std::move(text).str();
}

}  // namespace

Model importGraph(const fs::path& file, const DataReader& data, GraphImportReport* report) {
  const std::string text = readFile(file);
  const Source src(file.string(), text);

  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) src.fail(parsed.offset, xmlReason(parsed));
  // pugixml accepts several top-level elements; XML does not.
  std::vector<pugi::xml_node> roots;
  for (pugi::xml_node n : doc.children())
    if (n.type() == pugi::node_element) roots.push_back(n);
  if (roots.empty()) src.fail(0, tr("import.xml_empty"));
  if (roots.size() > 1) src.fail(roots[1], trf("import.xml_two_roots", {roots[1].name()}));

  pugi::xml_node root = roots.front();
  Builder builder(src, data, file, contentKey(text));
  if (localName(root) == "graphml")
    GraphmlReader(src, builder).read(root);
  else if (localName(root) == "gexf")
    GexfReader(src, builder).read(root);
  else
    src.fail(root, trf("import.root", {root.name()}));
  return builder.finish(report);
}

}  // namespace nestmap
