#include "analysis/nest_names.hpp"

#include "core/i18n.hpp"

namespace nestmap {

std::string statusName(CoverageStatus status) {
  switch (status) {
    case CoverageStatus::Formalised:
      return tr("nest.status.formalised");
    case CoverageStatus::Informal:
      return tr("nest.status.informal");
    case CoverageStatus::Missing:
      break;
  }
  return tr("nest.status.missing");
}

std::string provinceName(const std::string& code) {
  if (code == "ANT") return tr("province.ant");
  if (code == "LIM") return tr("province.lim");
  if (code == "OVL") return tr("province.ovl");
  if (code == "WVL") return tr("province.wvl");
  if (code == "VBR") return tr("province.vbr");
  if (code == "BRU") return tr("province.bru");
  return code;
}

}  // namespace nestmap
