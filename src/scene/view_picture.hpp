#pragma once
// [SECTION] ViewDecoration: what the canvas and every export draw over a view's actors and ties
// [SECTION] composeView: a scene, a camera and the decoration → the display list of one canvas
// [SECTION] pictureOfView: a whole view as a picture of its own (title band, fitted map, legend)

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/model.hpp"
#include "scene/camera.hpp"
#include "scene/display_list.hpp"
#include "scene/nest_overlay.hpp"
#include "scene/scene.hpp"
#include "scene/view_options.hpp"

namespace nestmap {

// ---------------------------------------------------------------------------
// [SECTION] ViewDecoration

/// The overlays of a view besides its actors and ties, as the canvas shows them.
struct ViewDecoration {
  float scale = 1;           ///< the interface's scale: line widths, paddings
  float fontSize = 17;       ///< labels and legend text, pixels
  float minNodePixels = 5;   ///< actors are never drawn smaller than this radius
  AgreementOverlay agreements = AgreementOverlay::Badges;
  RowId selectedAgreement = 0;  ///< its hull and implied ties, also when Scene::agreements leaves it out
  const std::vector<SceneAgreement>* allAgreements = nullptr;  ///< SceneBuilder::allAgreements()
  std::vector<RowId> path;         ///< an introduction path: a band through these actors, numbered
  const NestOverlay* nest = nullptr;  ///< a nest view's rings, wedges, names and marks (when active)
  RowId nestHighlight = 0;
  bool legend = true;
  std::optional<bool> legendOpen;  ///< empty: open when it takes at most a third of the canvas
  bool legendTitle = false;        ///< "Legenda" in its header (exports; the canvas has its button there)
};

/// Where composeView() put the legend: for the canvas's show/hide button.
struct LegendPlacement {
  PixelRect band;        ///< the legend's band along the bottom of the canvas (empty: no legend)
  Vec2 header;           ///< the top left of its header line
  float headerHeight = 0;
  bool open = false;
  std::size_t firstItem = 0;  ///< the legend's first item in DisplayList::items (all after it are the legend's)
};

/// The legend's height on a canvas `canvas` wide and high (0: no legend).
float legendHeight(const Scene& scene, const ViewDecoration& decoration, const PixelRect& canvas,
                   const TextMeasure& measure);

/// Fits the camera: the whole map in the part of `canvas` that the legend leaves free, below
/// `topRoom` pixels (the canvas's buttons); a nest's rings in the middle with room for the names.
void fitView(Camera& camera, const Scene& scene, const ViewDecoration& decoration, const PixelRect& canvas,
             double topRoom, const TextMeasure& measure);

// ---------------------------------------------------------------------------
// [SECTION] composeView

/// Adds one canvas to `out`: the graph layer (`scene` as `camera` sees it inside `canvas`), then
/// the agreement hulls or badges, the nest overlay, the introduction path, the actors' names where
/// they have room (most important first), and the legend along the bottom. Everything is clipped to
/// `canvas`.
LegendPlacement composeView(DisplayListBuilder& out, const Scene& scene, const Camera& camera,
                            const PixelRect& canvas, const ViewDecoration& decoration);

// ---------------------------------------------------------------------------
// [SECTION] pictureOfView

/// A view drawn as a picture of its own: what `nestmap render`, the window's export and the report draw.
struct PictureRequest {
  RowId viewId = 0;
  double width = 1920, height = 1080;  ///< pixels (PNG) or points (SVG, PDF)
  std::optional<Date> asOf;            ///< the map on this day; its date in the subtitle (empty: today)
  std::optional<Date> compareWith;     ///< also what differs from this day, green and red
  std::optional<ViewOptions> options;  ///< colour, size and filters; empty: those kept in the view
  bool titleBand = true;               ///< the view's name, the map's name and the day across the top
  float fontSize = 0;                  ///< 0: readable at the picture's size
  std::vector<RowId> path;             ///< an introduction path over the map
};

/// The display list of `request.viewId` of `model`: its scene (owned by the list), fitted to the
/// picture below the title band, with every overlay of the canvas and the legend open. A view
/// whose actors have no place yet is laid out in memory first (ForceAtlas2, nothing is written).
/// Throws UserError for a view that does not exist.
DisplayList pictureOfView(const Model& model, const PictureRequest& request, const TextMeasure& measure);

}  // namespace nestmap
