// SceneBuilder on small hand-drawn maps: what each actor and tie looks like,
// what the filters leave out, and what a frame with no change costs (nothing).
#include "scene/scene.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "io/data_sources.hpp"
#include "scene/pick_index.hpp"
#include "support/language_guard.hpp"
#include "support/map_builder.hpp"

using namespace nestmap;

namespace {

using test::LanguageGuard;

Color rgb(const char* hex) { return *Color::parse(hex); }

/// The default taxonomy, one view, and actors placed where a test says.
struct Fixture {
  Model m = defaultModel(embeddedData(), "test");
  RowId view = 0;
  std::uint64_t revision = 1;

  Fixture() {
    View v;
    v.id = view = m.views.nextId();
    v.name = "Nest Gent";
    m.views.put(v);
  }
  /// An actor of type `typeKey` at (x, y) in the view.
  RowId actor(const std::string& name, const std::string& typeKey, double x = 0, double y = 0, bool pinned = false) {
    const RowId id = unplaced(name, typeKey);
    m.positions[view][id] = {x, y, pinned};
    return id;
  }
  /// An actor without a position in the view.
  RowId unplaced(const std::string& name, const std::string& typeKey) {
    Actor a;
    a.name = name;
    a.typeId = m.actorTypeByKey(typeKey)->id;
    return test::putActor(m, a);
  }
  RowId tie(RowId from, RowId to, const std::string& typeKey = "consultation") {
    return test::putTie(m, from, to, typeKey);
  }
  Tie& tieRecord(RowId id) { return *m.ties.find(id); }
  SceneOptions options() const {
    SceneOptions o;
    o.viewId = view;
    return o;
  }
};

const SceneNode& nodeOf(const Scene& s, RowId actor) {
  const auto i = s.nodeOf(actor);
  REQUIRE(i >= 0);
  return s.nodes[static_cast<std::size_t>(i)];
}

const SceneEdge& edgeOf(const Scene& s, RowId tie) {
  for (const SceneEdge& e : s.edges)
    if (e.tieId == tie) return e;
  FAIL("tie " << tie << " is not drawn");
  return s.edges.front();
}

bool drawn(const Scene& s, RowId tie) {
  for (const SceneEdge& e : s.edges)
    if (e.tieId == tie) return true;
  return false;
}

std::vector<std::string> legendLabels(const Scene& s, LegendEntry::Kind kind) {
  std::vector<std::string> out;
  for (const LegendEntry& e : s.legend)
    if (e.kind == kind) out.push_back(e.label);
  return out;
}

}  // namespace

TEST_CASE("Scene: nodes take colour and shape from their actor type, at the view's positions") {
  //   prison (0,0)  psd (4,0)  caw (0,-2)  jww (-3,1) pinned  ambassadors (2,5)   + one actor without a position
  Fixture f;
  const RowId prison = f.actor("Gevangenis Gent", "prison", 0, 0);
  const RowId psd = f.actor("PSD Gent", "psd", 4, 0);
  const RowId caw = f.actor("CAW Oost-Vlaanderen", "caw", 0, -2);
  const RowId jww = f.actor("JWW Gent", "caw_jww", -3, 1, true);
  const RowId amb = f.actor("Ambassadeurs", "ambassador_team", 2, 5);
  const RowId nowhere = f.unplaced("Nergens", "caw");
  f.tie(prison, nowhere);  // an end not drawn: the tie is not drawn either

  SceneBuilder builder;
  SceneOptions o = f.options();
  o.nodeRadius = 1.5;
  const Scene& s = builder.build(f.m, f.revision, o);

  REQUIRE(s.nodes.size() == 5);
  CHECK(s.nodeOf(nowhere) == -1);
  CHECK(s.nodeOf(0) == -1);
  CHECK(s.nodeOf(9999) == -1);
  CHECK(s.edges.empty());
  CHECK(s.nodes[0].actorId == prison);  // actor-id order
  CHECK(s.nodeOf(amb) == 4);

  CHECK(nodeOf(s, prison).fill == rgb("#3763b0"));
  CHECK(nodeOf(s, prison).shape == Shape::Square);
  CHECK(nodeOf(s, psd).fill == rgb("#6f5fd0"));
  CHECK(nodeOf(s, psd).shape == Shape::Diamond);
  CHECK(nodeOf(s, caw).fill == rgb("#d94c4c"));
  CHECK(nodeOf(s, caw).shape == Shape::Circle);
  CHECK(nodeOf(s, jww).fill == rgb("#f28e2b"));
  CHECK(nodeOf(s, jww).shape == Shape::Hexagon);
  CHECK(nodeOf(s, amb).fill == rgb("#e0b020"));
  CHECK(nodeOf(s, amb).shape == Shape::Triangle);
  for (const SceneNode& n : s.nodes) CHECK(n.radius == 1.5f);

  CHECK(nodeOf(s, psd).position == Vec2{4, 0});
  CHECK(nodeOf(s, jww).flags == SceneNode::Pinned);
  CHECK(nodeOf(s, caw).flags == 0);
  // The box around the nodes and their radii: x from −3 − 1.5 to 4 + 1.5, y from −2 − 1.5 to 5 + 1.5.
  CHECK(s.min == Vec2{-4.5, -3.5});
  CHECK(s.max == Vec2{5.5, 6.5});
  CHECK(s.title == "Nest Gent");
}

TEST_CASE("Scene: an empty view gives an empty scene titled after the map") {
  Fixture f;
  f.unplaced("Nergens", "caw");
  SceneBuilder builder;
  SceneOptions o = f.options();
  o.viewId = 77;  // no such view
  const Scene& s = builder.build(f.m, f.revision, o);
  CHECK(s.nodes.empty());
  CHECK(s.edges.empty());
  CHECK(s.labels.empty());
  CHECK(s.legend.empty());
  CHECK(s.min == Vec2{});
  CHECK(s.max == Vec2{});
  CHECK(s.title == "test");

  f.m.info.name.clear();
  CHECK(builder.build(f.m, ++f.revision, o).title == "Naamloze kaart");
}

