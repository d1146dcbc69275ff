#pragma once
// [SECTION] NestOverlay: what the canvas draws over a nest view — rings, wedges with
// their category and its coverage, a dashed ghost slot per missing category, and
// marks on the fragile and stale points

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/nest_coverage.hpp"
#include "core/model.hpp"
#include "layout/nest_layout.hpp"
#include "scene/camera.hpp"
#include "scene/display_list.hpp"

namespace nestmap {

/// The prison a nest view is about: the prison placed in view `viewId` nearest to
/// its centre, when the view was made by the nest layout (View::layout "nest"); 0 otherwise.
RowId nestPrisonOf(const Model& model, RowId viewId);

/// The map's prisons (actors of type "prison"), sorted by name as the search folds it.
std::vector<const Actor*> prisonsByName(const Model& model);

class NestOverlay {
 public:
  /// One category's wedge as drawn, for the caller and tests.
  struct Slot {
    RowId categoryId = 0;
    std::string label;  ///< the category's short name
    CoverageStatus status = CoverageStatus::Missing;
    bool fragile = false, stale = false;
    bool ghost = false;
    Vec2 ghostPosition;  ///< layout units, where the view's positions are
    Color color;         ///< the category's colour: its first actor type's
    Shape shape = Shape::Circle;
    double midAngle = 0;  ///< radians, counter-clockwise from +x
  };

  /// Recomputes coverage and wedges when the map, the view or the day changed.
  void update(const Model& model, std::uint64_t revision, RowId viewId, std::optional<Date> asOf);
  /// Whether the view is a nest view (then draw() draws).
  bool active() const { return m_prisonId != 0; }
  RowId prisonId() const { return m_prisonId; }
  const std::vector<Slot>& slots() const { return m_slots; }
  /// The outermost ring's radius in layout units (0 when there are none).
  double outerRing() const { return m_rings.empty() ? 0 : m_rings.back(); }
  /// The widest and tallest category label at `fontSize`: the room a fit leaves around the rings.
  Vec2 labelRoom(const TextMeasure& measure, float fontSize) const;
  /// The ghost slots' radius in layout units.
  double ghostRadius() const { return m_ghostRadius; }

  /// Adds to `out` what a nest view shows over its actors, inside `canvas` (pixels of the picture):
  /// faint rings and wedge borders, each wedge's category name outside the rings coloured by its
  /// coverage with the "kwetsbaar" and "verlopen" marks, the ghost slots as dashed empty shapes in
  /// their category's colour with a question mark, dashed red rings on fragile points and amber
  /// rings on the partners of stale agreements. `scale`: the interface's scale; `fontSize` in
  /// pixels; `highlight` tints one category's wedge (0: none).
  void compose(DisplayListBuilder& out, const Camera& camera, const PixelRect& canvas, float scale, float fontSize,
               RowId highlight) const;
  /// The text of a category's label: its name, and under it what is wrong with the cell.
  static std::string labelText(const Slot& slot);

 private:

  std::uint64_t m_revision = ~std::uint64_t{0};
  RowId m_viewId = 0;
  std::optional<Date> m_asOf;
  const Model* m_model = nullptr;
  RowId m_prisonId = 0;
  std::vector<Slot> m_slots;
  std::vector<double> m_rings;
  double m_ghostRadius = 1;
  std::vector<RowId> m_fragileActors, m_staleActors;   ///< actors to ring
  std::vector<std::pair<RowId, RowId>> m_fragileTies;  ///< single ties every way runs through
  std::vector<std::pair<RowId, Vec2>> m_positions;     ///< the view's positions of the actors marked
};

}  // namespace nestmap
