// `nestmap report --out x.pdf`: the steering-group report end to end on the demo map, read
// back with poppler-utils (pdfinfo: pages and metadata; pdftotext: each page's text;
// pdftohtml -xml: the bookmarks).
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.hpp"
#include "support/cli_sandbox.hpp"
#include "support/shell.hpp"

using namespace nestmap;
using nestmap::test::Run;

namespace {

namespace fs = std::filesystem;

struct DemoBox : test::DemoSandbox {
  /// `nestmap report demo.nestmap args...`
  Run report(std::vector<std::string> args) const {
    args.insert(args.begin(), {"report", map});
    return box.run(args);
  }
};

using test::quoted;
using test::shell;

bool havePoppler() {
  std::string out;
  if (shell("command -v pdfinfo && command -v pdftotext && command -v pdftohtml", out) == 0) return true;
  WARN("poppler-utils is missing (pdfinfo, pdftotext, pdftohtml): the PDF is not read back");
  return false;
}

/// One field of `pdfinfo`, e.g. "Pages" or "Title".
std::string infoField(const fs::path& pdf, const std::string& name) {
  std::string out = "\n";
  REQUIRE(shell("pdfinfo " + quoted(pdf), out) == 0);
  const std::size_t at = out.find("\n" + name + ":");
  if (at == std::string::npos) return {};
  const std::size_t from = out.find_first_not_of(' ', at + name.size() + 2);
  return out.substr(from, out.find('\n', from) - from);
}

/// The text of every page (pdftotext puts a form feed after each).
std::vector<std::string> pageTexts(const fs::path& pdf) {
  std::string out;
  REQUIRE(shell("pdftotext -enc UTF-8 " + quoted(pdf) + " -", out) == 0);
  std::vector<std::string> pages;
  std::size_t from = 0;
  for (std::size_t at = out.find('\f'); at != std::string::npos; at = out.find('\f', from)) {
    pages.push_back(out.substr(from, at - from));
    from = at + 1;
  }
  return pages;
}

/// The text of page `n` (from 1) as `pdftotext -f n -l n` gives it.
std::string pageText(const fs::path& pdf, int n) {
  std::string out;
  const std::string page = std::to_string(n);
  REQUIRE(shell("pdftotext -enc UTF-8 -f " + page + " -l " + page + " " + quoted(pdf) + " -", out) == 0);
  return out;
}

struct Bookmark {
  int level = 1;  ///< 1: a chapter, 2: under the chapter before it
  int page = 0;
  std::string title;
};

/// The PDF's outline, in order, as pdftohtml -xml lists it.
std::vector<Bookmark> bookmarks(const fs::path& pdf) {
  std::string xml;
  REQUIRE(shell("pdftohtml -xml -stdout -i -q " + quoted(pdf), xml) == 0);
  std::vector<Bookmark> out;
  int depth = 0;
  static const std::regex tag(R"re(<outline>|</outline>|<item page="(\d+)">([^<]*)</item>)re");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), tag); it != std::sregex_iterator(); ++it) {
    const std::string all = (*it)[0].str();
    if (all == "<outline>")
      ++depth;
    else if (all == "</outline>")
      --depth;
    else
      out.push_back({depth, std::stoi((*it)[1].str()), (*it)[2].str()});
  }
  return out;
}

