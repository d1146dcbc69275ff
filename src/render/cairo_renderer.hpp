#pragma once
// [SECTION] PangoMeasure: text sizes as cairo and pango draw them
// [SECTION] the cairo renderer: a display list into PNG, SVG or PDF, with no display and no GL

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>

#include "scene/display_list.hpp"

typedef struct _cairo cairo_t;

namespace nestmap {

// ---------------------------------------------------------------------------
// [SECTION] PangoMeasure

/// Measures text in DejaVu Sans (fonts-dejavu-core) as drawDisplayList() lays it out. One per
/// thread: pango's objects are not shared between threads.
class PangoMeasure final : public TextMeasure {
 public:
  PangoMeasure();
  ~PangoMeasure() override;
  PangoMeasure(const PangoMeasure&) = delete;
  PangoMeasure& operator=(const PangoMeasure&) = delete;
  Vec2 measure(std::string_view text, float size, bool bold) const override;

 private:
  struct State;
  State* m_state;
};

// ---------------------------------------------------------------------------
// [SECTION] the cairo renderer

enum class PictureFormat { Png, Svg, Pdf };

/// The format a file name asks for by its extension (.png, .svg, .pdf, any case); empty for others.
std::optional<PictureFormat> pictureFormatOf(const std::filesystem::path& path);

/// Lets a long drawing report how far it got and be stopped (both optional).
struct RenderControl {
  const std::atomic<bool>* cancel = nullptr;  ///< set: stop as soon as possible
  std::atomic<double>* progress = nullptr;    ///< 0–1, written now and then
  double share = 1.0;                         ///< drawDisplayList(): the part of the whole that the drawing is
};

/// Draws `list` with `cr` (whose user space is the list's pixels): the background, the graph
/// layer culled and clipped to its viewport, then the items with their clip rectangles. False
/// when it was cancelled.
bool drawDisplayList(cairo_t* cr, const DisplayList& list, const RenderControl& control = {});

/// The picture as the bytes of a PNG (list.size pixels), an SVG or a one-page PDF (list.size
/// points, list.title as the document's title); empty when cancelled. Throws UserError when cairo
/// cannot make the surface (too large for memory).
std::optional<std::string> renderPicture(const DisplayList& list, PictureFormat format,
                                         const RenderControl& control = {});

}  // namespace nestmap