TEST_CASE("Scene: colour by sector uses the type's sector") {
  Fixture f;
  const RowId prison = f.actor("Gevangenis", "prison");
  const RowId psd = f.actor("PSD", "psd", 1, 0);
  const RowId hvk = f.actor("Huis van het Kind", "huis_van_het_kind", 2, 0);
  const RowId cgg = f.actor("CGG", "cgg", 3, 0);
  SceneBuilder builder;
  SceneOptions o = f.options();
  o.colorBy = ColorBy::Sector;
  const Scene& s = builder.build(f.m, f.revision, o);
  CHECK(nodeOf(s, prison).fill == rgb("#3763b0"));  // justice
  CHECK(nodeOf(s, psd).fill == rgb("#3763b0"));     // justice too
  CHECK(nodeOf(s, hvk).fill == rgb("#f07fa0"));     // family, not the type's #f28aa8
  CHECK(nodeOf(s, cgg).fill == rgb("#2e9d86"));     // mental health, not the type's #6aae3a
  CHECK(nodeOf(s, cgg).shape == Shape::Diamond);    // the shape stays the type's
  // One row per sector present, in taxonomy order.
  CHECK(legendLabels(s, LegendEntry::Kind::Node) ==
        std::vector<std::string>{"Justitie", "Gezin & opvoeding", "Geestelijke gezondheid"});
  CHECK(s.legend[1].color == rgb("#f07fa0"));
  CHECK(s.legend[1].shape == Shape::Circle);
}

TEST_CASE("Scene: colour by community takes the Tableau 10 palette, grey without one") {
  Fixture f;
  const RowId a = f.actor("a", "caw");
  const RowId b = f.actor("b", "caw", 1, 0);
  const RowId c = f.actor("c", "caw", 2, 0);
  const RowId d = f.actor("d", "caw", 3, 0);
  const RowId e = f.actor("e", "caw", 4, 0);
  SceneBuilder builder;
  SceneOptions o = f.options();
  o.colorBy = ColorBy::Community;
  o.community = {0, 2, 0, -1, 12};  // e: 12 wraps to the palette's third colour
  const Scene& s = builder.build(f.m, f.revision, o);
  CHECK(nodeOf(s, a).fill == rgb("#4e79a7"));
  CHECK(nodeOf(s, b).fill == rgb("#e15759"));
  CHECK(nodeOf(s, c).fill == rgb("#4e79a7"));
  CHECK(nodeOf(s, d).fill == rgb("#9e9e9e"));
  CHECK(nodeOf(s, e).fill == rgb("#e15759"));
  CHECK(legendLabels(s, LegendEntry::Kind::Node) ==
        std::vector<std::string>{"Gemeenschap 1", "Gemeenschap 3", "Gemeenschap 13", "geen waarde"});
  CHECK(s.legend[2].color == rgb("#e15759"));

  // More communities than colours: the first ten are listed, the rest counted.
  SceneBuilder many;
  Fixture g;
  std::vector<int> communities;
  for (int i = 0; i < 13; ++i) {
    g.actor("x" + std::to_string(i), "caw", i, 0);
    communities.push_back(i);
  }
  SceneOptions p = g.options();
  p.colorBy = ColorBy::Community;
  p.community = communities;
  const auto labels = legendLabels(many.build(g.m, 1, p), LegendEntry::Kind::Node);
  REQUIRE(labels.size() == 11);
  CHECK(labels[9] == "Gemeenschap 10");
  CHECK(labels[10] == "en 3 andere gemeenschappen (de kleuren herhalen zich)");
}

TEST_CASE("Scene: colour and size by a metric over the drawn actors") {
  //   values 0, 1, 4 on the drawn actors (t = 0, 0.25, 1); the unplaced actor's 100 is not in the range
  Fixture f;
  const RowId a = f.actor("a", "caw");
  const RowId b = f.actor("b", "prison", 1, 0);
  f.unplaced("far", "caw");
  const RowId c = f.actor("c", "caw", 2, 0);
  const RowId d = f.actor("d", "caw", 3, 0);
  SceneBuilder builder;
  SceneOptions o = f.options();
  o.colorBy = ColorBy::Metric;
  o.sizeBy = SizeBy::Metric;
  o.nodeRadius = 1;
  o.maxNodeRadius = 3;
  o.metric = {0, 1, 100, 4, std::nan("")};
  o.metricName = "Tussenliggendheid";
  const Scene& s = builder.build(f.m, f.revision, o);

  CHECK(nodeOf(s, a).fill == rgb("#deebf7"));
  CHECK(nodeOf(s, b).fill == rgb("#a9c5e0"));  // a quarter of the way: (222, 235, 247) − ¼ (214, 154, 91), rounded
  CHECK(nodeOf(s, c).fill == rgb("#08519c"));
  CHECK(nodeOf(s, d).fill == rgb("#9e9e9e"));  // no value
  // Radius 1 + 2 √t: the area grows with the value.
  CHECK(nodeOf(s, a).radius == 1.0f);
  CHECK(nodeOf(s, b).radius == 2.0f);
  CHECK(nodeOf(s, c).radius == 3.0f);
  CHECK(nodeOf(s, d).radius == 1.0f);
  CHECK(nodeOf(s, b).shape == Shape::Square);

  // Five colour steps, "no value", then three size steps.
  REQUIRE(s.legend.size() == 9);
  CHECK(legendLabels(s, LegendEntry::Kind::Node) ==
        std::vector<std::string>{"Tussenliggendheid: 0", "Tussenliggendheid: 1", "Tussenliggendheid: 2",
                                 "Tussenliggendheid: 3", "Tussenliggendheid: 4", "geen waarde", "Tussenliggendheid: 0",
                                 "Tussenliggendheid: 2", "Tussenliggendheid: 4"});
  CHECK(s.legend[0].color == rgb("#deebf7"));
  CHECK(s.legend[1].color == rgb("#a9c5e0"));
  CHECK(s.legend[4].color == rgb("#08519c"));
  CHECK(s.legend[0].radius == 0);
  CHECK(s.legend[6].radius == 1.0f);
  CHECK(s.legend[7].radius == Approx(1 + 2 * std::sqrt(0.5)));
  CHECK(s.legend[8].radius == 3.0f);

  // A metric that does not fit the actors colours nothing and sizes nothing.
  o.metric = {1, 2};
  const Scene& t = builder.build(f.m, f.revision, o);
  for (const SceneNode& n : t.nodes) {
    CHECK(n.fill == rgb("#9e9e9e"));
    CHECK(n.radius == 1.0f);
  }
  CHECK(legendLabels(t, LegendEntry::Kind::Node) == std::vector<std::string>{"geen waarde"});
}

