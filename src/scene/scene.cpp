#include "scene/scene.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>

namespace nestmap {
namespace {

constexpr std::uint32_t kNoNode = static_cast<std::uint32_t>(-1);
constexpr float kWidthPerStrength = 0.15f;  // strength 1–3 → 0.15, 0.3, 0.45 layout units
constexpr double kCurveStep = 0.3;          // between neighbouring parallel ties
constexpr double kMaxCurve = 0.6;           // the outermost of many parallel ties
constexpr std::size_t kLegendCommunities = 10;

constexpr Color kGrey{0x9e, 0x9e, 0x9e};        // no type, sector, community or value
constexpr Color kAdded{0x2c, 0xa0, 0x2c};       // compared dates: only on the later
constexpr Color kLost{0xd6, 0x27, 0x28};        // compared dates: only on the earlier
constexpr Color kSame{0xc4, 0xc4, 0xc4};        // compared dates: on both, so that the change stands out

/// Whether something valid from `from` to `to` is drawn, and how, given the
/// options' date and the date compared with: 0 not drawn, else its flags
/// (1 for plainly drawn; Added or Lost when compared and valid on one day only).
template <class Flags>
int dateFlags(const SceneContentOptions& o, const std::optional<Date>& from, const std::optional<Date>& to) {
  if (!o.compareWith) return !o.asOf || withinValidity(*o.asOf, from, to) ? 1 : 0;
  const Date shown = o.asOf.value_or(Date::today());
  const Date earlier = std::min(shown, *o.compareWith), later = std::max(shown, *o.compareWith);
  const bool before = withinValidity(earlier, from, to), after = withinValidity(later, from, to);
  if (before && after) return 1;
  if (after) return Flags::Added;
  if (before) return Flags::Lost;
  return 0;
}
constexpr Color kLegendGrey{0x80, 0x80, 0x80};  // legend rows about the line, not the colour
// Tableau 10: distinct, colour-blind-friendlier than most, and what Gephi users know.
constexpr Color kCommunityPalette[kLegendCommunities] = {
    {0x4e, 0x79, 0xa7}, {0xf2, 0x8e, 0x2b}, {0xe1, 0x57, 0x59}, {0x76, 0xb7, 0xb2}, {0x59, 0xa1, 0x4f},
    {0xed, 0xc9, 0x48}, {0xb0, 0x7a, 0xa1}, {0xff, 0x9d, 0xa7}, {0x9c, 0x75, 0x5f}, {0xba, 0xb0, 0xac},
};
constexpr Color kRampLow{0xde, 0xeb, 0xf7};   // ColorBrewer Blues, light end
constexpr Color kRampHigh{0x08, 0x51, 0x9c};  // and dark end

/// A process-wide stamp: versions of different builders never collide.
std::uint64_t nextStamp() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

template <class T>
bool allowed(const std::vector<T>& list, T value) {
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

Color ramp(double t) {
  auto mix = [t](std::uint8_t a, std::uint8_t b) {
    return static_cast<std::uint8_t>(std::lround(a + (static_cast<double>(b) - a) * t));
  };
  return {mix(kRampLow.r, kRampHigh.r), mix(kRampLow.g, kRampHigh.g), mix(kRampLow.b, kRampHigh.b)};
}

Color communityColor(int community) {
  return community < 0 ? kGrey : kCommunityPalette[static_cast<std::size_t>(community) % kLegendCommunities];
}

/// The metric's range over the drawn nodes, for the colour ramp and the sizes.
struct MetricRange {
  bool valid = false;  // the vector fits the actors and some drawn value is finite
  double min = 0, max = 0;
  /// 0–1 along the range; 0 when the range is a single value.
  double t(double v) const { return max > min ? std::clamp((v - min) / (max - min), 0.0, 1.0) : 0.0; }
};

/// The radius of metric position `t`: sqrt-scaled, so the area grows with the value.
double metricRadius(const SceneContentOptions& o, double t) {
  return o.nodeRadius + (o.maxNodeRadius - o.nodeRadius) * std::sqrt(t);
}

std::string taxonomyName(const std::string& nl, const std::string& en, const std::string& key) {
  const std::string& first = language() == Language::Dutch ? nl : en;
  const std::string& second = language() == Language::Dutch ? en : nl;
  return !first.empty() ? first : !second.empty() ? second : key;
}

/// A legend number: three significant digits, in the language's notation.
std::string legendNumber(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", v);
  return formatNumber(std::strtod(buffer, nullptr));
}

template <class Record>
void sortTaxonomy(std::vector<const Record*>& records) {
  std::sort(records.begin(), records.end(),
            [](const Record* a, const Record* b) { return a->sort != b->sort ? a->sort < b->sort : a->id < b->id; });
}

void addUnique(std::vector<RowId>& ids, RowId id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] Scene

std::int64_t Scene::nodeOf(RowId actorId) const {
  if (!m_index.empty()) {
    if (actorId < m_indexBase || actorId - m_indexBase >= static_cast<RowId>(m_index.size())) return -1;
    const std::uint32_t i = m_index[static_cast<std::size_t>(actorId - m_indexBase)];
    return i == kNoNode ? -1 : static_cast<std::int64_t>(i);
  }
  auto it = std::lower_bound(nodes.begin(), nodes.end(), actorId,
                             [](const SceneNode& n, RowId id) { return n.actorId < id; });
  return it != nodes.end() && it->actorId == actorId ? it - nodes.begin() : -1;
}

// ---------------------------------------------------------------------------
// [SECTION] SceneBuilder

const Scene& SceneBuilder::build(const Model& model, std::uint64_t revision, const SceneOptions& options) {
  if (m_built && m_model == &model && m_revision == revision && m_language == language() &&
      static_cast<const SceneContentOptions&>(options) == static_cast<const SceneContentOptions&>(m_options)) {
    const auto& interaction = static_cast<const SceneInteraction&>(options);
    if (interaction == static_cast<const SceneInteraction&>(m_options)) return m_scene;
    static_cast<SceneInteraction&>(m_options) = interaction;
    refreshState(interaction);
    m_scene.stateVersion = nextStamp();
    return m_scene;
  }
  rebuild(model, options);
  m_model = &model;
  m_revision = revision;
  m_language = language();
  m_built = true;
  return m_scene;
}

void SceneBuilder::rebuild(const Model& model, const SceneOptions& options) {
  m_options = options;
  buildNodes(model, options);
  buildEdges(model, options);
  buildLabels(model);
  buildAgreements(model, options);

  const View* view = model.views.find(options.viewId);
  m_scene.title = view && !view->name.empty() ? view->name
                  : !model.info.name.empty()  ? model.info.name
                                              : tr("scene.untitled");
  refreshState(options);
  updateBounds();
  m_scene.version = nextStamp();
  m_scene.positionsVersion = nextStamp();
  m_scene.stateVersion = nextStamp();
}

void SceneBuilder::buildNodes(const Model& model, const SceneOptions& options) {
  Scene& s = m_scene;
  s.nodes.clear();
  s.legend.clear();
  m_actorIndex.clear();

  // Actors and the view's positions both ascend by id: walk them together.
  static const ViewPositions kNoPositions;
  auto viewPositions = model.positions.find(options.viewId);
  const ViewPositions& positions = viewPositions != model.positions.end() ? viewPositions->second : kNoPositions;
  auto pos = positions.begin();
  const auto& actors = model.actors.records();
  s.nodes.reserve(std::min(actors.size(), positions.size()));
  for (std::size_t i = 0; i < actors.size() && pos != positions.end(); ++i) {
    const Actor& a = actors[i];
    while (pos != positions.end() && pos->first < a.id) ++pos;
    if (pos == positions.end() || pos->first != a.id) continue;
    if (!allowed(options.actorTypes, a.typeId)) continue;
    const int dated = dateFlags<SceneNode>(options, a.validFrom, a.validTo);
    if (!dated) continue;
    SceneNode& n = s.nodes.emplace_back();
    n.actorId = a.id;
    n.position = {pos->second.x, pos->second.y};
    n.flags = static_cast<std::uint8_t>((pos->second.pinned ? SceneNode::Pinned : 0) | (dated & ~1));
    m_actorIndex.push_back(static_cast<std::uint32_t>(i));
  }

  // The lookup by actor id.
  s.m_index.clear();
  s.m_indexBase = s.nodes.empty() ? 0 : s.nodes.front().actorId;
  const RowId span = s.nodes.empty() ? 0 : s.nodes.back().actorId - s.m_indexBase + 1;
  if (span > 0 && static_cast<std::size_t>(span) <= 4 * s.nodes.size() + 1024) {
    s.m_index.assign(static_cast<std::size_t>(span), kNoNode);
    for (std::size_t i = 0; i < s.nodes.size(); ++i)
      s.m_index[static_cast<std::size_t>(s.nodes[i].actorId - s.m_indexBase)] = static_cast<std::uint32_t>(i);
  }

  // The metric's range over what is drawn.
  MetricRange range;
  const bool metricFits = options.metric.size() == actors.size();
  if (metricFits && (options.colorBy == ColorBy::Metric || options.sizeBy == SizeBy::Metric)) {
    for (std::uint32_t i : m_actorIndex) {
      const double v = options.metric[i];
      if (!std::isfinite(v)) continue;
      if (!range.valid) range.min = range.max = v;
      range.min = std::min(range.min, v);
      range.max = std::max(range.max, v);
      range.valid = true;
    }
  }
  auto metricOf = [&](std::size_t node) -> std::optional<double> {
    if (!range.valid) return std::nullopt;
    const double v = options.metric[m_actorIndex[node]];
    return std::isfinite(v) ? std::optional(v) : std::nullopt;
  };
  auto communityOf = [&](std::size_t node) {
    const std::uint32_t i = m_actorIndex[node];
    return i < options.community.size() ? options.community[i] : -1;
  };

  // Fill, shape and size; and what the legend will list.
  std::vector<RowId> typesSeen, sectorsSeen;
  std::vector<char> communitiesSeen;
  bool unknownType = false, noSector = false, noValue = false;
  const ActorType* type = nullptr;
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    SceneNode& n = s.nodes[i];
    const RowId typeId = actors[m_actorIndex[i]].typeId;
    if (!type || type->id != typeId) {
      type = model.actorTypes.find(typeId);
      if (type) addUnique(typesSeen, typeId);
    }
    if (type)
      n.shape = type->shape;
    else
      unknownType = true;
    const std::optional<double> metric = metricOf(i);
    n.radius = static_cast<float>(options.sizeBy == SizeBy::Metric && metric ? metricRadius(options, range.t(*metric))
                                                                             : options.nodeRadius);
    switch (options.colorBy) {
      case ColorBy::Type:
        n.fill = type ? type->color : kGrey;
        break;
      case ColorBy::Sector: {
        const Sector* sector = type ? model.sectors.find(type->sectorId) : nullptr;
        n.fill = sector ? sector->color : kGrey;
        if (sector)
          addUnique(sectorsSeen, sector->id);
        else
          noSector = true;
        break;
      }
      case ColorBy::Community: {
        const int c = communityOf(i);
        n.fill = communityColor(c);
        if (c < 0) {
          noValue = true;
        } else {
          if (static_cast<std::size_t>(c) >= communitiesSeen.size()) communitiesSeen.resize(c + 1, 0);
          communitiesSeen[static_cast<std::size_t>(c)] = 1;
        }
        break;
      }
      case ColorBy::Metric:
        n.fill = metric ? ramp(range.t(*metric)) : kGrey;
        if (!metric) noValue = true;
        break;
    }
    if (options.compareWith)
      n.fill = (n.flags & SceneNode::Added) ? kAdded : (n.flags & SceneNode::Lost) ? kLost : kSame;
  }

  // The legend's node rows.
  auto& legend = s.legend;
  auto nodeRow = [&](std::string label, Color color, Shape shape = Shape::Circle, float radius = 0) {
    LegendEntry e;
    e.kind = LegendEntry::Kind::Node;
    e.label = std::move(label);
    e.color = color;
    e.shape = shape;
    e.radius = radius;
    legend.push_back(std::move(e));
  };
  const std::string metricName = options.metricName.empty() ? tr("scene.legend.metric") : options.metricName;
  // Comparing two days, colour tells the change; the decoration's colours are not drawn.
  switch (options.compareWith ? static_cast<ColorBy>(-1) : options.colorBy) {
    case ColorBy::Type: {
      std::vector<const ActorType*> types;
      for (RowId id : typesSeen) types.push_back(model.actorTypes.find(id));
      sortTaxonomy(types);
      for (const ActorType* t : types) nodeRow(taxonomyName(t->nameNl, t->nameEn, t->key), t->color, t->shape);
      if (unknownType) nodeRow(tr("scene.legend.unknown_type"), kGrey);
      break;
    }
    case ColorBy::Sector: {
      std::vector<const Sector*> sectors;
      for (RowId id : sectorsSeen) sectors.push_back(model.sectors.find(id));
      sortTaxonomy(sectors);
      for (const Sector* sector : sectors)
        nodeRow(taxonomyName(sector->nameNl, sector->nameEn, sector->key), sector->color);
      if (noSector) nodeRow(tr("scene.legend.no_sector"), kGrey);
      break;
    }
    case ColorBy::Community: {
      std::size_t listed = 0, more = 0;
      for (std::size_t c = 0; c < communitiesSeen.size(); ++c) {
        if (!communitiesSeen[c]) continue;
        if (listed == kLegendCommunities) {
          ++more;
          continue;
        }
        nodeRow(trf("scene.legend.community", {std::to_string(c + 1)}), communityColor(static_cast<int>(c)));
        ++listed;
      }
      if (more) nodeRow(trf("scene.legend.more_communities", {std::to_string(more)}), kGrey);
      if (noValue) nodeRow(tr("scene.legend.no_value"), kGrey);
      break;
    }
    case ColorBy::Metric:
      if (range.valid) {
        const int steps = range.max > range.min ? 5 : 1;
        for (int k = 0; k < steps; ++k) {
          const double t = steps > 1 ? k / (steps - 1.0) : 0.0;
          nodeRow(metricName + ": " + legendNumber(range.min + t * (range.max - range.min)), ramp(t));
        }
      }
      if (noValue) nodeRow(tr("scene.legend.no_value"), kGrey);
      break;
    default:
      break;
  }
  if (options.compareWith) {
    const Date shown = options.asOf.value_or(Date::today());
    const std::string earlier = std::min(shown, *options.compareWith).toString(),
                      later = std::max(shown, *options.compareWith).toString();
    nodeRow(trf("scene.legend.same", {earlier, later}), kSame);
    nodeRow(trf("scene.legend.added", {earlier, later}), kAdded);
    nodeRow(trf("scene.legend.lost", {earlier, later}), kLost);
  }
  if (options.sizeBy == SizeBy::Metric && range.valid) {
    const int steps = range.max > range.min ? 3 : 1;
    for (int k = 0; k < steps; ++k) {
      const double t = steps > 1 ? k / (steps - 1.0) : 0.0;
      nodeRow(metricName + ": " + legendNumber(range.min + t * (range.max - range.min)), kGrey, Shape::Circle,
              static_cast<float>(metricRadius(options, t)));
    }
  }
}

void SceneBuilder::buildEdges(const Model& model, const SceneOptions& options) {
  Scene& s = m_scene;
  s.edges.clear();
  const std::size_t nodeCount = s.nodes.size();

  // The drawn ties; a weight (imported graphs) is spread over the widths later.
  std::vector<double> weights;
  bool anyWeight = false;
  double minWeight = 0, maxWeight = 0;
  s.edges.reserve(model.ties.size());
  std::vector<RowId> typesSeen;
  bool unknownType = false, planned = false, directed = false;
  const TieType* type = nullptr;
  for (const Tie& t : model.ties.records()) {
    if (!allowed(options.tieTypes, t.typeId) || !allowed(options.tieStatuses, t.status)) continue;
    int dated = dateFlags<SceneEdge>(options, t.validFrom, t.validTo);
    if (!dated) continue;
    const std::int64_t from = s.nodeOf(t.sourceId), to = s.nodeOf(t.targetId);
    if (from < 0 || to < 0 || from == to) continue;
    // A tie to an actor that came or went between the compared days came or went with it.
    const int ends = s.nodes[static_cast<std::size_t>(from)].flags | s.nodes[static_cast<std::size_t>(to)].flags;
    if (dated == 1 && (ends & SceneNode::Lost)) dated = SceneEdge::Lost;
    if (dated == 1 && (ends & SceneNode::Added)) dated = SceneEdge::Added;
    if (!type || type->id != t.typeId) {
      type = model.tieTypes.find(t.typeId);
      if (type) addUnique(typesSeen, t.typeId);
    }
    unknownType |= !type;
    planned |= t.status == TieStatus::Planned;
    directed |= t.direction == Direction::Directed;
    SceneEdge& e = s.edges.emplace_back();
    e.tieId = t.id;
    e.from = static_cast<std::uint32_t>(from);
    e.to = static_cast<std::uint32_t>(to);
    e.color = type ? type->color : kGrey;
    e.width = kWidthPerStrength * static_cast<float>(std::clamp(t.strength, 1, 3));
    e.flags = static_cast<std::uint8_t>((t.status == TieStatus::Planned ? SceneEdge::Dashed : 0) |
                                        (t.direction == Direction::Directed ? SceneEdge::Arrow : 0) | (dated & ~1));
    if (options.compareWith)
      e.color = (e.flags & SceneEdge::Added) ? kAdded : (e.flags & SceneEdge::Lost) ? kLost : kSame;
    const bool weighted = t.weight && std::isfinite(*t.weight);
    if (weighted) {
      if (weights.empty()) weights.assign(s.edges.size() - 1, std::nan(""));
      if (!anyWeight) minWeight = maxWeight = *t.weight;
      minWeight = std::min(minWeight, *t.weight);
      maxWeight = std::max(maxWeight, *t.weight);
      anyWeight = true;
    }
    if (anyWeight) weights.push_back(weighted ? *t.weight : std::nan(""));
  }
  if (anyWeight) {
    for (std::size_t i = 0; i < s.edges.size(); ++i) {
      if (std::isnan(weights[i])) continue;
      const double t = maxWeight > minWeight ? (weights[i] - minWeight) / (maxWeight - minWeight) : 0.5;
      s.edges[i].width = static_cast<float>(kWidthPerStrength * (1 + 2 * t));
    }
  }

  // Ties bucketed by their pair's lower node (a counting sort), then sorted
  // by (higher node, tie order) packed into one key, so the sort never reads
  // the edges: runs of one higher node are parallel ties.
  std::vector<std::uint32_t> start(nodeCount + 1, 0);
  for (const SceneEdge& e : s.edges) ++start[std::min(e.from, e.to) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<std::uint64_t> byPair(s.edges.size());
  {
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (std::uint32_t i = 0; i < s.edges.size(); ++i) {
      const SceneEdge& e = s.edges[i];
      byPair[next[std::min(e.from, e.to)]++] = std::uint64_t{std::max(e.from, e.to)} << 32 | i;
    }
  }
  for (std::size_t lo = 0; lo < nodeCount; ++lo) {
    auto first = byPair.begin() + start[lo], last = byPair.begin() + start[lo + 1];
    if (last - first < 2) continue;
    std::sort(first, last);
    for (auto run = first; run != last;) {
      auto runEnd = std::find_if(run, last, [&](std::uint64_t key) { return key >> 32 != *run >> 32; });
      const auto k = runEnd - run;
      if (k > 1) {
        const double step = std::min(kCurveStep, 2 * kMaxCurve / static_cast<double>(k - 1));
        for (auto j = run; j != runEnd; ++j) {
          SceneEdge& e = s.edges[static_cast<std::uint32_t>(*j)];
          const double offset = (static_cast<double>(j - run) - (k - 1) / 2.0) * step;
          e.curve = static_cast<float>(e.from < e.to ? offset : -offset);
        }
      }
      run = runEnd;
    }
  }

  // Drawn neighbours of each node (with repeats for parallel ties): the
  // focus search walks them, the labels count them.
  m_adjOffsets.assign(nodeCount + 1, 0);
  for (const SceneEdge& e : s.edges) ++m_adjOffsets[e.from + 1], ++m_adjOffsets[e.to + 1];
  std::partial_sum(m_adjOffsets.begin(), m_adjOffsets.end(), m_adjOffsets.begin());
  m_adjTargets.resize(2 * s.edges.size());
  {
    std::vector<std::uint32_t> next(m_adjOffsets.begin(), m_adjOffsets.end() - 1);
    for (const SceneEdge& e : s.edges) {
      m_adjTargets[next[e.from]++] = e.to;
      m_adjTargets[next[e.to]++] = e.from;
    }
  }

  // The legend's tie rows, after the node rows.
  std::vector<const TieType*> types;
  for (RowId id : typesSeen) types.push_back(model.tieTypes.find(id));
  sortTaxonomy(types);
  auto edgeRow = [&](std::string label, Color color, bool dashed, bool arrow) {
    LegendEntry e;
    e.kind = LegendEntry::Kind::Edge;
    e.label = std::move(label);
    e.color = color;
    e.dashed = dashed;
    e.arrow = arrow;
    s.legend.push_back(std::move(e));
  };
  if (!options.compareWith) {
    for (const TieType* t : types) edgeRow(taxonomyName(t->nameNl, t->nameEn, t->key), t->color, false, false);
    if (unknownType) edgeRow(tr("scene.legend.unknown_type"), kGrey, false, false);
  }
  if (directed) edgeRow(tr("scene.legend.directed"), kLegendGrey, false, true);
  if (planned) edgeRow(tr("scene.legend.planned"), kLegendGrey, true, false);
}

void SceneBuilder::buildLabels(const Model& model) {
  Scene& s = m_scene;
  const std::size_t n = s.nodes.size();
  std::vector<float> priority(n);
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto degree = m_adjOffsets[i + 1] - m_adjOffsets[i];
    priority[i] = s.nodes[i].radius * static_cast<float>(1 + degree);
    order[i] = i;
  }
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return priority[a] != priority[b] ? priority[a] > priority[b] : a < b;
  });
  s.labels.clear();
  s.labels.reserve(n);
  const auto& actors = model.actors.records();
  for (std::uint32_t i : order) {
    const Actor& a = actors[m_actorIndex[i]];
    const std::string& text = a.shortName.empty() ? a.name : a.shortName;
    if (text.empty()) continue;
    s.labels.push_back({i, text, priority[i]});
  }
}

