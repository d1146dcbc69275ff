#pragma once

namespace nestmap {

class Document;

struct InterfaceFonts;

/// The start screen of a map: its name, description and what it holds, per actor type.
struct OverviewPanel {
  void draw(const Document& doc, const InterfaceFonts& fonts);
};

}  // namespace nestmap