TEST_CASE("Scene: ties take colour from their type, width from strength or weight, dashes and arrows") {
  Fixture f;
  const RowId a = f.actor("a", "caw");
  const RowId b = f.actor("b", "caw", 10, 0);
  const RowId c = f.actor("c", "caw", 0, 10);
  const RowId d = f.actor("d", "caw", 10, 10);
  const RowId weak = f.tie(a, b, "referral");
  f.tieRecord(weak).strength = 1;
  f.tieRecord(weak).direction = Direction::Directed;
  const RowId usual = f.tie(a, c, "consultation");
  const RowId strong = f.tie(a, d, "protocol");
  f.tieRecord(strong).strength = 3;
  f.tieRecord(strong).status = TieStatus::Planned;
  f.tieRecord(strong).direction = Direction::Mutual;

  SceneBuilder builder;
  const Scene& s = builder.build(f.m, f.revision, f.options());
  REQUIRE(s.edges.size() == 3);
  const SceneEdge& e1 = edgeOf(s, weak);
  CHECK(e1.from == 0);
  CHECK(e1.to == 1);
  CHECK(e1.color == rgb("#e15759"));
  CHECK(e1.width == Approx(0.15));
  CHECK(e1.flags == SceneEdge::Arrow);
  CHECK(e1.curve == 0);
  CHECK(edgeOf(s, usual).color == rgb("#4e79a7"));
  CHECK(edgeOf(s, usual).width == Approx(0.3));
  CHECK(edgeOf(s, usual).flags == 0);
  CHECK(edgeOf(s, strong).width == Approx(0.45));
  CHECK(edgeOf(s, strong).flags == SceneEdge::Dashed);  // mutual: no arrowhead

  // Weights (imported graphs) spread over the same widths: 2 → 0.15, 4 → 0.225, 10 → 0.45.
  f.tieRecord(weak).weight = 2;
  f.tieRecord(usual).weight = 4;
  f.tieRecord(strong).weight = 10;
  const Scene& w = builder.build(f.m, ++f.revision, f.options());
  CHECK(edgeOf(w, weak).width == Approx(0.15));
  CHECK(edgeOf(w, usual).width == Approx(0.225));
  CHECK(edgeOf(w, strong).width == Approx(0.45));
  // One weighted tie among unweighted ones: the middle width; the others keep their strength's.
  f.tieRecord(weak).weight.reset();
  f.tieRecord(strong).weight.reset();
  const Scene& one = builder.build(f.m, ++f.revision, f.options());
  CHECK(edgeOf(one, weak).width == Approx(0.15));
  CHECK(edgeOf(one, usual).width == Approx(0.3));
  CHECK(edgeOf(one, strong).width == Approx(0.45));
}

TEST_CASE("Scene: parallel ties between one pair bend apart symmetrically") {
  //   a ══ b : three ties (a→b, b→a, a→b);  a ── c : one;  c ═ d : two opposite ways
  Fixture f;
  const RowId a = f.actor("a", "caw");
  const RowId b = f.actor("b", "caw", 10, 0);
  const RowId c = f.actor("c", "caw", 0, 10);
  const RowId d = f.actor("d", "caw", 10, 10);
  const RowId ab1 = f.tie(a, b);
  const RowId ba = f.tie(b, a, "referral");
  const RowId ab2 = f.tie(a, b, "protocol");
  const RowId ac = f.tie(a, c);
  const RowId cd = f.tie(c, d);
  const RowId dc = f.tie(d, c);

  SceneBuilder builder;
  const Scene& s = builder.build(f.m, f.revision, f.options());
  REQUIRE(s.edges.size() == 6);
  // Counted along the pair a → b, in tie order: −0.3, 0, 0.3. Ties running
  // b → a carry the sign of their own direction.
  CHECK(edgeOf(s, ab1).curve == Approx(-0.3));
  CHECK(edgeOf(s, ba).curve == Approx(0).margin(1e-12));
  CHECK(edgeOf(s, ab2).curve == Approx(0.3));
  CHECK(edgeOf(s, ac).curve == 0);
  // Two ties opposite ways: both bend −0.15 in their own direction, so to different sides.
  CHECK(edgeOf(s, cd).curve == Approx(-0.15));
  CHECK(edgeOf(s, dc).curve == Approx(-0.15));

  // Many parallel ties stay within ±0.6.
  for (int i = 0; i < 3; ++i) f.tie(a, b);
  const Scene& many = builder.build(f.m, ++f.revision, f.options());
  std::vector<float> curves;
  for (const SceneEdge& e : many.edges)
    if (e.from + e.to == 1) curves.push_back(e.from < e.to ? e.curve : -e.curve);
  REQUIRE(curves.size() == 6);
  const double expected[] = {-0.6, -0.36, -0.12, 0.12, 0.36, 0.6};
  for (std::size_t i = 0; i < 6; ++i) CHECK(curves[i] == Approx(expected[i]));
}