static bool isFormal(AgreementStatus status) {
  return status == AgreementStatus::Agreed || status == AgreementStatus::Formalised ||
         status == AgreementStatus::Practice;
}

void SceneBuilder::buildAgreements(const Model& model, const SceneOptions& options) {
  Scene& s = m_scene;
  s.agreements.clear();
  m_allAgreements.clear();
  for (const Agreement& a : model.agreements.records()) {
    const std::optional<AgreementStatus> status = options.asOf ? a.statusOn(*options.asOf) : a.status();
    if (!status) continue;  // not yet begun on the as-of date
    SceneAgreement out;
    out.agreementId = a.id;
    out.status = *status;
    out.formal = isFormal(*status);
    out.color = kGrey;
    for (const StatusLabel& label : model.statusLabels.records())
      if (label.status == *status) out.color = label.color;
    for (const AgreementParty& p : a.parties)
      if (const auto i = s.nodeOf(p.actorId); i >= 0) out.nodes.push_back(static_cast<std::uint32_t>(i));
    std::sort(out.nodes.begin(), out.nodes.end());
    out.nodes.erase(std::unique(out.nodes.begin(), out.nodes.end()), out.nodes.end());
    if (out.nodes.empty()) continue;
    // Kept aside in full: a stopped or informal agreement still shows when selected.
    m_allAgreements.push_back(out);
    if (*status == AgreementStatus::Stopped || (options.onlyFormalAgreements && !out.formal)) continue;
    s.agreements.push_back(std::move(out));
  }
}

