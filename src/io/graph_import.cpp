#include "io/graph_import.hpp"

// [SECTION] positions in the file and errors
// [SECTION] typed values
// [SECTION] building the model
// [SECTION] GraphML
// [SECTION] GEXF
// [SECTION] importGraph

#include <cctype>
#include <charconv>
#include <cmath>
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
    // The path and a quoted value may hold bytes that are no UTF-8; the message may not.
    throw UserError(UserError::Kind::InvalidInput,
                    utf8Escaped(trf("import.error", {m_path, std::to_string(line), std::to_string(column), reason})));
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

  /// Throws at the first element name, attribute or text under `doc` that is not valid UTF-8,
  /// pointing at the offending byte. Everything the import keeps (names, labels, values, field
  /// names) comes from these, so nothing that is not UTF-8 reaches the map.
  void requireUtf8(const pugi::xml_document& doc) const {
    // Iterative: a fuzzer (or a hostile file) nests elements deeper than a stack allows recursion.
    pugi::xml_node n = doc.first_child();
    while (n) {
      requireUtf8Node(n);
      if (n.first_child()) {
        n = n.first_child();
        continue;
      }
      while (n != doc && !n.next_sibling()) n = n.parent();
      if (n == doc) break;
      n = n.next_sibling();
    }
  }

 private:
  // pugixml's offset of an element is that of its name, just after the '<'.
  static std::ptrdiff_t tagStart(pugi::xml_node element) {
    std::ptrdiff_t at = element.offset_debug();
    return at > 0 ? at - 1 : 0;
  }

  void requireUtf8Node(pugi::xml_node n) const {
    const std::string reason = tr("hardening.invalid_text");
    std::size_t bad = 0;
    switch (n.type()) {
      case pugi::node_element: {
        // Names are the file's bytes as they are; values may differ (entities, character references).
        if (!isValidUtf8(n.name(), &bad)) fail(n.offset_debug() + static_cast<std::ptrdiff_t>(bad), reason);
        const std::ptrdiff_t tag = tagStart(n);
        for (pugi::xml_attribute a : n.attributes()) {
          if (!isValidUtf8(a.name(), &bad))
            fail(attributeOffset(tag, a.name(), true) + static_cast<std::ptrdiff_t>(bad), reason);
          if (!isValidUtf8(a.value())) {
            const std::ptrdiff_t value = attributeOffset(tag, a.name());
            fail(value == tag ? tag : firstBadByte(value, std::string_view(&m_text[value - 1], 1)), reason);
          }
        }
        break;
      }
      case pugi::node_pcdata:
        if (!isValidUtf8(n.value())) fail(firstBadByte(n.offset_debug(), "<"), reason);
        break;
      case pugi::node_cdata:
        if (!isValidUtf8(n.value())) fail(firstBadByte(n.offset_debug(), "]]>"), reason);
        break;
      default:  // comments, declarations, processing instructions: pugixml drops them by default
        break;
    }
  }

  /// The first byte from `start` up to `end` that starts no valid UTF-8 sequence; `start`
  /// when there is none there (a character reference such as &#xD800; made the bad value).
  std::ptrdiff_t firstBadByte(std::ptrdiff_t start, std::string_view end) const {
    if (start < 0 || static_cast<std::size_t>(start) >= m_text.size()) return start;
    std::string_view rest = m_text.substr(static_cast<std::size_t>(start));
    rest = rest.substr(0, rest.find(end));
    std::size_t bad = 0;
    return isValidUtf8(rest, &bad) ? start : start + static_cast<std::ptrdiff_t>(bad);
  }

  /// Where the value of attribute `name` starts in the start tag at `tag` (its name, with
  /// `atName`); `tag` when absent. pugixml keeps no offsets for attributes, so the
  /// (well-formed) tag is scanned again.
  std::ptrdiff_t attributeOffset(std::ptrdiff_t tag, std::string_view name, bool atName = false) const {
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
      if (attr == name) return static_cast<std::ptrdiff_t>(atName ? nameStart : i);
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

/// Why parseReal() found no number: none at all, or one that is NaN, infinite or out of the type's range.
enum class RealError { None, NotNumber, NotFinite };

/// A finite number of type Real; from_chars alone also reads "nan", "inf" and lets 1e999 through as an error code.
template <class Real>
std::optional<Real> parseReal(std::string_view text, RealError* error = nullptr) {
  std::string_view s = withoutPlus(trimmed(text));
  Real v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  RealError e = RealError::None;
  if (s.empty() || (ec != std::errc() && ec != std::errc::result_out_of_range) || ptr != s.data() + s.size())
    e = RealError::NotNumber;
  else if (ec == std::errc::result_out_of_range || !std::isfinite(v))
    e = RealError::NotFinite;
  if (error) *error = e;
  if (e != RealError::None) return std::nullopt;
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
  if (!v) {
    RealError error = RealError::None;
    if (attr.type == ValueType::Float) parseReal<float>(text, &error);
    if (attr.type == ValueType::Double) parseReal<double>(text, &error);
    if (error == RealError::NotFinite) fail(trf("hardening.not_finite_typed", {std::string(text), attr.typeName}));
    fail(trf("import.bad_value", {std::string(text), attr.typeName}));
  }
  return *v;
}

/// Why `text` is no tie weight (a finite number above 0, at most kMaxImportMagnitude); nullopt when it is one.
std::optional<std::string> weightProblem(std::string_view text) {
  RealError error = RealError::None;
  auto w = parseReal<double>(text, &error);
  if (error == RealError::NotFinite || (w && *w > kMaxImportMagnitude))
    return trf("hardening.weight_range", {std::string(text), realText(kMaxImportMagnitude)});
  if (!w || !(*w > 0)) return trf("import.bad_weight", {std::string(text)});
  return std::nullopt;
}

/// A tie weight, or nullopt when `text` is none (see weightProblem).
std::optional<double> parseWeight(std::string_view text) {
  if (weightProblem(text)) return std::nullopt;
  return parseReal<double>(text);
}

// ---------------------------------------------------------------------------
// [SECTION] building the model

/// Field `name` as `parse` reads it (a pointer or an optional), taken out of `fields`; an empty
/// one, and the field left, when there is none or `parse` finds nothing in it. What Nestmap's
/// own export writes (io/graph_export.cpp) so comes back as the records' own type, direction,
/// status and strength, and with them the same metrics; a foreign file's "type" that names no
/// type of the taxonomy stays a custom field.
template <class Parse>
auto take(std::map<std::string, std::string>& fields, const std::string& name, Parse&& parse) {
  using Result = decltype(parse(std::string()));
  auto it = fields.find(name);
  if (it == fields.end()) return Result{};
  Result value = parse(it->second);
  if (value) fields.erase(it);
  return value;
}

/// Collects actors and ties in file order, resolving node ids and checking each record.
class Builder {
 public:
  Builder(const Source& src, const DataReader& data, const fs::path& file, std::string contentKey,
          const GraphImportLimits& limits)
      : m_src(src), m_model(defaultModel(data, mapNameFor(file))), m_key(std::move(contentKey)), m_limits(limits) {
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
    countValues(element, fields.size());
    if (const ActorType* type = take(fields, "type", [&](const std::string& v) { return m_model.actorTypeByKey(v); })) {
      a.typeId = type->id;
      a.line = type->line;
    }
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
    countValues(element, fields.size());
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
    if (const TieType* type = take(fields, "type", [&](const std::string& v) { return m_model.tieTypeByKey(v); }))
      t.typeId = type->id;
    if (auto d = take(fields, "direction", [](const std::string& v) { return parseDirection(v); })) {
      t.direction = *d;
      fields.erase("directed");  // the same, as a boolean for readers that know no "mutual"
    }
    if (auto status = take(fields, "status", [](const std::string& v) { return parseTieStatus(v); }))
      t.status = *status;
    if (auto strength = take(fields, "strength", [](const std::string& v) { return parseInteger(v, 1, 3); }))
      t.strength = static_cast<int>(*strength);
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
  /// Refuses a file whose records would hold more values than the limit: a few hundred
  /// keys with defaults times many nodes would otherwise fill the memory from a small file.
  void countValues(pugi::xml_node element, std::size_t n) {
    m_values += n;
    if (m_values > m_limits.maxValues)
      m_src.fail(element, trf("hardening.too_many_values", {std::to_string(m_limits.maxValues)}));
  }

  const Source& m_src;
  Model m_model;
  std::string m_key;
  GraphImportLimits m_limits;
  std::size_t m_values = 0;
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
    // Only these are looked at for every element: a file may declare many keys and use few.
    for (std::size_t i = 0; i < m_keys.size(); ++i)
      if (m_keys[i].defaultValue) m_withDefault.push_back(i);
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
    if (asWeight)
      if (auto problem = weightProblem(text)) m_src.failInText(data, *problem);
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
    for (std::size_t i : m_withDefault) {
      const Attribute& a = m_keys[i];
      if (!(a.*applies) || out.count(i)) continue;
      out[i] = edge && a.name == "weight" ? check(a, a.defaultAt, true) : *a.defaultValue;
    }
    return out;
  }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  const Source& m_src;
  Builder& m_b;
  std::vector<Attribute> m_keys;
  std::vector<std::size_t> m_withDefault;  ///< keys with a <default>, in file order
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
        if (a.defaultValue) attrs.withDefault.push_back(attrs.size());
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
        if (auto problem = weightProblem(w.value())) m_src.failAt(e, "weight", *problem);
        weight = parseWeight(w.value());
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
    std::vector<std::size_t> withDefault;  ///< those with a <default>, in file order
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
    // By index, so that of two attributes with one title the later wins, as in the file.
    // Nothing here is as long as the list of attributes: a file may declare many and use few.
    std::map<std::size_t, std::string> byIndex;
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
    for (std::size_t i : attrs.withDefault) byIndex.emplace(i, *attrs[i].defaultValue);
    std::map<std::string, std::string> out;
    for (auto& [i, value] : byIndex) out[attrs[i].name] = std::move(value);
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
    RealError error = RealError::None;
    auto v = parseReal<double>(a.value(), &error);
    if (error == RealError::NotFinite || (v && std::abs(*v) > kMaxImportMagnitude))
      m_src.failAt(viz, name, trf("hardening.position_range", {a.value(), realText(kMaxImportMagnitude)}));
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

/// A message about `file` ({0}, with `a` and `b` as {1} and {2}) as a UserError; the path is
/// escaped where it is not UTF-8.
[[noreturn]] void fileError(UserError::Kind kind, const char* key, const fs::path& file, std::string_view a = {},
                            std::string_view b = {}) {
  throw UserError(kind, utf8Escaped(trf(key, {file.string(), a, b})));
}

std::string readFile(const fs::path& file) {
  checkImportFile(file);
  std::ifstream in(file, std::ios::binary);
  if (!in) fileError(UserError::Kind::Io, "import.cannot_read", file);
  // The size was checked, but a file can grow while it is read: never more than the limit.
  std::string text;
  std::error_code ec;
  text.reserve(static_cast<std::size_t>(std::min<std::uintmax_t>(fs::file_size(file, ec), kMaxImportBytes)));
  std::vector<char> chunk(1 << 16);
  while (in && text.size() <= kMaxImportBytes) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) fileError(UserError::Kind::Io, "import.cannot_read", file);
  if (text.size() > kMaxImportBytes)
    fileError(UserError::Kind::InvalidInput, "hardening.too_large", file, std::to_string(kMaxImportBytes >> 20),
              std::to_string(text.size()));
  return text;
}

/// GraphML and GEXF are read as UTF-8 (with or without a byte order mark): the
/// offsets pugixml reports, and so every line and column, refer to the file's own bytes.
bool looksLikeUtf16Or32(std::string_view text) {
  if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF") return true;
  // '<' as UTF-16 or UTF-32 without a byte order mark has a zero byte beside it.
  return text.size() >= 2 && (text[0] == '\0' || text[1] == '\0');
}

}  // namespace

