#pragma once

struct ImFont;

namespace nestmap {

/// The interface's fonts: body text and headings.
struct InterfaceFonts {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;
  bool dejaVu = false;  ///< false: DejaVu Sans was missing and ImGui's built-in font (no accents) is used
};

/// Loads DejaVu Sans (fonts-dejavu-core) at `pixelSize` (headings 1.6×) with
/// the glyph ranges Dutch needs: Latin-1, Latin Extended-A, General
/// Punctuation, arrows. Falls back to ImGui's built-in font.
InterfaceFonts loadInterfaceFonts(float pixelSize);

}  // namespace nestmap
