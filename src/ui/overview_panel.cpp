#include "ui/overview_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <map>
#include <string>

#include "core/i18n.hpp"
#include "edit/document.hpp"
#include "ui/edit_scope.hpp"
#include "ui/fonts.hpp"

namespace nestmap {
namespace {

ImVec4 toImColor(const Color& c) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1.0f); }

void swatch(const Color& color) {
  const float size = ImGui::GetTextLineHeight() * 0.8f;
  ImVec2 p = ImGui::GetCursorScreenPos();
  float pad = (ImGui::GetTextLineHeight() - size) * 0.5f;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + pad), ImVec2(p.x + size, p.y + pad + size),
                                            ImGui::ColorConvertFloat4ToU32(toImColor(color)), size * 0.2f);
  ImGui::Dummy(ImVec2(size, ImGui::GetTextLineHeight()));
}

const std::string& localName(const std::string& nl, const std::string& en) {
  return language() == Language::Dutch || en.empty() ? nl : en;
}

}  // namespace

void OverviewPanel::drawHeader(const Document& doc, const InterfaceFonts& fonts, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::Begin("##header", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PushFont(fonts.heading);
  ImGui::TextUnformatted(doc.model().info.name.c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
  ImGui::TextDisabled("%s", doc.path().string().c_str());
  // Beside the file's name, as in the title bar: a map that can only be read says so.
  if (doc.readOnly()) {
    ImGui::SameLine();
    readOnlyBadge(doc);
  }
  ImGui::End();
}

void OverviewPanel::draw(const Document& doc, ImVec2 pos, ImVec2 size) {
  const Model& m = doc.model();
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (!ImGui::Begin("##overview", nullptr, flags)) {
    ImGui::End();
    return;
  }
  if (!m.info.description.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(m.info.description.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::Separator();

  if (m_countedRevision != doc.revision()) {
    m_perType.clear();
    for (const auto& [id, actor] : m.actors) ++m_perType[actor.typeId];
    m_perStatus.clear();
    for (const auto& [id, agreement] : m.agreements) ++m_perStatus[agreement.status()];
    m_countedRevision = doc.revision();
  }

  // The three counts on one line, each moving to the next line when it would not fit.
  const std::string counts[] = {tr("cli.info.actors") + ": " + std::to_string(m.actors.size()),
                                tr("cli.info.ties") + ": " + std::to_string(m.ties.size()),
                                tr("cli.info.agreements") + ": " + std::to_string(m.agreements.size())};
  const float right = ImGui::GetWindowContentRegionMax().x;
  for (std::size_t i = 0; i < std::size(counts); ++i) {
    if (i > 0) {
      ImGui::SameLine(0, ImGui::GetFontSize());
      if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(counts[i].c_str()).x > right) ImGui::NewLine();
    }
    ImGui::TextUnformatted(counts[i].c_str());
  }
  ImGui::Spacing();

  const ImGuiTableFlags tableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  // Stacked: the sidebar is narrow; types take what the statuses leave.
  const float statusHeight = ImGui::GetTextLineHeightWithSpacing() * 8.6f;
  const float typeHeight = std::max(ImGui::GetContentRegionAvail().y - statusHeight - ImGui::GetStyle().ItemSpacing.y,
                                    ImGui::GetTextLineHeightWithSpacing() * 4);

  ImGui::BeginChild("##types", ImVec2(0, typeHeight));
  if (ImGui::BeginTable("types", 3, tableFlags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetTextLineHeight());
    ImGui::TableSetupColumn(tr("gui.actor_type").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tr("gui.count").c_str(), ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("00000").x);
    ImGui::TableHeadersRow();
    for (const auto& [id, type] : m.actorTypes) {
      auto it = m_perType.find(id);
      if (it == m_perType.end()) continue;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      swatch(type.color);
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", localName(type.nameNl, type.nameEn).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%5d", it->second);
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::BeginChild("##statuses", ImVec2(0, statusHeight));
  if (ImGui::BeginTable("statuses", 3, tableFlags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetTextLineHeight());
    ImGui::TableSetupColumn(tr("gui.agreement_status").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tr("gui.count").c_str(), ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("00000").x);
    ImGui::TableHeadersRow();
    for (const auto& [id, label] : m.statusLabels) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      swatch(label.color);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(localName(label.nameNl, label.nameEn).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%5d", m_perStatus[label.status]);
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace nestmap
