#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace nestmap {

/// One parsed CSV file (RFC 4180): the header and the rows, each with its line number.
class CsvTable {
 public:
  struct Row {
    int line = 0;  ///< 1-based line where the row starts
    std::vector<std::string> fields;
  };

  /// Parses `text`; throws UserError(InvalidInput) with "source:line:column: reason" on malformed
  /// input, text that is not valid UTF-8 included (columns count characters).
  static CsvTable parse(std::string_view text, std::string source);

  /// Throws unless the header is exactly `columns`, in order.
  void requireHeader(std::initializer_list<std::string_view> columns) const;

  const std::string& source() const { return m_source; }
  const std::vector<std::string>& header() const { return m_header; }
  const std::vector<Row>& rows() const { return m_rows; }

  /// Index of a header column; throws when absent.
  std::size_t column(std::string_view name) const;
  /// The field of `row` in column `name` (empty when the row is short).
  const std::string& field(const Row& row, std::string_view name) const;
  /// Throws UserError(InvalidInput): "source:line:column: kolom ‘name’: reason" (column = field number).
  [[noreturn]] void fail(const Row& row, std::string_view columnName, const std::string& reason) const;

 private:
  std::string m_source;
  std::vector<std::string> m_header;
  std::vector<Row> m_rows;
};

/// Splits a `;`-list, trimming spaces around items and dropping empty ones.
std::vector<std::string> splitList(std::string_view text, char separator = ';');

}  // namespace nestmap
