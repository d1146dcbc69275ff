#pragma once
#include <imgui.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace nestmap {

class Document;

/// The structural warnings of the map: cut points (with whom they cut off),
/// bridges, isolated actors, and per province with a prison the pairs of
/// sectors with no tie between them. Grouped under headers with counts; a
/// click on a line leaves a selection for the canvas. Computed on the UI
/// thread (one depth-first search) only when the map or the date changes.
///
/// The graph is the one the canvas and the metrics show: active ties, with
/// agreements that count joining their parties; an actor joined to others by
/// an agreement only is no isolated actor.
struct WarningsPanel {
  enum class Kind : int { CutPoint, Bridge, Isolated, SectorGap, KindCount };
  static constexpr int kKindCount = static_cast<int>(Kind::KindCount);

  /// What a line selects on the canvas.
  struct Selection {
    std::vector<RowId> actors;  ///< cut point: the actor first, then whom it cuts off; bridge: its two ends;
                                ///< sector gap: the province's actors of both sectors
    RowId tieId = 0;            ///< bridge: the lowest-id active tie it stands for; 0: none (an agreement only)
    friend bool operator==(const Selection&, const Selection&) = default;
  };
  /// One line of the panel.
  struct Warning {
    Kind kind = Kind::CutPoint;
    std::string text;    ///< the line as shown
    std::string detail;  ///< its tooltip (whom a cut point cuts off, in full); may be empty
    std::string group;   ///< sector gaps: the province's sub-header; empty otherwise
    Selection selection;
    std::size_t cutsOff = 0;  ///< cut point: how many actors lose their link
  };
  /// Where the last frame drew things, so tests can click them.
  struct DrawnLine {
    Kind kind = Kind::CutPoint;
    std::size_t index = 0;  ///< into warnings(kind)
    ImVec2 min{0, 0}, max{0, 0};
  };
  struct Hooks {
    std::vector<DrawnLine> lines;
    std::array<ImVec2, kKindCount> headerCenter{};
  };

  /// Recomputes when the map, the date or the language changed; draw() does this too.
  void update(const Document& doc);
  /// Draws the panel over `pos`, `size`. A click on a line leaves a selection for takeSelection().
  void draw(const Document& doc, ImVec2 pos, ImVec2 size);

  /// The day the map is read as of: the timeline's; nullopt: as it is (every active tie).
  void setAsOf(std::optional<Date> date) { m_asOf = date; }
  /// The selection of the last click, once; nullopt when there was none since the last call.
  std::optional<Selection> takeSelection();

  /// The warnings of one kind, in the order shown: cut points by how many they
  /// cut off (most first), bridges and isolated actors by name, sector gaps by province.
  const std::vector<Warning>& warnings(Kind kind) const { return m_warnings[static_cast<int>(kind)]; }
  /// How many times the warnings were computed (tests check that it is not every frame).
  int computeCount() const { return m_computeCount; }
  const Hooks& hooks() const { return m_hooks; }

 private:
  void compute(const Model& model);

  std::optional<Date> m_asOf, m_builtAsOf;
  std::uint64_t m_revision = ~std::uint64_t{0};
  int m_language = -1;
  int m_computeCount = 0;
  std::array<std::vector<Warning>, kKindCount> m_warnings;
  std::optional<Selection> m_selection;
  int m_selectedKind = -1;  ///< the line last clicked, highlighted until the warnings change
  std::size_t m_selectedIndex = 0;
  Hooks m_hooks;
};

}  // namespace nestmap