void checkImportFile(const fs::path& file) {
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (!fs::exists(status)) {
    if (ec && ec != std::errc::no_such_file_or_directory) fileError(UserError::Kind::Io, "import.cannot_read", file);
    fileError(UserError::Kind::NotFound, "import.not_found", file);
  }
  if (fs::is_directory(status)) fileError(UserError::Kind::Io, "import.cannot_read", file);
  // /dev/zero, /dev/stdin, a named pipe: no size to check, and reading may never end.
  if (!fs::is_regular_file(status)) fileError(UserError::Kind::InvalidInput, "hardening.not_regular", file);
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec) fileError(UserError::Kind::Io, "import.cannot_read", file);
  if (size > kMaxImportBytes)
    fileError(UserError::Kind::InvalidInput, "hardening.too_large", file, std::to_string(kMaxImportBytes >> 20),
              std::to_string(size));
}

std::string mapNameFor(const fs::path& file, std::string_view name) {
  if (!name.empty()) {
    if (!isValidUtf8(name))
      throw UserError(UserError::Kind::InvalidInput, trf("hardening.name_encoding", {utf8Escaped(name)}));
    return std::string(name);
  }
  // The whole file name is checked: the import's description quotes it with its extension.
  const std::string fileName = file.filename().string();
  if (!isValidUtf8(fileName))
    throw UserError(UserError::Kind::InvalidInput, trf("hardening.file_name_encoding", {utf8Escaped(fileName)}));
  return file.stem().string();
}

