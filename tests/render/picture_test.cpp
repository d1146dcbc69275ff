// The display list and its cairo renderer, with no display: every demo view composes into a
// bounded list at any size and zoom, draws at 8000×6000, and the PNG, SVG and PDF of one view
// show the same picture (actors in their type's colour where the list put them).
#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <string>
#include <thread>
#include <vector>

#include <cairo.h>

#include "io/data_sources.hpp"
#include "layout/view_layout.hpp"
#include "render/cairo_renderer.hpp"
#include "render/output_job.hpp"
#include "scene/view_picture.hpp"
#include "support/language_guard.hpp"
#include "support/png_image.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
namespace fs = std::filesystem;

namespace {

/// Lays `request` out into a new view `name` of `m`.
RowId addView(Model& m, const std::string& name, const ViewLayoutRequest& request) {
  View view;
  view.id = m.views.nextId();
  view.name = name;
  view.layout = request.algo;
  m.views.put(view);
  const ViewLayout layout = layoutView(m, view.id, request);
  for (const auto& [actor, at] : layout.placement)
    if (at) m.positions[view.id][actor] = *at;
  return view.id;
}

/// The demo map with every kind of view: the overview, each prison's nest, sectors, geo and grid.
const Model& demoWithViews() {
  static const Model model = [] {
    Model m = demoModel(embeddedData());
    m.views = {};
    m.positions.clear();
    ViewLayoutRequest fa2;
    fa2.iterations = 300;
    addView(m, "Overzicht", fa2);
    const ActorType* prison = m.actorTypeByKey("prison");
    std::vector<std::pair<RowId, std::string>> prisons;
    for (const auto& [id, a] : m.actors)
      if (prison && a.typeId == prison->id) prisons.emplace_back(id, a.name);
    for (const auto& [id, name] : prisons) {
      ViewLayoutRequest nest;
      nest.algo = "nest";
      nest.prisonId = id;
      addView(m, "Nest " + name, nest);
    }
    for (const char* algo : {"sectors", "geo", "grid"}) {
      ViewLayoutRequest r;
      r.algo = algo;
      addView(m, algo, r);
    }
    return m;
  }();
  return model;
}

/// The overview of `m` at `width` × `height`.
PictureRequest overview(const Model& m, double width, double height) {
  PictureRequest request;
  request.viewId = m.views.records().front().id;
  request.width = width;
  request.height = height;
  return request;
}

long maxRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/// Every point of the list within `margin` pixels of the picture: nothing reaches far outside.
bool allNear(const DisplayList& list, double margin) {
  const PixelRect r = PixelRect{{0, 0}, list.size}.grown(margin);
  for (const Vec2& p : list.points)
    if (!r.contains(p)) return false;
  for (const DisplayItem& item : list.items)
    if (item.kind != DisplayItem::Kind::Path && item.kind != DisplayItem::Kind::Text && !r.grown(item.radius * 2).contains(item.a))
      return false;
  return true;
}

}  // namespace

TEST_CASE("clipping: huge circles and dashed lines stay within their visible length", "[render][display]") {
  DisplayList list;
  list.size = {400, 300};
  const ApproximateMeasure measure;
  DisplayListBuilder out(list, measure);
  // A ring a billion pixels across whose edge crosses the picture: only the visible arc, bounded.
  out.circle({200, 1e9 + 150}, 1e9, {}, rgba(0, 0, 0), 1, {5, 3});
  // ~406 visible pixels: a dash per 8 and a cut wherever the arc's 3-pixel chords meet inside a dash.
  CHECK(list.items.size() < 406 / 8 + 406 / 3 + 10);
  CHECK(allNear(list, 4));
  // A dashed line from far away to far away: dashes only where it is visible.
  list.items.clear();
  list.points.clear();
  out.line({-1e12, 150}, {1e12, 150}, rgba(0, 0, 0), 2, {6, 4});
  CHECK(list.items.size() <= 404 / 10 + 2);
  CHECK(allNear(list, 4));
  // Not finite: nothing at all.
  list.items.clear();
  out.line({NAN, 0}, {1, 1}, rgba(0, 0, 0), 1);
  out.circle({INFINITY, 0}, 5, rgba(0, 0, 0), {}, 1);
  out.marker({0, NAN}, 5, Shape::Square, rgba(0, 0, 0));
  CHECK(list.items.empty());
  // A ring around the whole picture, unfilled: nothing of it is visible.
  out.circle({200, 150}, 1e6, {}, rgba(0, 0, 0), 1);
  CHECK(list.items.empty());
  // Inside a clip rectangle only what falls in it.
  out.pushClip({{100, 100}, {200, 200}});
  out.line({0, 150}, {400, 150}, rgba(0, 0, 0), 1);
  REQUIRE(list.items.size() == 1);
  CHECK(list.points[list.items[0].first].x >= 100 - 4);
  CHECK(list.points[list.items[0].first + 1].x <= 200 + 4);
  out.popClip();
}