TEST_CASE("Scene: filters by actor type, tie type, status and date") {
  Fixture f;
  const RowId prison = f.actor("Gevangenis", "prison");
  const RowId caw = f.actor("CAW", "caw", 5, 0);
  const RowId ocj = f.actor("OCJ", "ocj", 0, 5);
  const RowId active = f.tie(prison, caw, "referral");
  const RowId planned = f.tie(prison, ocj, "consultation");
  f.tieRecord(planned).status = TieStatus::Planned;
  const RowId ended = f.tie(caw, ocj, "consultation");
  f.tieRecord(ended).status = TieStatus::Ended;

  SceneBuilder builder;
  SceneOptions o = f.options();
  {
    const Scene& s = builder.build(f.m, f.revision, o);  // default: active and planned
    CHECK(s.nodes.size() == 3);
    CHECK(drawn(s, active));
    CHECK(drawn(s, planned));
    CHECK_FALSE(drawn(s, ended));
  }
  o.tieStatuses = {TieStatus::Ended};
  {
    const Scene& s = builder.build(f.m, f.revision, o);
    REQUIRE(s.edges.size() == 1);
    CHECK(s.edges[0].tieId == ended);
  }
  o.tieStatuses.clear();  // empty: every status
  CHECK(builder.build(f.m, f.revision, o).edges.size() == 3);

  o.tieTypes = {f.m.tieTypeByKey("consultation")->id};
  {
    const Scene& s = builder.build(f.m, f.revision, o);
    CHECK_FALSE(drawn(s, active));
    CHECK(drawn(s, planned));
    CHECK(drawn(s, ended));
  }
  o.tieTypes.clear();
  o.actorTypes = {f.m.actorTypeByKey("prison")->id, f.m.actorTypeByKey("caw")->id};
  {
    const Scene& s = builder.build(f.m, f.revision, o);
    CHECK(s.nodes.size() == 2);
    CHECK(s.nodeOf(ocj) == -1);
    REQUIRE(s.edges.size() == 1);  // the ties to OCJ went with it
    CHECK(s.edges[0].tieId == active);
  }

  // As of a date: the CAW was closed, the planned tie starts later.
  o.actorTypes.clear();
  f.m.actors.find(caw)->validTo = Date::parse("2024-12-31");
  f.tieRecord(planned).validFrom = Date::parse("2025-06-01");
  o.asOf = Date::parse("2025-03-01");
  {
    const Scene& s = builder.build(f.m, ++f.revision, o);
    CHECK(s.nodes.size() == 2);
    CHECK(s.nodeOf(caw) == -1);
    CHECK(s.edges.empty());
  }
  o.asOf = Date::parse("2024-06-01");
  {
    const Scene& s = builder.build(f.m, f.revision, o);
    CHECK(s.nodes.size() == 3);
    CHECK(drawn(s, active));
    CHECK_FALSE(drawn(s, planned));
    CHECK(drawn(s, ended));
  }
}

TEST_CASE("Scene: focus fades all but the N-step neighbourhood") {
  //   a ─ b ─ c ─ d      e
  Fixture f;
  const RowId a = f.actor("a", "caw");
  const RowId b = f.actor("b", "caw", 1, 0);
  const RowId c = f.actor("c", "caw", 2, 0);
  const RowId d = f.actor("d", "caw", 3, 0);
  const RowId e = f.actor("e", "caw", 4, 0);
  const RowId ab = f.tie(a, b), bc = f.tie(c, b), cd = f.tie(c, d);
  const RowId hidden = f.tie(d, e);  // ended: not drawn, so no way to e
  f.tieRecord(hidden).status = TieStatus::Ended;

  SceneBuilder builder;
  SceneOptions o = f.options();
  o.focus = b;
  auto faded = [&](const Scene& s) {
    std::vector<RowId> out;
    for (const SceneNode& n : s.nodes)
      if (n.flags & SceneNode::Faded) out.push_back(n.actorId);
    return out;
  };
  {
    const Scene& s = builder.build(f.m, f.revision, o);
    CHECK(faded(s) == std::vector<RowId>{d, e});
    CHECK(edgeOf(s, ab).flags == 0);
    CHECK(edgeOf(s, bc).flags == 0);
    CHECK(edgeOf(s, cd).flags == SceneEdge::Faded);
  }
  o.focusDepth = 2;
  CHECK(faded(builder.build(f.m, f.revision, o)) == std::vector<RowId>{e});
  o.focusDepth = 0;
  CHECK(faded(builder.build(f.m, f.revision, o)) == std::vector<RowId>{a, c, d, e});
  o.focus = f.unplaced("nergens", "caw");  // not drawn: nothing faded
  CHECK(faded(builder.build(f.m, f.revision, o)).empty());
  o.focus.reset();
  o.focusDepth = 1;
  const Scene& s = builder.build(f.m, f.revision, o);
  CHECK(faded(s).empty());
  for (const SceneEdge& edge : s.edges) CHECK(edge.flags == 0);
}

TEST_CASE("Scene: selection and hover change flags without a rebuild") {
  Fixture f;
  const RowId a = f.actor("a", "caw", 0, 0, true);
  const RowId b = f.actor("b", "caw", 1, 0);
  const RowId c = f.actor("c", "caw", 2, 0);
  const RowId ab = f.tie(a, b), bc = f.tie(b, c);

  SceneBuilder builder;
  SceneOptions o = f.options();
  const Scene& first = builder.build(f.m, f.revision, o);
  const auto version = first.version, positions = first.positionsVersion, state = first.stateVersion;
  const Scene* address = &first;

  o.selection = {a};
  o.hovered = c;
  const Scene& s = builder.build(f.m, f.revision, o);
  CHECK(&s == address);
  CHECK(s.version == version);
  CHECK(s.positionsVersion == positions);  // pick indexes stay valid
  CHECK(s.stateVersion != state);
  CHECK(nodeOf(s, a).flags == (SceneNode::Selected | SceneNode::Pinned));
  CHECK(nodeOf(s, b).flags == 0);
  CHECK(nodeOf(s, c).flags == SceneNode::Hovered);
  CHECK(edgeOf(s, ab).flags == SceneEdge::Highlighted);
  CHECK(edgeOf(s, bc).flags == SceneEdge::Highlighted);

  // The same again: nothing moves, not even the state's version.
  const auto after = s.stateVersion;
  CHECK(builder.build(f.m, f.revision, o).stateVersion == after);

  o.selection.clear();
  o.hovered = 0;
  const Scene& cleared = builder.build(f.m, f.revision, o);
  CHECK(cleared.version == version);
  CHECK(cleared.stateVersion != after);
  CHECK(cleared.positionsVersion == positions);
  CHECK(nodeOf(cleared, a).flags == SceneNode::Pinned);
  CHECK(nodeOf(cleared, c).flags == 0);
  CHECK(edgeOf(cleared, ab).flags == 0);
}