Model importGraph(const fs::path& file, const DataReader& data, GraphImportReport* report) {
  mapNameFor(file);  // before reading: a file that cannot name its map need not be read
  return importGraphText(readFile(file), file, data, report);
}

Model importGraphText(std::string_view text, const fs::path& file, const DataReader& data, GraphImportReport* report,
                      const GraphImportLimits& limits) {
  const Source src(file.string(), text);
  if (looksLikeUtf16Or32(text)) src.fail(0, tr("hardening.xml_encoding"));

  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) src.fail(parsed.offset, xmlReason(parsed));
  src.requireUtf8(doc);
  // pugixml accepts several top-level elements; XML does not.
  std::vector<pugi::xml_node> roots;
  for (pugi::xml_node n : doc.children())
    if (n.type() == pugi::node_element) roots.push_back(n);
  if (roots.empty()) src.fail(0, tr("import.xml_empty"));
  if (roots.size() > 1) src.fail(roots[1], trf("import.xml_two_roots", {roots[1].name()}));

  pugi::xml_node root = roots.front();
  Builder builder(src, data, file, contentKey(text), limits);
  if (localName(root) == "graphml")
    GraphmlReader(src, builder).read(root);
  else if (localName(root) == "gexf")
    GexfReader(src, builder).read(root);
  else
    src.fail(root, trf("import.root", {root.name()}));
  return builder.finish(report);
}

}  // namespace nestmap