TEST_CASE("every demo view composes bounded at 400×300, 1920×1080 and 8000×6000 and draws at 8000×6000",
          "[render][display]") {
  test::LanguageGuard dutch(Language::Dutch);
  const Model& m = demoWithViews();
  REQUIRE(m.views.size() == 1 + 19 + 3);
  const PangoMeasure measure;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 8000, 6000);
  REQUIRE(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS);
  cairo_t* cr = cairo_create(surface);
  const long rssBefore = maxRssKb();
  double slowest = 0;
  for (const auto& [id, view] : m.views) {
    for (const auto& [w, h] : {std::pair{400, 300}, std::pair{1920, 1080}, std::pair{8000, 6000}}) {
      INFO(view.name << " at " << w << "×" << h);
      PictureRequest request;
      request.viewId = id;
      request.width = w;
      request.height = h;
      const auto start = std::chrono::steady_clock::now();
      const DisplayList list = pictureOfView(m, request, measure);
      REQUIRE(list.graph.scene != nullptr);
      CHECK(list.graph.scene->nodes.size() >= 2);
      // Bounded by the map, not by the size or the zoom: a few items per actor and tie.
      const std::size_t budget = 40 * (list.graph.scene->nodes.size() + list.graph.scene->edges.size()) + 2000;
      CHECK(list.items.size() < budget);
      CHECK(list.points.size() < 4 * budget);
      CHECK(allNear(list, 64));
      if (w == 8000) {
        CHECK(drawDisplayList(cr, list));
        CHECK(cairo_status(cr) == CAIRO_STATUS_SUCCESS);
      }
      slowest = std::max(slowest, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
  }
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  // Not a benchmark: a bound that only a loop without end (the old dashed-outline hang) would break.
  CHECK(slowest < 60);
  const long grownMb = (maxRssKb() - rssBefore) / 1024;
  INFO("peak memory grew " << grownMb << " MB (the 8000×6000 surface alone is 183 MB)");
  CHECK(grownMb < 1024);
}

TEST_CASE("a nest view at any zoom and centre composes a bounded list", "[render][display]") {
  test::LanguageGuard dutch(Language::Dutch);
  const Model& m = demoWithViews();
  RowId nestView = 0;
  for (const auto& [id, view] : m.views)
    if (view.layout == "nest" && !nestView) nestView = id;
  REQUIRE(nestView);
  SceneOptions options;
  options.viewId = nestView;
  SceneBuilder builder;
  const Scene& scene = builder.build(m, 1, options);
  NestOverlay nest;
  nest.update(m, 1, nestView, std::nullopt);
  REQUIRE(nest.active());
  ViewDecoration d;
  d.nest = &nest;
  d.agreements = AgreementOverlay::Hulls;
  const ApproximateMeasure measure;
  for (double zoom : {1e-4, 1e-2, 1.0, 1e2, 1e4, 1e5})
    for (Vec2 centre : {Vec2{0, 0}, scene.nodes.front().position, Vec2{nest.outerRing(), 0}, Vec2{1e6, -1e6}}) {
      INFO("zoom " << zoom << " centre " << centre.x << ", " << centre.y);
      DisplayList list;
      list.size = {1920, 1080};
      DisplayListBuilder out(list, measure);
      Camera camera;
      camera.zoom = zoom;
      camera.center = centre;
      composeView(out, scene, camera, {{0, 0}, list.size}, d);
      CHECK(list.items.size() < 20000);
      CHECK(list.points.size() < 100000);
      CHECK(allNear(list, 64));
      // Drawn by cairo too, with the graph far outside or enormous.
      const std::optional<std::string> png = renderPicture(list, PictureFormat::Png);
      CHECK(png.has_value());
    }
}

TEST_CASE("PNG, SVG and PDF of one view: the same picture, actors in their colour where the list put them",
          "[render][formats]") {
  test::LanguageGuard dutch(Language::Dutch);
  const Model& m = demoWithViews();
  test::TempDir dir;
  const PangoMeasure measure;
  const DisplayList list = pictureOfView(m, overview(m, 1200, 800), measure);
  const fs::path png = dir / "view.png", svg = dir / "view.svg", pdf = dir / "view.pdf", back = dir / "svg.png";
  for (const auto& [path, format] :
       {std::pair{png, PictureFormat::Png}, std::pair{svg, PictureFormat::Svg}, std::pair{pdf, PictureFormat::Pdf}}) {
    const auto bytes = renderPicture(list, format);
    REQUIRE(bytes.has_value());
    std::ofstream(path, std::ios::binary) << *bytes;
  }

  // PNG: each actor whose middle no label or other actor covers shows its fill there.
  const test::Image image(png);
  REQUIRE(image.width() == 1200);
  REQUIRE(image.height() == 800);
  const Scene& scene = *list.graph.scene;
  const GraphLayer& g = list.graph;
  auto screen = [&](const SceneNode& n) {
    return g.viewport.min + g.camera.toScreen(n.position, {g.viewport.width(), g.viewport.height()});
  };
  auto covered = [&](std::size_t index, Vec2 at) {
    for (const DisplayItem& item : list.items)  // name boxes, badges, the legend
      if ((item.kind == DisplayItem::Kind::Rect && PixelRect{item.a, item.b}.grown(1).contains(at)) ||
          (item.kind == DisplayItem::Kind::Marker && (item.a - at).length() <= item.radius + 1))
        return true;
    for (std::size_t j = index + 1; j < scene.nodes.size(); ++j)  // an actor drawn over it
      if ((screen(scene.nodes[j]) - at).length() < 12) return true;
    return false;
  };
  int checked = 0, matching = 0;
  for (std::size_t i = 0; i < scene.nodes.size(); ++i) {
    const SceneNode& n = scene.nodes[i];
    const Vec2 at = screen(n);
    if (!g.viewport.grown(-20).contains(at) || covered(i, at)) continue;
    ++checked;
    matching += test::distance(image.at(at.x, at.y), {n.fill.r, n.fill.g, n.fill.b}) <= 40;
  }
  INFO(matching << " of " << checked << " actors show their colour");
  REQUIRE(checked > 50);
  CHECK(matching == checked);

  // SVG: XML, with the map's text in it, and rasterised by rsvg-convert it looks like the PNG.
  pugi::xml_document doc;
  REQUIRE(doc.load_file(svg.c_str()));
  CHECK(std::string(doc.document_element().name()) == "svg");
  std::string output;
  if (test::shell("rsvg-convert --version", output) != 0) {
    WARN("rsvg-convert is missing (librsvg2-bin): the SVG is not rasterised");
  } else {
    REQUIRE(test::shell("rsvg-convert -w 1200 -h 800 -b white -o " + test::quoted(back) + " " + test::quoted(svg),
                        output) == 0);
    const test::Image raster(back);
    long long difference = 0;
    for (int y = 0; y < 800; y += 2)
      for (int x = 0; x < 1200; x += 2) {
        const test::Rgb a = image.at(x, y), b = raster.at(x, y);
        difference += std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b);
      }
    const double mean = static_cast<double>(difference) / (600.0 * 400.0 * 3);
    INFO("mean difference per channel " << mean);
    CHECK(mean < 6);
  }

  // PDF: one page of the picture's size, titled with the view's name.
  output.clear();
  if (test::shell("pdfinfo " + test::quoted(pdf), output) != 0) {
    WARN("pdfinfo is missing (poppler-utils): " << output);
  } else {
    auto field = [&](const std::string& name) {
      const std::size_t at = output.find(name + ":");
      if (at == std::string::npos) return std::string();
      const std::size_t from = output.find_first_not_of(' ', at + name.size() + 1);
      return output.substr(from, output.find('\n', from) - from);
    };
    CHECK(field("Pages") == "1");
    CHECK(field("Title") == "Overzicht");
    CHECK(field("Page size") == "1200 x 800 pts");
    output.clear();
    REQUIRE(test::shell("pdftotext " + test::quoted(pdf) + " -", output) == 0);
    CHECK(output.find("Overzicht") != std::string::npos);
    CHECK(output.find("Legende") != std::string::npos);
  }
}