TEST_CASE("Scene: nothing changed gives the same scene; a new revision, filter or language rebuilds") {
  Fixture f;
  const RowId a = f.actor("a", "prison");
  const RowId b = f.actor("b", "caw", 3, 0);
  f.tie(a, b);
  SceneBuilder builder;
  SceneOptions o = f.options();
  const Scene& first = builder.build(f.m, f.revision, o);
  const auto version = first.version, positions = first.positionsVersion;
  CHECK(version != 0);

  // The model changes but the revision says it did not: the cache is trusted.
  f.m.positions[f.view][b] = {9, 9, false};
  const Scene& again = builder.build(f.m, f.revision, o);
  CHECK(&again == &first);
  CHECK(again.version == version);
  CHECK(again.positionsVersion == positions);
  CHECK(nodeOf(again, b).position == Vec2{3, 0});
  CHECK(&builder.scene() == &first);

  const Scene& rebuilt = builder.build(f.m, ++f.revision, o);
  CHECK(rebuilt.version != version);
  CHECK(rebuilt.positionsVersion != positions);
  CHECK(nodeOf(rebuilt, b).position == Vec2{9, 9});

  const auto v2 = rebuilt.version;
  o.colorBy = ColorBy::Sector;
  CHECK(builder.build(f.m, f.revision, o).version != v2);

  const auto v3 = builder.scene().version;
  {
    LanguageGuard english(Language::English);
    const Scene& s = builder.build(f.m, f.revision, o);
    CHECK(s.version != v3);
    CHECK(legendLabels(s, LegendEntry::Kind::Node) == std::vector<std::string>{"Justice", "Welfare"});
  }

  // Another builder never hands out the same version.
  SceneBuilder other;
  CHECK(other.build(f.m, f.revision, o).version != builder.scene().version);
}

TEST_CASE("Scene: movePositions moves nodes and bounds only") {
  Fixture f;
  const RowId a = f.actor("a", "caw");
  const RowId b = f.actor("b", "caw", 2, 0);
  const RowId nowhere = f.unplaced("nergens", "caw");
  f.tie(a, b);
  SceneBuilder builder;
  const Scene& s = builder.build(f.m, f.revision, f.options());
  const auto version = s.version, positions = s.positionsVersion;
  const std::string firstLabel = s.labels.front().text;

  builder.movePositions({{b, Vec2{10, -4}}, {nowhere, Vec2{50, 50}}, {12345, Vec2{1, 1}}});
  CHECK(s.version == version);
  CHECK(s.positionsVersion != positions);
  CHECK(nodeOf(s, a).position == Vec2{0, 0});
  CHECK(nodeOf(s, b).position == Vec2{10, -4});
  CHECK(s.nodeOf(nowhere) == -1);
  CHECK(s.min == Vec2{-1, -5});
  CHECK(s.max == Vec2{11, 1});
  CHECK(s.labels.front().text == firstLabel);

  // As a layout job hands them out: ids and positions side by side.
  const std::vector<RowId> ids{a, b};
  const std::vector<Vec2> moved{{-3, 0}, {3, 0}};
  const auto before = s.positionsVersion;
  builder.movePositions(ids, moved);
  CHECK(s.positionsVersion != before);
  CHECK(nodeOf(s, a).position == Vec2{-3, 0});
  CHECK(s.min == Vec2{-4, -1});
  CHECK(s.max == Vec2{4, 1});

  // A build with nothing changed keeps the moved positions; a rebuild reads the view again.
  CHECK(nodeOf(builder.build(f.m, f.revision, f.options()), a).position == Vec2{-3, 0});
  CHECK(nodeOf(builder.build(f.m, ++f.revision, f.options()), a).position == Vec2{0, 0});
}

TEST_CASE("Scene: labels by priority, short names first") {
  //   hub ─ x, hub ─ y, hub ─ z, x ─ y ; lone (no ties); nameless
  Fixture f;
  Actor hubActor;
  hubActor.name = "Centrum Algemeen Welzijnswerk";
  hubActor.shortName = "CAW";
  hubActor.typeId = f.m.actorTypeByKey("caw")->id;
  const RowId lone = f.actor("Alleen", "caw", 9, 9);
  const RowId hub = test::putActor(f.m, hubActor);
  f.m.positions[f.view][hub] = {};
  const RowId x = f.actor("X", "caw", 1, 0);
  const RowId y = f.actor("Y", "caw", 2, 0);
  const RowId z = f.actor("Z", "caw", 3, 0);
  f.actor("", "caw", 4, 0);
  f.tie(hub, x);
  f.tie(hub, y);
  f.tie(hub, z);
  f.tie(x, y);

  SceneBuilder builder;
  SceneOptions o = f.options();
  o.nodeRadius = 2;
  const Scene& s = builder.build(f.m, f.revision, o);
  REQUIRE(s.labels.size() == 5);  // the nameless actor has none
  std::vector<std::string> texts;
  std::vector<float> priorities;
  for (const SceneLabel& l : s.labels) texts.push_back(l.text), priorities.push_back(l.priority);
  // radius 2 × (1 + ties): hub 8, x 6, y 6 (x first: node order), z 4, lone 2.
  CHECK(texts == std::vector<std::string>{"CAW", "X", "Y", "Z", "Alleen"});
  CHECK(priorities == std::vector<float>{8, 6, 6, 4, 2});
  CHECK(s.labels[0].node == s.nodeOf(hub));
  CHECK(s.labels[4].node == s.nodeOf(lone));
  CHECK(s.labels[1].node == s.nodeOf(x));
  CHECK(s.labels[2].node == s.nodeOf(y));
}

