#pragma once
// For tests that read pictures the app wrote: a decoded PNG and colour distances.
#include <stb_image.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "support/shell.hpp"

namespace nestmap::test {

struct Rgb {
  int r = 0, g = 0, b = 0;
};

inline std::string str(Rgb c) {
  return "(" + std::to_string(c.r) + ", " + std::to_string(c.g) + ", " + std::to_string(c.b) + ")";
}

/// The largest difference over the three channels.
inline int distance(Rgb a, Rgb b) { return std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)}); }

/// Grey, white or near black: the canvas's background in either theme, not a type or the outline.
inline bool neutral(Rgb c) { return std::max({c.r, c.g, c.b}) - std::min({c.r, c.g, c.b}) <= 10; }

// The selection outline as the node shader draws it (u_selectColor 0.06, 0.38, 0.85 in 8 bits).
constexpr Rgb kSelection{15, 97, 217};
// GL fills come out exact up to the driver's rounding.
constexpr int kTolerance = 3;

/// A decoded PNG, RGB, rows top-down.
class Image {
 public:
  explicit Image(const std::filesystem::path& png) {
    int channels = 0;
    m_pixels.reset(stbi_load(png.c_str(), &m_width, &m_height, &channels, 3));
    REQUIRE(m_pixels);
  }
  int width() const { return m_width; }
  int height() const { return m_height; }
  /// The pixel that covers the point (x, y) (pixel units, y down from the top).
  Rgb at(double x, double y) const {
    const int i = static_cast<int>(std::floor(x)), j = static_cast<int>(std::floor(y));
    REQUIRE((i >= 0 && j >= 0 && i < m_width && j < m_height));
    return pixel(i, j);
  }
  /// How many pixels in [x0, x1) × [y0, y1) lie within `tolerance` of `color`.
  int count(Rgb color, int tolerance, int x0, int y0, int x1, int y1) const {
    return countIf([&](Rgb c) { return distance(c, color) <= tolerance; }, x0, y0, x1, y1);
  }
  /// How many pixels in [x0, x1) × [y0, y1) satisfy `test`.
  template <class Test>
  int countIf(Test&& test, int x0, int y0, int x1, int y1) const {
    int n = 0;
    for (int y = std::max(y0, 0); y < std::min(y1, m_height); ++y)
      for (int x = std::max(x0, 0); x < std::min(x1, m_width); ++x)
        if (test(pixel(x, y))) ++n;
    return n;
  }

 private:
  Rgb pixel(int i, int j) const {
    const unsigned char* p = m_pixels.get() + (static_cast<std::size_t>(j) * m_width + i) * 3;
    return {p[0], p[1], p[2]};
  }

  struct Free {
    void operator()(unsigned char* p) const { stbi_image_free(p); }
  };
  std::unique_ptr<unsigned char, Free> m_pixels;
  int m_width = 0, m_height = 0;
};

}  // namespace nestmap::test
