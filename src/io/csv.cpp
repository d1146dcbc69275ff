#include "io/csv.hpp"

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"

namespace nestmap {
namespace {

[[noreturn]] void parseError(const std::string& source, int line, int column, const std::string& reason) {
  throw UserError(UserError::Kind::InvalidInput,
                  trf("csv.error", {source, std::to_string(line), std::to_string(column), reason}));
}

}  // namespace

CsvTable CsvTable::parse(std::string_view text, std::string source) {
  CsvTable table;
  table.m_source = std::move(source);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark

  std::vector<std::vector<std::string>> records;
  std::vector<int> lines;
  std::vector<std::string> record;
  std::string field;
  int line = 1, column = 1, recordLine = 1;
  // An unclosed quote swallows the rest of the file; report where it opened, not the end.
  int quoteLine = 1, quoteColumn = 1;
  bool inQuotes = false, fieldQuoted = false, afterQuote = false;

  auto endField = [&] {
    record.push_back(std::move(field));
    field.clear();
    fieldQuoted = afterQuote = false;
  };
  auto endRecord = [&] {
    endField();
    // A line with nothing on it (e.g. the last newline) is no record.
    if (!(record.size() == 1 && record[0].empty())) {
      records.push_back(std::move(record));
      lines.push_back(recordLine);
    }
    record.clear();
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      // Every field is checked here, where line and column are known: text that is no
      // UTF-8 (Latin-1 from an old Excel, a cut-off file) never reaches a name or a label.
      const std::size_t n = utf8SequenceLength(text.substr(i));
      if (n == 0) parseError(table.m_source, line, column, tr("hardening.invalid_text"));
      if (!inQuotes && afterQuote) parseError(table.m_source, line, column, tr("csv.after_quote"));
      field.append(text.substr(i, n));
      i += n - 1;
      ++column;  // a column is a character, as an editor counts it
      continue;
    }
    if (inQuotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
          ++column;
        } else {
          inQuotes = false;
          afterQuote = true;
        }
      } else {
        field += c;
        if (c == '\n') {
          ++line;
          column = 0;
        }
      }
    } else if (c == ',') {
      endField();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // handled with the \n
    } else if (c == '\n' || c == '\r') {
      endRecord();
      ++line;
      column = 0;
      recordLine = line;
    } else if (c == '"') {
      if (!field.empty() || fieldQuoted) parseError(table.m_source, line, column, tr("csv.quote_inside"));
      inQuotes = fieldQuoted = true;
      quoteLine = line;
      quoteColumn = column;
    } else {
      if (afterQuote) parseError(table.m_source, line, column, tr("csv.after_quote"));
      field += c;
    }
    ++column;
  }
  if (inQuotes) parseError(table.m_source, quoteLine, quoteColumn, tr("csv.unclosed_quote"));
  if (!field.empty() || !record.empty() || fieldQuoted) endRecord();

  if (records.empty()) parseError(table.m_source, 1, 1, tr("csv.empty"));
  table.m_header = std::move(records.front());
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.m_header.size())
      parseError(table.m_source, lines[r], 1,
                 trf("csv.field_count", {std::to_string(records[r].size()), std::to_string(table.m_header.size())}));
    table.m_rows.push_back({lines[r], std::move(records[r])});
  }
  return table;
}

void CsvTable::requireHeader(std::initializer_list<std::string_view> columns) const {
  std::string expected, found;
  for (auto c : columns) expected.append(expected.empty() ? "" : ",").append(c);
  for (const auto& c : m_header) found.append(found.empty() ? "" : ",").append(c);
  if (expected != found) parseError(m_source, 1, 1, trf("csv.header", {expected, found}));
}

std::size_t CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < m_header.size(); ++i)
    if (m_header[i] == name) return i;
  parseError(m_source, 1, 1, trf("csv.no_column", {std::string(name)}));
}

const std::string& CsvTable::field(const Row& row, std::string_view name) const {
  static const std::string empty;
  std::size_t i = column(name);
  return i < row.fields.size() ? row.fields[i] : empty;
}

void CsvTable::fail(const Row& row, std::string_view columnName, const std::string& reason) const {
  std::size_t col = column(columnName);
  parseError(m_source, row.line, static_cast<int>(col) + 1, trf("csv.in_column", {std::string(columnName), reason}));
}

std::vector<std::string> splitList(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

}  // namespace nestmap