TEST_CASE("Scene: the legend lists the types present, planned ties dashed") {
  Fixture f;
  const RowId caw = f.actor("CAW", "caw");
  const RowId prison = f.actor("Gevangenis", "prison", 1, 0);
  const RowId psd = f.actor("PSD", "psd", 2, 0);
  f.actor("CAW 2", "caw", 3, 0);
  f.unplaced("OCJ", "ocj");  // not drawn: not in the legend
  f.tie(psd, caw, "consultation");
  const RowId t2 = f.tie(prison, psd, "referral");
  f.tieRecord(t2).direction = Direction::Directed;
  const RowId t3 = f.tie(prison, caw, "referral");
  f.tieRecord(t3).status = TieStatus::Planned;
  const RowId ended = f.tie(prison, caw, "funding");
  f.tieRecord(ended).status = TieStatus::Ended;  // not drawn: not in the legend

  SceneBuilder builder;
  const Scene& s = builder.build(f.m, f.revision, f.options());
  // Taxonomy order, not the order met.
  CHECK(legendLabels(s, LegendEntry::Kind::Node) ==
        std::vector<std::string>{"Gevangenis", "Psychosociale dienst (PSD)", "Centrum Algemeen Welzijnswerk (CAW)"});
  CHECK(legendLabels(s, LegendEntry::Kind::Edge) ==
        std::vector<std::string>{"Doorverwijzing", "Consultatie", "gericht", "gepland"});
  REQUIRE(s.legend.size() == 7);
  CHECK(s.legend[0].color == rgb("#3763b0"));
  CHECK(s.legend[0].shape == Shape::Square);
  CHECK(s.legend[1].shape == Shape::Diamond);
  CHECK(s.legend[3].color == rgb("#e15759"));
  CHECK_FALSE(s.legend[3].dashed);
  CHECK(s.legend[5].arrow);
  CHECK_FALSE(s.legend[5].dashed);
  CHECK(s.legend[6].dashed);
  CHECK_FALSE(s.legend[6].arrow);

  LanguageGuard english(Language::English);
  const Scene& en = builder.build(f.m, f.revision, f.options());
  CHECK(legendLabels(en, LegendEntry::Kind::Node) ==
        std::vector<std::string>{"Prison", "Psychosocial service (PSD)", "General welfare centre (CAW)"});
  CHECK(legendLabels(en, LegendEntry::Kind::Edge) ==
        std::vector<std::string>{"Referral", "Consultation", "directed", "planned"});
}

TEST_CASE("Scene: nodeOf works for sparse actor ids too") {
  // Ids 1 and 1,000,000: too far apart for a flat table, found by binary search.
  Fixture f;
  const RowId a = f.actor("a", "caw");
  Actor far;
  far.id = 1'000'000;
  far.name = "ver";
  far.typeId = f.m.actorTypeByKey("caw")->id;
  f.m.actors.put(far);
  f.m.positions[f.view][far.id] = {5, 5, false};
  const RowId t = f.tie(a, far.id);
  SceneBuilder builder;
  const Scene& s = builder.build(f.m, f.revision, f.options());
  CHECK(s.nodeOf(a) == 0);
  CHECK(s.nodeOf(far.id) == 1);
  CHECK(s.nodeOf(2) == -1);
  CHECK(s.nodeOf(2'000'000) == -1);
  CHECK(edgeOf(s, t).to == 1);
  builder.movePositions({{far.id, Vec2{6, 6}}});
  CHECK(s.nodes[1].position == Vec2{6, 6});
}

TEST_CASE("Scene: a picked tie is flagged selected, a hovered tie highlighted, without a rebuild") {
  Fixture f;
  const RowId a = f.actor("a", "caw");
  const RowId b = f.actor("b", "caw", 1, 0);
  const RowId c = f.actor("c", "caw", 2, 0);
  const RowId ab = f.tie(a, b), bc = f.tie(b, c);
  SceneBuilder builder;
  SceneOptions o = f.options();
  const auto version = builder.build(f.m, f.revision, o).version;
  o.selectedTie = ab;
  o.hoveredTie = bc;
  const Scene& s = builder.build(f.m, f.revision, o);
  CHECK(s.version == version);
  CHECK(edgeOf(s, ab).flags == SceneEdge::Selected);
  CHECK(edgeOf(s, bc).flags == SceneEdge::Highlighted);
  CHECK(nodeOf(s, a).flags == 0);
  o.selectedTie = o.hoveredTie = 0;
  const Scene& cleared = builder.build(f.m, f.revision, o);
  CHECK(edgeOf(cleared, ab).flags == 0);
  CHECK(edgeOf(cleared, bc).flags == 0);
}