void SceneBuilder::refreshState(const SceneInteraction& interaction) {
  Scene& s = m_scene;
  for (SceneNode& n : s.nodes) n.flags &= SceneNode::Pinned | SceneNode::Added | SceneNode::Lost;
  for (RowId id : interaction.selection)
    if (const auto i = s.nodeOf(id); i >= 0) s.nodes[static_cast<std::size_t>(i)].flags |= SceneNode::Selected;
  if (const auto i = s.nodeOf(interaction.hovered); interaction.hovered && i >= 0)
    s.nodes[static_cast<std::size_t>(i)].flags |= SceneNode::Hovered;

  if (interaction.focus) {
    if (const auto focus = s.nodeOf(*interaction.focus); focus >= 0) {
      // Breadth first over the drawn ties, up to focusDepth steps.
      m_depth.assign(s.nodes.size(), -1);
      m_queue.clear();
      m_depth[static_cast<std::size_t>(focus)] = 0;
      m_queue.push_back(static_cast<std::uint32_t>(focus));
      for (std::size_t head = 0; head < m_queue.size(); ++head) {
        const std::uint32_t v = m_queue[head];
        if (m_depth[v] >= interaction.focusDepth) continue;
        for (std::uint32_t k = m_adjOffsets[v]; k < m_adjOffsets[v + 1]; ++k) {
          const std::uint32_t w = m_adjTargets[k];
          if (m_depth[w] >= 0) continue;
          m_depth[w] = m_depth[v] + 1;
          m_queue.push_back(w);
        }
      }
      for (std::size_t i = 0; i < s.nodes.size(); ++i)
        if (m_depth[i] < 0) s.nodes[i].flags |= SceneNode::Faded;
    }
  }

  // The selected agreement: its parties stand out, the rest steps back.
  std::vector<char> party;
  if (interaction.selectedAgreement) {
    for (const SceneAgreement& a : m_allAgreements)
      if (a.agreementId == interaction.selectedAgreement) {
        party.assign(s.nodes.size(), 0);
        for (std::uint32_t i : a.nodes) party[i] = 1;
      }
    if (!party.empty())
      for (std::size_t i = 0; i < s.nodes.size(); ++i)
        s.nodes[i].flags |= party[i] ? SceneNode::Highlighted : SceneNode::Faded;
  }

  constexpr std::uint8_t kPointed = SceneNode::Selected | SceneNode::Hovered;
  for (SceneEdge& e : s.edges) {
    const std::uint8_t a = s.nodes[e.from].flags, b = s.nodes[e.to].flags;
    e.flags &= SceneEdge::Dashed | SceneEdge::Arrow | SceneEdge::Added | SceneEdge::Lost;
    if ((a | b) & SceneNode::Faded) e.flags |= SceneEdge::Faded;
    const bool between = !party.empty() && party[e.from] && party[e.to];  // a tie the agreement rests on
    if (((a | b) & kPointed) || (interaction.hoveredTie && e.tieId == interaction.hoveredTie) || between)
      e.flags |= SceneEdge::Highlighted;
    if (between) e.flags &= static_cast<std::uint8_t>(~SceneEdge::Faded);
    if (interaction.selectedTie && e.tieId == interaction.selectedTie) e.flags |= SceneEdge::Selected;
  }
}