const Bookmark* bookmarkNamed(const std::vector<Bookmark>& marks, const std::string& title) {
  for (const Bookmark& b : marks)
    if (b.title == title) return &b;
  return nullptr;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// `text` with each run of white space (line breaks of wrapped text) as one space.
std::string flat(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\f' || c == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// No file beside the target: nothing written, no temporary file left behind.
bool nothingWritten(const fs::path& dir, const std::string& stem) {
  for (const auto& entry : fs::directory_iterator(dir))
    if (contains(entry.path().filename().string(), stem)) return false;
  return true;
}

}  // namespace

TEST_CASE("cli: report --out x.pdf writes the steering-group report on A4 with bookmarks and page numbers",
          "[cli][report][pdf]") {
  DemoBox demo;
  const fs::path pdf = demo.box / "rapport.pdf";
  Run r = demo.report({"--out", pdf.string(), "--as-of", "2026-11-29", "--since", "2025-06-01"});
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  if (!havePoppler()) return;

  const std::string pages = infoField(pdf, "Pages");
  CHECK(r.out == "Rapport geschreven: " + pdf.string() + " (" + pages + " pagina's)\n");
  const int count = std::stoi(pages);
  CHECK(count > 30);
  CHECK(infoField(pdf, "Title") == "Rapport voor de stuurgroep — Demo — Kindreflex-netwerk Vlaanderen en Brussel");
  CHECK(infoField(pdf, "Subject") == "Stand op 29 november 2026");
  CHECK(infoField(pdf, "Creator") == "Nestmap");
  CHECK_FALSE(infoField(pdf, "CreationDate").empty());
  CHECK(contains(infoField(pdf, "Page size"), "595 x 842 pts (A4)"));

  // Every page says which it is, of how many.
  const auto texts = pageTexts(pdf);
  REQUIRE(static_cast<int>(texts.size()) == count);
  for (int i = 0; i < count; ++i) {
    INFO("page " << i + 1);
    CHECK(contains(texts[static_cast<std::size_t>(i)],
                   "pagina " + std::to_string(i + 1) + " van " + std::to_string(count)));
  }

  // The cover: the map, the day, the contents and what changed since --since.
  const std::string cover = pageText(pdf, 1);
  for (const char* part : {"Rapport voor de stuurgroep", "Demo — Kindreflex-netwerk", "Stand op 29 november 2026",
                           "Vergeleken met 1 juni 2025", "Inhoud", "Wat veranderde sinds 1 juni 2025",
                           "statuswijzigingen van afspraken", "Gewonnen en verloren cellen"})
    CHECK(contains(cover, part));

  // A bookmark per chapter, each on the page whose heading it names, and listed on the cover
  // with that page number; a bookmark per prison under chapter 5.
  const auto marks = bookmarks(pdf);
  const std::vector<std::string> chapters{"Voorblad",
                                          "2. Kerncijfers",
                                          "3. Dekking per gevangenis",
                                          "4. Afspraken: verloop en opvolging",
                                          "5. De nest van elke gevangenis",
                                          "6. Bouwstenen en werkpakketten",
                                          "7. Sectoren zonder band per provincie",
                                          "Bijlage: zo wordt er gerekend"};
  std::vector<std::string> level1;
  for (const Bookmark& b : marks)
    if (b.level == 1) level1.push_back(b.title);
  CHECK(level1 == chapters);
  for (std::size_t i = 1; i < chapters.size(); ++i) {
    const Bookmark* b = bookmarkNamed(marks, chapters[i]);
    REQUIRE(b != nullptr);
    INFO(chapters[i] << " on page " << b->page);
    CHECK(contains(pageText(pdf, b->page), chapters[i]));
    CHECK(contains(cover, chapters[i] + "\n\n" + std::to_string(b->page) + "\n"));
  }
  std::vector<std::string> prisons;
  for (const Bookmark& b : marks)
    if (b.level == 2) prisons.push_back(b.title);
  CHECK(prisons.size() == 19);
  CHECK(prisons.front() == "Detentiehuis Kortrijk");

  // The chapters' contents.
  const std::string figures = flat(pageText(pdf, bookmarkNamed(marks, chapters[1])->page));
  for (const char* part : {"gevangenissen", "Actoren per sector", "Afspraken per status", "gemiddelde dekkingsscore",
                           "19 gevangenissen × 12 categorieën"}) {
    INFO(part);
    CHECK(contains(figures, part));
  }
  const std::string heatmap = pageText(pdf, bookmarkNamed(marks, chapters[2])->page);
  for (const char* part : {"Detentiehuis Olen", "Gevangenis Wortel", "Score per categorie", "kwetsbaar",
                           "verouderd (herziening verstreken)", "Huis van het Kind"}) {
    INFO(part);
    CHECK(contains(heatmap, part));
  }
  const std::string pipeline = pageText(pdf, bookmarkNamed(marks, chapters[3])->page);
  for (const char* part : {"Afspraken per status door de tijd", "in de praktijk (13)", "Herziening verstreken"}) {
    INFO(part);
    CHECK(contains(pipeline, part));
  }

  // A prison's page: its name, its score and side, its cells with evidence, its nest's legend.
  const Bookmark* ieper = bookmarkNamed(marks, "Gevangenis Ieper");
  REQUIRE(ieper != nullptr);
  const std::string ieperPage = pageText(pdf, ieper->page);
  for (const char* part : {"Gevangenis Ieper", "Kant van de gevangenis", "Categorie", "Afspraken en wegen",
                           "Vertrouwenscentrum Kindermishandeling", "Legende"}) {
    INFO(part);
    CHECK(contains(ieperPage, part));
  }
  const std::string ieperBoth = flat(ieperPage + pageText(pdf, ieper->page + 1));
  CHECK(contains(ieperBoth, "Drie partnersuggesties"));
  CHECK(contains(ieperBoth, "Wat kwetsbaar is, en waarom"));
  CHECK(contains(ieperBoth, "elke weg loopt via CAW Centraal-West-Vlaanderen"));

  // Building blocks by name, not number; a table that runs over a page repeats its header.
  const int blocks = bookmarkNamed(marks, chapters[5])->page;
  const std::string blocksPage = pageText(pdf, blocks);
  CHECK(contains(blocksPage, "Nesten rond nesten: netwerken rond kinderen en gezinnen"));
  CHECK(contains(blocksPage, "Allianties tussen diensten"));
  int continued = 0;
  for (int p = blocks + 1; p < bookmarkNamed(marks, chapters[6])->page; ++p) {
    const std::string text = pageText(pdf, p);
    if (!contains(text, "WP1 – Terreinverkenning en afstemming (vervolg)")) continue;
    INFO("page " << p);
    for (const char* header : {"Afspraak", "Status", "Gevangenis", "Bouwstenen"}) CHECK(contains(text, header));
    // The page the table starts on has the heading, without "(vervolg)".
    if (continued++ == 0) CHECK(contains(pageText(pdf, p - 1), "WP1 – Terreinverkenning en afstemming\n"));
  }
  CHECK(continued >= 1);

  const std::string sectors = pageText(pdf, bookmarkNamed(marks, chapters[6])->page);
  CHECK(contains(sectors, "Geen band met"));
  const std::string method = flat(pageText(pdf, bookmarkNamed(marks, chapters[7])->page));
  CHECK(contains(method, "0,25 waar de categorie een afspraak vraagt"));
}

TEST_CASE("cli: report --prison gives only those prisons a page", "[cli][report][pdf]") {
  DemoBox demo;
  const fs::path all = demo.box / "all.pdf", two = demo.box / "two.pdf";
  REQUIRE(demo.report({"--out", all.string(), "--as-of", "2026-11-29"}).status == kExitOk);
  Run r =
      demo.report({"--out", two.string(), "--as-of", "2026-11-29", "--prison", "gent", "--prison", "Gevangenis Ieper"});
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  if (!havePoppler()) return;
  std::vector<std::string> prisons;
  for (const Bookmark& b : bookmarks(two))
    if (b.level == 2) prisons.push_back(b.title);
  CHECK(prisons == std::vector<std::string>{"Gevangenis Gent", "Gevangenis Ieper"});
  CHECK(std::stoi(infoField(two, "Pages")) < std::stoi(infoField(all, "Pages")) - 20);
  // The heatmap still shows every prison.
  CHECK(contains(pageText(two, bookmarkNamed(bookmarks(two), "3. Dekking per gevangenis")->page), "Gevangenis Wortel"));
}

TEST_CASE("cli: report --lang en writes the PDF in English", "[cli][report][pdf]") {
  DemoBox demo;
  const fs::path pdf = demo.box / "report.pdf";
  Run r = demo.report({"--out", pdf.string(), "--as-of", "2026-11-29", "--lang", "en", "--prison", "Ieper"});
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  CHECK(contains(r.out, "Report written: "));
  if (!havePoppler()) return;
  CHECK(infoField(pdf, "Title") == "Steering-group report — Demo — Kindreflex-netwerk Vlaanderen en Brussel");
  const std::string cover = pageText(pdf, 1);
  for (const char* part : {"Steering-group report", "As of 29 November 2026", "Contents", "2. Key figures",
                           "What changed since 29 August 2026", "page 1 of "})
    CHECK(contains(cover, part));
  const auto marks = bookmarks(pdf);
  CHECK(bookmarkNamed(marks, "6. Building blocks and work packages") != nullptr);
  CHECK(bookmarkNamed(marks, "Appendix: how it is computed") != nullptr);
  CHECK_FALSE(contains(cover, "Inhoud"));
}

TEST_CASE("cli: report --share-safe leaves out contacts, owners, notes and the author", "[cli][report][pdf]") {
  DemoBox demo;
  const fs::path full = demo.box / "full.pdf", safe = demo.box / "safe.pdf";
  const std::vector<std::string> common{"--as-of", "2026-11-29", "--since", "2025-01-01", "--prison", "Gent"};
  std::vector<std::string> args{"--out", full.string()};
  args.insert(args.end(), common.begin(), common.end());
  REQUIRE(demo.report(args).status == kExitOk);
  args = {"--out", safe.string(), "--share-safe"};
  args.insert(args.end(), common.begin(), common.end());
  REQUIRE(demo.report(args).status == kExitOk);
  if (!havePoppler()) return;
  std::string fullText, safeText;
  for (const auto& page : pageTexts(full)) fullText += flat(page) + " ";
  for (const auto& page : pageTexts(safe)) safeText += flat(page) + " ";
  // The demo map's contact points for Gent, an owner and a note of a status change.
  for (const char* personal : {"jww.gent@example.org", "Secretariaat PSD Gent", "Projectleider Kindreflex",
                               "Eerste overleg met de partners", "Demo — fictieve afspraken"}) {
    INFO(personal);
    CHECK(contains(fullText, personal));
    CHECK_FALSE(contains(safeText, personal));
  }
  CHECK_FALSE(contains(safeText, "@"));
  CHECK_FALSE(contains(safeText, "Contactpunten"));
  CHECK_FALSE(infoField(full, "Author").empty());
  CHECK(infoField(safe, "Author").empty());
  // What the report is about stays.
  CHECK(contains(safeText, "Gevangenis Gent"));
  CHECK(contains(safeText, "Drie partnersuggesties"));
}

TEST_CASE("cli: a bad report request gets a clear error and writes nothing", "[cli][report][pdf]") {
  DemoBox demo;
  const fs::path pdf = demo.box / "rapport.pdf";

  Run unknown = demo.report({"--out", pdf.string(), "--prison", "Atlantis"});
  CHECK(unknown.status == kExitInvalidInput);
  CHECK(contains(unknown.err, "Geen gevangenis gevonden voor ‘Atlantis’"));
  CHECK(nothingWritten(demo.box.dir(), "rapport"));

  Run date = demo.report({"--out", pdf.string(), "--as-of", "2026-02-30"});
  CHECK(date.status == kExitInvalidInput);
  CHECK(contains(date.err, "‘2026-02-30’ is geen geldige datum"));
  Run order = demo.report({"--out", pdf.string(), "--as-of", "2026-01-01", "--since", "2026-06-01"});
  CHECK(order.status == kExitInvalidInput);
  CHECK(contains(order.err, "--since"));
  CHECK(nothingWritten(demo.box.dir(), "rapport"));

  Run nowhere = demo.report({"--out", (demo.box / "no-such-dir" / "rapport.pdf").string()});
  CHECK(nowhere.status != kExitOk);
  CHECK_FALSE(nowhere.err.empty());
  CHECK_FALSE(fs::exists(demo.box / "no-such-dir"));

  // An existing file stays as it was without --force; with it, it is replaced.
  { std::ofstream(pdf) << "earlier"; }
  Run refused = demo.report({"--out", pdf.string(), "--as-of", "2026-11-29", "--prison", "Gent"});
  CHECK(refused.status == kExitExists);
  CHECK(slurp(pdf) == "earlier");
  Run forced = demo.report({"--out", pdf.string(), "--as-of", "2026-11-29", "--prison", "Gent", "--force"});
  INFO(forced.err);
  CHECK(forced.status == kExitOk);
  CHECK(slurp(pdf).rfind("%PDF-", 0) == 0);
  // The map itself is never a report's target.
  Run map = demo.report({"--out", demo.map, "--force"});
  CHECK(map.status != kExitOk);
  CHECK(slurp(demo.map).rfind("SQLite format 3", 0) == 0);
}

TEST_CASE("cli: report --share-safe and --prison also shape the Markdown report", "[cli][report]") {
  DemoBox demo;
  const fs::path md = demo.box / "rapport.md";
  Run r = demo.report({"--out", md.string(), "--as-of", "2026-11-29", "--prison", "Ieper", "--share-safe"});
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  const std::string text = slurp(md);
  CHECK(contains(text, "# Nestrapport — Demo"));
  CHECK(contains(text, "| Gevangenis Ieper |"));
  CHECK_FALSE(contains(text, "| Gevangenis Gent |"));
  CHECK_FALSE(contains(text, "Eigenaar"));
}