TEST_CASE("EdgePickIndex: the tie under a point, parallel ties told apart by their bend") {
  //   a ══ b (10 apart): ab1 bends to y −1.5 at its middle, ba runs straight, ab2 bends to +1.5;
  //   a long diagonal tie from (−100,−100) to (100,100).
  Fixture f;
  const RowId a = f.actor("a", "caw");
  const RowId b = f.actor("b", "caw", 10, 0);
  const RowId c = f.actor("c", "caw", -100, -100);
  const RowId d = f.actor("d", "caw", 100, 100);
  const RowId ab1 = f.tie(a, b), ba = f.tie(b, a, "referral"), ab2 = f.tie(a, b, "protocol");
  const RowId cd = f.tie(c, d);
  SceneBuilder builder;
  const Scene& s = builder.build(f.m, f.revision, f.options());
  EdgePickIndex index;
  auto tieAt = [&](double x, double y, double slack) -> RowId {
    const auto e = index.edgeAt(s, {x, y}, slack);
    return e < 0 ? 0 : s.edges[static_cast<std::size_t>(e)].tieId;
  };
  CHECK(tieAt(5, -1.5, 0.05) == ab1);
  CHECK(tieAt(5, 0, 0.05) == ba);
  CHECK(tieAt(5, 1.5, 0.05) == ab2);
  CHECK(tieAt(5, 0.8, 0.05) == 0);  // between two curves
  CHECK(tieAt(50, 50, 0.05) == cd);
  CHECK(tieAt(-73.2, -73.2, 0.05) == cd);
  const double half = edgeOf(s, cd).width / 2;
  CHECK(tieAt(50, 50 + 1.5 * (half + 0.3) * std::sqrt(2.0), 0.3) == 0);
  CHECK(tieAt(50, 50 + 0.9 * (half + 0.3) * std::sqrt(2.0), 0.3) == cd);
  CHECK(tieAt(0, 60, 1) == 0);
}

TEST_CASE("EdgePickIndex agrees with a search over every tie") {
  Fixture f;
  std::mt19937 random(7);
  std::uniform_real_distribution<double> coordinate(-50, 50);
  std::vector<RowId> actors;
  for (int i = 0; i < 60; ++i)
    actors.push_back(f.actor("n" + std::to_string(i), "caw", coordinate(random), coordinate(random)));
  std::uniform_int_distribution<std::size_t> pick(0, actors.size() - 1);
  for (int i = 0; i < 150; ++i) {
    const RowId from = actors[pick(random)], to = actors[pick(random)];
    if (from != to) f.tie(from, to);
  }
  SceneBuilder builder;
  const Scene& s = builder.build(f.m, f.revision, f.options());
  EdgePickIndex index;
  auto segmentDistance = [](Vec2 p, Vec2 a, Vec2 b) {
    const double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
    const double t = l2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0.0, 1.0) : 0.0;
    return std::hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
  };
  int hits = 0;
  for (int q = 0; q < 2000; ++q) {
    const Vec2 p{coordinate(random), coordinate(random)};
    const double slack = 0.5;
    std::int64_t expected = -1;
    double best = HUGE_VAL;
    for (std::size_t i = 0; i < s.edges.size(); ++i) {
      const std::vector<Vec2> curve = edgeCurve(s, s.edges[i]);
      double distance = HUGE_VAL;
      for (std::size_t k = 0; k + 1 < curve.size(); ++k)
        distance = std::min(distance, segmentDistance(p, curve[k], curve[k + 1]));
      const double excess = distance - s.edges[i].width / 2;
      if (excess <= slack && excess < best) {
        best = excess;
        expected = static_cast<std::int64_t>(i);
      }
    }
    if (expected >= 0) ++hits;
    INFO("query " << q << " at " << p.x << ", " << p.y);
    CHECK(index.edgeAt(s, p, slack) == expected);
  }
  CHECK(hits > 100);  // the points do land on ties, not only beside them
}

namespace {

RowId putAgreement(Model& m, std::vector<RowId> parties, std::vector<StatusChange> history) {
  Agreement a;
  a.id = m.agreements.nextId();
  a.title = "Afspraak " + std::to_string(a.id);
  a.typeId = m.agreementTypes.records().front().id;
  for (RowId p : parties) a.parties.push_back({p, {}});
  a.history = std::move(history);
  m.agreements.put(a);
  return a.id;
}

Date on(const char* text) { return *Date::parse(text); }

}  // namespace

TEST_CASE("Scene: agreements with their drawn parties, status colour, formal flag, as of a date") {
  //   a ─ b   c   (d has no place in the view)
  Fixture f;
  const RowId a = f.actor("a", "caw"), b = f.actor("b", "caw", 1, 0), c = f.actor("c", "caw", 2, 0);
  const RowId d = f.unplaced("d", "caw");
  f.tie(a, b);
  const RowId formal = putAgreement(f.m, {a, b, d}, {{on("2025-01-10"), AgreementStatus::Idea, ""},
                                                     {on("2025-06-01"), AgreementStatus::Formalised, ""}});
  const RowId idea = putAgreement(f.m, {b, c}, {{on("2025-03-01"), AgreementStatus::Idea, ""}});
  const RowId stopped = putAgreement(f.m, {a, c}, {{on("2025-02-01"), AgreementStatus::Discussion, ""},
                                                   {on("2025-04-01"), AgreementStatus::Stopped, "geen budget"}});
  putAgreement(f.m, {d}, {{on("2025-01-01"), AgreementStatus::Agreed, ""}});  // no drawn party: not drawn

  SceneBuilder builder;
  SceneOptions o = f.options();
  const Scene& s = builder.build(f.m, f.revision, o);
  REQUIRE(s.agreements.size() == 2);  // the stopped one is left out
  CHECK(s.agreements[0].agreementId == formal);
  CHECK(s.agreements[0].nodes == std::vector<std::uint32_t>{0, 1});
  CHECK(s.agreements[0].formal);
  CHECK(s.agreements[0].status == AgreementStatus::Formalised);
  for (const StatusLabel& label : f.m.statusLabels.records())
    if (label.status == AgreementStatus::Formalised) CHECK(s.agreements[0].color == label.color);
  CHECK(s.agreements[1].agreementId == idea);
  CHECK_FALSE(s.agreements[1].formal);
  CHECK(builder.allAgreements().size() == 3);

  o.onlyFormalAgreements = true;
  const Scene& formalOnly = builder.build(f.m, f.revision, o);
  REQUIRE(formalOnly.agreements.size() == 1);
  CHECK(formalOnly.agreements[0].agreementId == formal);

  // On 2025-03-15 the formal one was an idea, the stopped one still under discussion.
  o.onlyFormalAgreements = false;
  o.asOf = on("2025-03-15");
  const Scene& then = builder.build(f.m, f.revision, o);
  REQUIRE(then.agreements.size() == 3);
  CHECK(then.agreements[0].status == AgreementStatus::Idea);
  CHECK(then.agreements[2].agreementId == stopped);
  CHECK(then.agreements[2].status == AgreementStatus::Discussion);
  o.asOf = on("2025-01-05");  // before any of them began
  CHECK(builder.build(f.m, f.revision, o).agreements.empty());
}