void SceneBuilder::updateBounds() {
  Scene& s = m_scene;
  if (s.nodes.empty()) {
    s.min = s.max = {};
    return;
  }
  s.min = {HUGE_VAL, HUGE_VAL};
  s.max = {-HUGE_VAL, -HUGE_VAL};
  for (const SceneNode& n : s.nodes) {
    s.min.x = std::min(s.min.x, n.position.x - n.radius);
    s.min.y = std::min(s.min.y, n.position.y - n.radius);
    s.max.x = std::max(s.max.x, n.position.x + n.radius);
    s.max.y = std::max(s.max.y, n.position.y + n.radius);
  }
}

void SceneBuilder::movePositions(std::span<const RowId> actorIds, std::span<const Vec2> positions) {
  const std::size_t n = std::min(actorIds.size(), positions.size());
  for (std::size_t i = 0; i < n; ++i)
    if (const auto node = m_scene.nodeOf(actorIds[i]); node >= 0)
      m_scene.nodes[static_cast<std::size_t>(node)].position = positions[i];
  updateBounds();
  m_scene.positionsVersion = nextStamp();
}

void SceneBuilder::movePositions(const std::vector<std::pair<RowId, Vec2>>& positions) {
  for (const auto& [id, p] : positions)
    if (const auto node = m_scene.nodeOf(id); node >= 0) m_scene.nodes[static_cast<std::size_t>(node)].position = p;
  updateBounds();
  m_scene.positionsVersion = nextStamp();
}

}  // namespace nestmap
