#pragma once
#include <imgui.h>

#include <cstdint>
#include <map>

#include "core/model.hpp"

namespace nestmap {

class Document;

struct InterfaceFonts;

/// What a map is: its name across the top, and in the sidebar its description
/// and what it holds, per actor type and per agreement status.
struct OverviewPanel {
  /// The strip across the top: the map's name and its file.
  void drawHeader(const Document& doc, const InterfaceFonts& fonts, ImVec2 pos, ImVec2 size);
  /// The sidebar over `pos`, `size`.
  void draw(const Document& doc, ImVec2 pos, ImVec2 size);

 private:
  // Counts are redrawn every frame but recounted only when the map changed.
  std::uint64_t m_countedRevision = ~std::uint64_t{0};
  std::map<RowId, int> m_perType;
  std::map<AgreementStatus, int> m_perStatus;
};

}  // namespace nestmap
