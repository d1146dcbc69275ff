#pragma once
#include <imgui.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "ui/item_rects.hpp"

namespace nestmap {

class Document;

/// The actors of a map narrowed by a search text (case- and accent-insensitive,
/// the starts of words in order, on name or short name) and an actor type
/// (0: all), sorted by folded name.
std::vector<RowId> filterActors(const Model& model, std::string_view search, RowId typeId);

/// The left sidebar: the actor list (search, type filter, count) and the map's
/// saved views (show, create, rename, delete; each edit one undoable command).
struct SidebarPanel {
  /// What the user asked for this frame; 0: nothing.
  struct Result {
    RowId selectActor = 0;  ///< a row of the actor list was clicked
    RowId showView = 0;     ///< a view was clicked, or was just created
  };

  /// The sidebar window over `pos`, `size`; `currentView` and `selection` are highlighted.
  Result draw(Document& doc, RowId currentView, const std::set<RowId>& selection, ImVec2 pos, ImVec2 size);

  /// Sets the search text as if typed (takes effect at the next draw).
  void setSearch(std::string text) { m_search = std::move(text); }
  /// Sets the type filter (0: all types).
  void setTypeFilter(RowId typeId) { m_typeFilter = typeId; }

  // For tests and callers: what the last frame showed.
  /// The actors the list shows, in order, as of the last draw.
  const std::vector<RowId>& visibleActors() const { return m_visible; }
  /// The message of the last refused view edit; empty when the last one went through.
  const std::string& message() const { return m_message; }
  /// The centre of an item as drawn in the last frame: "search", "type_filter",
  /// "type_option:<id>" (0: all), "actor:<id>", "view:<id>", "view_rename:<id>",
  /// "view_delete:<id>", "view_name:<id>" (the inline rename box), "new_view_name", "new_view".
  std::optional<ImVec2> itemCenter(std::string_view item) const;

 private:
  Result drawActors(const Document& doc, const std::set<RowId>& selection);
  Result drawViews(Document& doc, RowId currentView);
  void refilter(const Document& doc);
  /// Runs a view command; on a UserError keeps its message and returns false.
  template <class MakeCommand>
  bool commit(Document& doc, MakeCommand&& make);

  std::string m_search;
  RowId m_typeFilter = 0;
  // The filter is recomputed only when one of these changed.
  std::string m_filteredSearch;
  RowId m_filteredType = 0;
  std::uint64_t m_filteredRevision = ~std::uint64_t{0};
  std::vector<RowId> m_visible;
  std::vector<RowId> m_presentTypes;  ///< actor types with at least one actor, by sort

  std::string m_newViewName;
  RowId m_renaming = 0;  ///< the view whose name is being edited inline; 0: none
  std::string m_renameDraft;
  bool m_focusRename = false;
  std::string m_message;
  ItemRects m_rects;  ///< last frame's item rectangles
};

}  // namespace nestmap
