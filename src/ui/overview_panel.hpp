#pragma once
#include <cstdint>
#include <map>

#include "core/model.hpp"

namespace nestmap {

class Document;

struct InterfaceFonts;

/// The start screen of a map: its name, description and what it holds, per actor type.
struct OverviewPanel {
  void draw(const Document& doc, const InterfaceFonts& fonts);

 private:
  // Counts are redrawn every frame but recounted only when the map changed.
  std::uint64_t m_countedRevision = ~std::uint64_t{0};
  std::map<RowId, int> m_perType;
  std::map<AgreementStatus, int> m_perStatus;
};

}  // namespace nestmap
