#pragma once
// [SECTION] ReportDialog: Bestand ▸ Rapport voor de stuurgroep — the file, the day, the day to
// compare with and whether the report may leave the organisation

#include <filesystem>
#include <optional>
#include <string>

#include "core/date.hpp"

namespace nestmap {

/// A report the user asked for; the GUI loop makes it in the background.
struct ReportRequest {
  std::filesystem::path out;
  Date asOf = Date::today();
  std::optional<Date> since;  ///< empty: three months before asOf
  bool shareSafe = false;     ///< no contact persons, e-mail, phone, owners, notes or author
  bool replace = false;       ///< an existing file may be replaced (never a map)
};

/// The modal dialog, by default next to the map as <map>-rapport.pdf, on the timeline's day.
class ReportDialog {
 public:
  void open(const std::filesystem::path& mapPath, std::optional<Date> asOf);
  /// Draws the dialog when open; the request on the frame the user confirms.
  std::optional<ReportRequest> draw();

 private:
  bool m_open = false, m_opening = false;
  std::string m_path, m_asOf, m_since, m_error;
  bool m_shareSafe = false, m_replace = false;
};

}  // namespace nestmap
