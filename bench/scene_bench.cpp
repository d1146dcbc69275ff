// Scene benchmark: the CPU time per frame of building the canvas's scene and packing the
// renderer's instance buffers, on a generated map of 100k actors and 500k ties (defaults).
//
//   scene_bench [--actors N] [--ties M] [--frames F] [--seed S] [--gl]
//
// Cases, each the median over F frames (default 25):
//   unchanged   build() returns the cached scene and the versions match: the upload is skipped
//   moved       every actor moved (SceneBuilder::movePositions), then build() + packInstances()
//   selection   another actor selected: flags refreshed, then packInstances()
//   rebuild     the document revision changed: a full rebuild + packInstances() (for information)
// --gl (only in a build with the GUI, and with a display: scripts/with-display.sh) also times
// GraphRenderer's upload and draw + glFinish in a hidden 1280×800 window, e.g. under Mesa llvmpipe.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "bench_clock.hpp"
#include "generated_map.hpp"
#include "io/data_sources.hpp"
#include "render/instances.hpp"
#include "scene/scene.hpp"

#if NESTMAP_BENCH_GL
#include <GLFW/glfw3.h>
#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>

#include "render/graph_renderer.hpp"
#endif

using namespace nestmap;
using bench::Clock;
using bench::msSince;

namespace {

constexpr RowId kView = 1;

struct Args {
  std::size_t actors = 100'000, ties = 500'000;
  int frames = 25;
  std::uint32_t seed = 7;
  bool gl = false;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// One case's medians: the scene part, the packing part and the whole frame.
struct Timing {
  double scene = 0, pack = 0, total = 0;
};

/// Runs `frame` `frames` times (after one warm-up); `frame` adds its scene and pack times.
Timing measure(int frames, const std::function<void(double& scene, double& pack)>& frame) {
  double scene = 0, pack = 0;
  frame(scene, pack);
  std::vector<double> scenes, packs, totals;
  for (int i = 0; i < frames; ++i) {
    scene = pack = 0;
    frame(scene, pack);
    scenes.push_back(scene);
    packs.push_back(pack);
    totals.push_back(scene + pack);
  }
  return {median(scenes), median(packs), median(totals)};
}

void row(const char* name, const Timing& t, double target) {
  if (target > 0)
    std::printf("| %-10s | %9.4f | %8.4f | %9.4f | %6.0f ms | %5.3f |\n", name, t.scene, t.pack, t.total, target,
                t.total / target);
  else
    std::printf("| %-10s | %9.4f | %8.4f | %9.4f | %9s | %5s |\n", name, t.scene, t.pack, t.total, "–", "–");
}

#if NESTMAP_BENCH_GL
/// GraphRenderer in a hidden window: upload after a move, and draw + glFinish with nothing changed.
int glBench(SceneBuilder& builder, const Model& model, const SceneOptions& options, const std::vector<RowId>& ids,
            std::vector<Vec2>& moved, int frames) {
  if (!glfwInit()) {
    std::fprintf(stderr, "--gl: no display (run under scripts/with-display.sh)\n");
    return 1;
  }
  constexpr int kWidth = 1280, kHeight = 800;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(kWidth, kHeight, "scene_bench", nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, "--gl: no OpenGL 3.3 core context\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  int status = 0;
  {
    GraphRenderer renderer;
    std::string error;
    if (!renderer.init(error)) {
      std::fprintf(stderr, "--gl: %s\n", error.c_str());
      status = 1;
    } else {
      const Scene& scene = builder.build(model, 1, options);
      Camera camera;
      camera.fit(scene.min, scene.max, Vec2{kWidth, kHeight});
      auto drawFrame = [&] {
        glClearColor(1, 1, 1, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        renderer.draw(scene, camera, 0, 0, kWidth, kHeight);
        glFinish();
      };
      // Uploads: every position moved, then pack + glBufferData (+ glFinish so the copy is counted).
      std::vector<double> uploads, draws;
      for (int i = 0; i <= std::min(frames, 10); ++i) {
        for (Vec2& p : moved) p.x += 0.5;
        builder.movePositions(ids, moved);
        const auto start = Clock::now();
        renderer.upload(builder.build(model, 1, options));
        glFinish();
        if (i) uploads.push_back(msSince(start));
      }
      const int drawFrames = std::min(frames, 5);  // llvmpipe: hundreds of ms each
      for (int i = 0; i <= drawFrames; ++i) {
        const auto start = Clock::now();
        drawFrame();
        if (i) draws.push_back(msSince(start));
      }
      const char* renderer_ = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
      std::printf("\nOpenGL: %s, %d×%d, %zu actors, %zu ties\n", renderer_ ? renderer_ : "?", kWidth, kHeight,
                  scene.nodes.size(), scene.edges.size());
      std::printf("| %-32s | %9s |\n", "GL (median)", "ms");
      std::printf("|%s|%s|\n", std::string(34, '-').c_str(), std::string(11, '-').c_str());
      std::printf("| %-32s | %9.3f |\n", "upload after a move (+glFinish)", median(uploads));
      std::printf("| %-32s | %9.3f |\n", "draw + glFinish, nothing changed", median(draws));
    }
  }
  glfwDestroyWindow(window);
  glfwTerminate();
  return status;
}
#endif

}  // namespace

int main(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--actors")
      args.actors = std::strtoull(value(), nullptr, 10);
    else if (a == "--ties")
      args.ties = std::strtoull(value(), nullptr, 10);
    else if (a == "--frames")
      args.frames = std::max(1, std::atoi(value()));
    else if (a == "--seed")
      args.seed = static_cast<std::uint32_t>(std::strtoul(value(), nullptr, 10));
    else if (a == "--gl")
      args.gl = true;
    else {
      std::fprintf(stderr, "usage: scene_bench [--actors N] [--ties M] [--frames F] [--seed S] [--gl]\n");
      return 2;
    }
  }
  if (args.actors < 2) args.actors = 2;

  auto start = Clock::now();
  const Model model = bench::generatedMap(args.actors, args.ties, args.seed, kView);
  std::printf("map: %zu actors, %zu ties, generated in %.0f ms\n", model.actors.size(), model.ties.size(),
              msSince(start));

  SceneOptions options;
  options.viewId = kView;
  std::uint64_t revision = 1;
  SceneBuilder builder;
  start = Clock::now();
  const Scene* scene = &builder.build(model, revision, options);
  std::printf("first build: %.0f ms, %zu nodes, %zu edges\n", msSince(start), scene->nodes.size(), scene->edges.size());

  // What GraphRenderer::upload keeps between frames.
  std::vector<NodeInstance> nodes;
  std::vector<EdgeInstance> edges;
  std::size_t arrowFirst = 0;
  std::uint64_t version = 0, positionsVersion = 0, stateVersion = 0;
  std::size_t packed = 0;
  auto upload = [&](const Scene& s, double& pack) {
    const auto t = Clock::now();
    if (s.version != version || s.positionsVersion != positionsVersion || s.stateVersion != stateVersion) {
      version = s.version;
      positionsVersion = s.positionsVersion;
      stateVersion = s.stateVersion;
      packInstances(s, nodes, edges, arrowFirst);
      ++packed;
    }
    pack += msSince(t);
  };
  double ignored = 0;
  upload(*scene, ignored);

  std::vector<RowId> ids;
  std::vector<Vec2> moved;
  for (const SceneNode& n : scene->nodes) {
    ids.push_back(n.actorId);
    moved.push_back(n.position);
  }

  const std::size_t packedBefore = packed;
  const Timing unchanged = measure(args.frames, [&](double& sceneMs, double& pack) {
    const auto t = Clock::now();
    scene = &builder.build(model, revision, options);
    sceneMs += msSince(t);
    upload(*scene, pack);
  });
  if (packed != packedBefore) std::fprintf(stderr, "warning: the unchanged case packed the buffers\n");

  const Timing movedTiming = measure(args.frames, [&](double& sceneMs, double& pack) {
    for (Vec2& p : moved) p.x += 0.5;
    const auto t = Clock::now();
    builder.movePositions(ids, moved);
    scene = &builder.build(model, revision, options);
    sceneMs += msSince(t);
    upload(*scene, pack);
  });

  std::size_t pick = 0;
  const Timing selection = measure(args.frames, [&](double& sceneMs, double& pack) {
    options.selection = {ids[pick++ % ids.size()]};
    const auto t = Clock::now();
    scene = &builder.build(model, revision, options);
    sceneMs += msSince(t);
    upload(*scene, pack);
  });

  const Timing rebuild = measure(std::max(5, args.frames / 2), [&](double& sceneMs, double& pack) {
    ++revision;
    const auto t = Clock::now();
    scene = &builder.build(model, revision, options);
    sceneMs += msSince(t);
    upload(*scene, pack);
  });

  std::printf("\nCPU per frame, median of %d frames (rebuild: %d), ms; %zu node + %zu edge instances (%.1f MB)\n",
              args.frames, std::max(5, args.frames / 2), nodes.size(), edges.size(),
              static_cast<double>(nodes.size() * sizeof(NodeInstance) + edges.size() * sizeof(EdgeInstance)) / 1e6);
  std::printf("| %-10s | %9s | %8s | %9s | %9s | %5s |\n", "case", "scene", "buffers", "total", "target", "ratio");
  std::printf("|------------|-----------|----------|-----------|-----------|-------|\n");
  row("unchanged", unchanged, 4);
  row("moved", movedTiming, 30);
  row("selection", selection, 0);
  row("rebuild", rebuild, 0);

  if (args.gl) {
#if NESTMAP_BENCH_GL
    options.selection.clear();
    return glBench(builder, model, options, ids, moved, args.frames);
#else
    std::fprintf(stderr, "--gl: this build has no GUI (NESTMAP_GUI=OFF)\n");
    return 1;
#endif
  }
  return 0;
}
