#pragma once

namespace nestmap {

/// Loads DejaVu Sans (fonts-dejavu-core) at `pixelSize` with the glyph ranges
/// Dutch needs (Latin-1, Latin Extended-A, General Punctuation, arrows).
/// Returns false, keeping ImGui's built-in font, when the font file is missing.
bool loadInterfaceFont(float pixelSize);

}  // namespace nestmap
