#pragma once
// [SECTION] What every layout works on: points, the actors' sizes and pins

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace nestmap {

/// A point or a vector in layout coordinates (unitless; the canvas scales them).
struct Vec2 {
  double x = 0, y = 0;
  friend Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
  friend Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
  friend Vec2 operator*(Vec2 a, double s) { return {a.x * s, a.y * s}; }
  Vec2& operator+=(Vec2 b) {
    x += b.x;
    y += b.y;
    return *this;
  }
  double length() const { return std::sqrt(x * x + y * y); }
  friend bool operator==(const Vec2&, const Vec2&) = default;
};

/// The vertices of a layout (indexed like the GraphSnapshot's vertices): where
/// each is, how large it is drawn (radius, for overlap), and whether the user
/// pinned it where it is.
struct LayoutNodes {
  std::vector<Vec2> position;
  std::vector<double> radius;  ///< empty: every node has radius kDefaultRadius
  std::vector<char> pinned;    ///< empty: none pinned

  static constexpr double kDefaultRadius = 1.0;
  std::size_t size() const { return position.size(); }
  double radiusOf(std::size_t v) const { return radius.empty() ? kDefaultRadius : radius[v]; }
  bool isPinned(std::size_t v) const { return !pinned.empty() && pinned[v]; }
  /// Throws std::invalid_argument (naming `layout`) unless radius and pinned are empty or one per
  /// vertex of `n`, and positions are there for the pinned ones to keep.
  void requireFits(std::size_t n, const char* layout) const {
    if ((!radius.empty() && radius.size() != n) || (!pinned.empty() && pinned.size() != n) ||
        (!pinned.empty() && position.size() != n))
      throw std::invalid_argument(std::string(layout) +
                                  ": nodes must be empty or one per vertex (positions too when pinned)");
  }
};

}  // namespace nestmap
