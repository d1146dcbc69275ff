#include "ui/fonts.hpp"

#include <imgui.h>

#include <filesystem>

namespace nestmap {

InterfaceFonts loadInterfaceFonts(float pixelSize) {
  static constexpr const char* kCandidates[] = {
      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
      "/usr/share/fonts/TTF/DejaVuSans.ttf",
  };
  // Must outlive the font atlas build: ImGui keeps the pointer.
  static const ImWchar kRanges[] = {
      0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement: é, ë, ï
      0x0100, 0x017F,  // Latin Extended-A
      0x2000, 0x206F,  // General Punctuation: – — ‘ ’ “ ” …
      0x2190, 0x21FF,  // Arrows: →
      0x2212, 0x2212,  // minus sign
      0,
  };
  ImGuiIO& io = ImGui::GetIO();
  InterfaceFonts fonts;
  for (const char* path : kCandidates) {
    if (!std::filesystem::exists(path)) continue;
    ImFontConfig config;
    config.OversampleH = 2;
    fonts.body = io.Fonts->AddFontFromFileTTF(path, pixelSize, &config, kRanges);
    fonts.heading = io.Fonts->AddFontFromFileTTF(path, pixelSize * 1.6f, &config, kRanges);
    if (fonts.body && fonts.heading) {
      fonts.dejaVu = true;
      return fonts;
    }
  }
  fonts.body = fonts.heading = io.Fonts->AddFontDefault();
  return fonts;
}

}  // namespace nestmap
