#pragma once
// [SECTION] recoverImGuiStacks: ending a frame that an exception cut short
//
// Dear ImGui asserts (and so aborts the program) when a frame ends with a
// window begun and not ended. Panels catch the refusals they expect where they
// push a command; anything else thrown halfway through a panel reaches the
// window's frame loop with the panel's window, tables and pushed styles still
// open. This closes them, so that the frame can end and the window go on.

#include <imgui.h>
#include <imgui_internal.h>  // ErrorCheckEndFrameRecover

#include <cstdarg>
#include <cstdio>

namespace nestmap {

namespace detail {
/// ImGuiErrorLogCallback: one line on stderr per thing that recoverImGuiStacks() closed.
inline void logRecovery(void*, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  std::fputs("nestmap: ", stderr);
  std::vfprintf(stderr, fmt, args);
  std::fputc('\n', stderr);
  va_end(args);
}
}  // namespace detail

/// Ends every window, child, table, tab bar, group, ID, style and disabled scope
/// left open in this frame; call in the catch of the frame, before ImGui::Render().
inline void recoverImGuiStacks() { ImGui::ErrorCheckEndFrameRecover(detail::logRecovery, nullptr); }

}  // namespace nestmap
