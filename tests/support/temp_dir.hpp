#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace nestmap::test {

/// A fresh directory under /tmp, removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

/// The bytes of a file (empty when it cannot be read).
std::vector<char> readBytes(const std::filesystem::path& path);
void writeBytes(const std::filesystem::path& path, const std::string& bytes);

/// The file names in `dir`, sorted, to see that nothing was left behind.
std::vector<std::string> entries(const std::filesystem::path& dir);

/// Whether `text` holds `part`.
inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace nestmap::test