TEST_CASE("Scene: a selected agreement highlights its parties and their ties, fades the rest") {
  //   a ─ b ─ c ; agreement {a, b}
  Fixture f;
  const RowId a = f.actor("a", "caw"), b = f.actor("b", "caw", 1, 0), c = f.actor("c", "caw", 2, 0);
  const RowId ab = f.tie(a, b), bc = f.tie(b, c);
  const RowId deal = putAgreement(f.m, {a, b}, {{on("2025-01-10"), AgreementStatus::Agreed, ""}});
  const RowId stopped = putAgreement(f.m, {b, c}, {{on("2025-01-10"), AgreementStatus::Stopped, ""}});
  SceneBuilder builder;
  SceneOptions o = f.options();
  const auto version = builder.build(f.m, f.revision, o).version;
  o.selectedAgreement = deal;
  const Scene& s = builder.build(f.m, f.revision, o);
  CHECK(s.version == version);
  CHECK(nodeOf(s, a).flags == SceneNode::Highlighted);
  CHECK(nodeOf(s, b).flags == SceneNode::Highlighted);
  CHECK(nodeOf(s, c).flags == SceneNode::Faded);
  CHECK(edgeOf(s, ab).flags == SceneEdge::Highlighted);
  CHECK(edgeOf(s, bc).flags == SceneEdge::Faded);
  // A stopped agreement is not among those drawn, yet picking it still shows its parties.
  o.selectedAgreement = stopped;
  const Scene& t = builder.build(f.m, f.revision, o);
  CHECK(nodeOf(t, a).flags == SceneNode::Faded);
  CHECK(nodeOf(t, c).flags == SceneNode::Highlighted);
  o.selectedAgreement = 0;
  CHECK(nodeOf(builder.build(f.m, f.revision, o), c).flags == 0);
}

TEST_CASE("Scene: comparing two dates draws what came (green) and went (red) between them") {
  //   old ─ keep ─ new : `old` ends 2025-06-30, `new` begins 2025-09-01; keep ─ far begins 2025-10-01
  Fixture f;
  const RowId keep = f.actor("keep", "caw"), old = f.actor("old", "caw", -1, 0), young = f.actor("new", "caw", 1, 0);
  const RowId far = f.actor("far", "caw", 0, 3);
  f.m.actors.find(old)->validTo = on("2025-06-30");
  f.m.actors.find(young)->validFrom = on("2025-09-01");
  const RowId toOld = f.tie(keep, old), toNew = f.tie(keep, young), toFar = f.tie(keep, far);
  f.tieRecord(toFar).validFrom = on("2025-10-01");
  SceneBuilder builder;
  SceneOptions o = f.options();
  o.asOf = on("2025-12-01");
  const Scene& plain = builder.build(f.m, f.revision, o);
  CHECK(plain.nodes.size() == 3);  // `old` is gone by then
  CHECK(nodeOf(plain, keep).fill == f.m.actorTypeByKey("caw")->color);
  o.compareWith = on("2025-05-01");
  const Scene& s = builder.build(f.m, f.revision, o);
  REQUIRE(s.nodes.size() == 4);
  CHECK(nodeOf(s, keep).flags == 0);
  CHECK(nodeOf(s, old).flags == SceneNode::Lost);
  CHECK(nodeOf(s, young).flags == SceneNode::Added);
  CHECK(nodeOf(s, old).fill == Color{0xd6, 0x27, 0x28});
  CHECK(nodeOf(s, young).fill == Color{0x2c, 0xa0, 0x2c});
  CHECK(nodeOf(s, keep).fill == Color{0xc4, 0xc4, 0xc4});  // unchanged: grey, so that the change stands out
  CHECK(edgeOf(s, toOld).flags == SceneEdge::Lost);
  CHECK(edgeOf(s, toNew).flags == SceneEdge::Added);
  CHECK(edgeOf(s, toFar).flags == SceneEdge::Added);  // its own date, both ends unchanged
  CHECK(edgeOf(s, toFar).color == Color{0x2c, 0xa0, 0x2c});
  // The legend says what the colours mean, not the types they replace.
  CHECK(legendLabels(s, LegendEntry::Kind::Node) ==
        std::vector<std::string>{"ongewijzigd tussen 2025-05-01 en 2025-12-01", "nieuw tussen 2025-05-01 en 2025-12-01",
                                 "verdwenen tussen 2025-05-01 en 2025-12-01"});
  CHECK(legendLabels(s, LegendEntry::Kind::Edge).empty());
  const auto labels = legendLabels(s, LegendEntry::Kind::Node);
  CHECK(std::find(labels.begin(), labels.end(), "nieuw tussen 2025-05-01 en 2025-12-01") != labels.end());
  CHECK(std::find(labels.begin(), labels.end(), "verdwenen tussen 2025-05-01 en 2025-12-01") != labels.end());
  // The other way round reads the same: the earlier day is always the base.
  o.asOf = on("2025-05-01");
  o.compareWith = on("2025-12-01");
  const Scene& swapped = builder.build(f.m, f.revision, o);
  CHECK(nodeOf(swapped, old).flags == SceneNode::Lost);
  CHECK(nodeOf(swapped, young).flags == SceneNode::Added);
  // Selection keeps the comparison's marks.
  o.selection = {old};
  CHECK(nodeOf(builder.build(f.m, f.revision, o), old).flags == (SceneNode::Lost | SceneNode::Selected));
}