TEST_CASE("a picture job draws and writes in the background, and a cancelled one writes nothing", "[render][job]") {
  test::LanguageGuard dutch(Language::Dutch);
  const Model& m = demoWithViews();
  test::TempDir dir;
  const PangoMeasure measure;
  PictureRequest request = overview(m, 800, 600);
  {
    OutputJob job(pictureOfView(m, request, measure), PictureFormat::Pdf, dir / "a.pdf", {});
    while (job.state() == OutputJob::State::Running) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CHECK(job.state() == OutputJob::State::Written);
    CHECK(job.progress() == 1.0);
    CHECK(fs::file_size(dir / "a.pdf") > 1000);
  }
  {
    // Refused target: the job fails with the reason, and the file stays as it was.
    OutputJob job(pictureOfView(m, request, measure), PictureFormat::Png, dir / "a.pdf", {});
    while (job.state() == OutputJob::State::Running) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CHECK(job.state() == OutputJob::State::Failed);
    CHECK(job.error().find("--force") != std::string::npos);
  }
  {
    request.width = request.height = 8000;
    OutputJob job(pictureOfView(m, request, measure), PictureFormat::Png, dir / "big.png", {});
    job.cancel();
    while (job.state() == OutputJob::State::Running) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    // Cancelled before it could draw 64 million pixels and encode them: nothing is written.
    CHECK(job.state() == OutputJob::State::Cancelled);
    CHECK_FALSE(fs::exists(dir / "big.png"));
  }
  CHECK(test::entries(dir.path()).size() <= 2);  // no temporary files left
}
