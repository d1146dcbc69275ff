// Picture benchmark: a view of a generated map of 100k actors and 500k ties (defaults) composed
// as a display list (scene + fit + overlays + legend) and drawn by cairo into a PNG and a PDF,
// as `nestmap render` does, without the map file (the store has its own benchmark).
//
//   picture_bench [--actors N] [--ties M] [--size S] [--runs R] [--seed X]
//
// Prints, per step, the median over R runs (default 3) in milliseconds.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <cairo.h>

#include "bench_clock.hpp"
#include "generated_map.hpp"
#include "render/cairo_renderer.hpp"
#include "scene/view_picture.hpp"

using namespace nestmap;
using bench::Clock;
using bench::msSince;

namespace {

constexpr RowId kView = 1;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t actors = 100'000, ties = 500'000;
  int size = 4000, runs = 3;
  std::uint32_t seed = 7;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const long value = std::strtol(argv[i + 1], nullptr, 10);
    if (flag == "--actors") actors = static_cast<std::size_t>(value);
    else if (flag == "--ties") ties = static_cast<std::size_t>(value);
    else if (flag == "--size") size = static_cast<int>(value);
    else if (flag == "--runs") runs = static_cast<int>(value);
    else if (flag == "--seed") seed = static_cast<std::uint32_t>(value);
    else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      return 2;
    }
  }
  Model model = bench::generatedMap(actors, ties, seed, kView);
  View view;
  view.id = kView;
  view.name = "Overzicht";
  view.layout = "fa2";
  model.views.put(view);
  std::printf("%zu actors, %zu ties, %d×%d, median of %d runs (ms)\n\n", actors, ties, size, size, runs);
  std::printf("| step | ms | size |\n|---|---:|---:|\n");
  const PangoMeasure measure;
  std::vector<double> compose, draw, png, pdf, svg;
  std::size_t pngBytes = 0, pdfBytes = 0, svgBytes = 0;
  for (int r = 0; r < runs; ++r) {
    auto start = Clock::now();
    PictureRequest request;
    request.viewId = kView;
    request.width = request.height = size;
    const DisplayList list = pictureOfView(model, request, measure);
    compose.push_back(msSince(start));
    start = Clock::now();
    {
      cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
      cairo_t* cr = cairo_create(surface);
      drawDisplayList(cr, list);
      cairo_destroy(cr);
      cairo_surface_destroy(surface);
    }
    draw.push_back(msSince(start));
    start = Clock::now();
    pngBytes = renderPicture(list, PictureFormat::Png)->size();
    png.push_back(msSince(start));
    start = Clock::now();
    pdfBytes = renderPicture(list, PictureFormat::Pdf)->size();
    pdf.push_back(msSince(start));
    start = Clock::now();
    svgBytes = renderPicture(list, PictureFormat::Svg)->size();
    svg.push_back(msSince(start));
  }
  std::printf("| compose (scene, fit, labels, legend) | %.0f | |\n", median(compose));
  std::printf("| draw into a %d×%d image (no file) | %.0f | |\n", size, size, median(draw));
  std::printf("| draw + encode PNG | %.0f | %.1f MB |\n", median(png), pngBytes / 1e6);
  std::printf("| draw + write PDF | %.0f | %.1f MB |\n", median(pdf), pdfBytes / 1e6);
  std::printf("| draw + write SVG | %.0f | %.1f MB |\n", median(svg), svgBytes / 1e6);
  std::printf("\nrender to PNG in all: %.0f ms; to PDF: %.0f ms\n", median(compose) + median(png),
              median(compose) + median(pdf));
  return 0;
}
