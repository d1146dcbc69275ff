#include "core/validate.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/i18n.hpp"

namespace nestmap {
namespace {

void checkDates(std::vector<std::string>& out, const std::optional<Date>& from, const std::optional<Date>& to) {
  if (from && to && *to < *from) out.push_back(trf("valid.dates", {from->toString(), to->toString()}));
}

std::string number(double value) { return formatNumber(value); }

void checkKey(std::vector<std::string>& out, const std::string& key) {
  if (key.empty()) out.push_back(tr("valid.key_empty"));
}

}  // namespace

std::vector<std::string> validate(const Model& m, const Actor& a) {
  std::vector<std::string> out;
  if (a.name.empty()) out.push_back(tr("valid.name_empty"));
  if (!m.actorTypes.contains(a.typeId)) out.push_back(trf("valid.actor_type", {std::to_string(a.typeId)}));
  if (a.parentId != 0) {
    if (a.parentId == a.id) {
      out.push_back(tr("valid.parent_self"));
    } else if (!m.actors.contains(a.parentId)) {
      out.push_back(trf("valid.parent_missing", {std::to_string(a.parentId)}));
    } else {
      // Walking up from the new parent must never reach this actor again.
      std::set<RowId> seen{a.id};
      for (RowId p = a.parentId; p != 0;) {
        if (!seen.insert(p).second) {
          out.push_back(tr("valid.parent_cycle"));
          break;
        }
        const Actor* parent = m.actors.find(p);
        p = parent ? parent->parentId : 0;
      }
    }
  }
  if (a.latitude.has_value() != a.longitude.has_value()) out.push_back(tr("valid.latlon_pair"));
  if (a.latitude && (*a.latitude < -90 || *a.latitude > 90))
    out.push_back(trf("valid.latitude", {number(*a.latitude)}));
  if (a.longitude && (*a.longitude < -180 || *a.longitude > 180))
    out.push_back(trf("valid.longitude", {number(*a.longitude)}));
  if (a.line < 0 || a.line > 3) out.push_back(trf("valid.line", {std::to_string(a.line)}));
  if (a.influence < 0 || a.influence > 5) out.push_back(trf("valid.influence", {std::to_string(a.influence)}));
  if (a.interest < 0 || a.interest > 5) out.push_back(trf("valid.interest", {std::to_string(a.interest)}));
  checkDates(out, a.validFrom, a.validTo);
  return out;
}

std::vector<std::string> validate(const Model& m, const Tie& t) {
  std::vector<std::string> out;
  if (!m.actors.contains(t.sourceId)) out.push_back(trf("valid.tie_end", {std::to_string(t.sourceId)}));
  if (!m.actors.contains(t.targetId)) out.push_back(trf("valid.tie_end", {std::to_string(t.targetId)}));
  if (t.sourceId == t.targetId) out.push_back(tr("valid.tie_self"));
  if (!m.tieTypes.contains(t.typeId)) out.push_back(trf("valid.tie_type", {std::to_string(t.typeId)}));
  if (t.strength < 1 || t.strength > 3) out.push_back(trf("valid.strength", {std::to_string(t.strength)}));
  checkDates(out, t.validFrom, t.validTo);
  return out;
}

std::vector<std::string> validate(const Model& m, const Contact& c) {
  std::vector<std::string> out;
  if (!m.actors.contains(c.actorId)) out.push_back(trf("valid.contact_actor", {std::to_string(c.actorId)}));
  if (c.name.empty() && c.role.empty()) out.push_back(tr("valid.contact_empty"));
  return out;
}

std::vector<std::string> validate(const Model& m, const Agreement& a) {
  std::vector<std::string> out;
  if (a.title.empty()) out.push_back(tr("valid.title_empty"));
  std::set<RowId> parties;
  for (const auto& p : a.parties) {
    if (!m.actors.contains(p.actorId)) out.push_back(trf("valid.party_missing", {std::to_string(p.actorId)}));
    if (!parties.insert(p.actorId).second) out.push_back(trf("valid.party_twice", {std::to_string(p.actorId)}));
  }
  if (parties.size() < 2) out.push_back(tr("valid.parties_two"));
  if (a.typeId != 0 && !m.agreementTypes.contains(a.typeId))
    out.push_back(trf("valid.agreement_type", {std::to_string(a.typeId)}));
  if (a.scopePrisonId != 0 && !m.actors.contains(a.scopePrisonId))
    out.push_back(trf("valid.scope_missing", {std::to_string(a.scopePrisonId)}));
  for (std::size_t i = 1; i < a.history.size(); ++i)
    if (a.history[i].date < a.history[i - 1].date)
      out.push_back(trf("valid.history_order", {a.history[i].date.toString(), a.history[i - 1].date.toString()}));
  if (a.workPackage < 0 || a.workPackage > 5) out.push_back(trf("valid.work_package", {std::to_string(a.workPackage)}));
  std::set<int> blocks;
  for (int b : a.buildingBlocks)
    if (b < 1 || b > 8 || !blocks.insert(b).second) out.push_back(trf("valid.building_block", {std::to_string(b)}));
  return out;
}

std::vector<std::string> validate(const Model&, const Sector& r) {
  std::vector<std::string> out;
  checkKey(out, r.key);
  return out;
}

std::vector<std::string> validate(const Model& m, const ActorType& r) {
  std::vector<std::string> out;
  checkKey(out, r.key);
  if (r.sectorId != 0 && !m.sectors.contains(r.sectorId))
    out.push_back(trf("valid.sector", {std::to_string(r.sectorId)}));
  if (r.line < 0 || r.line > 3) out.push_back(trf("valid.line", {std::to_string(r.line)}));
  return out;
}

std::vector<std::string> validate(const Model&, const TieType& r) {
  std::vector<std::string> out;
  checkKey(out, r.key);
  return out;
}

std::vector<std::string> validate(const Model&, const AgreementType& r) {
  std::vector<std::string> out;
  checkKey(out, r.key);
  return out;
}

std::vector<std::string> validate(const Model&, const StatusLabel&) { return {}; }

std::vector<std::string> validate(const Model&, const NestTemplate& r) {
  std::vector<std::string> out;
  checkKey(out, r.key);
  if (r.hopLimit < 1) out.push_back(trf("valid.hop_limit", {std::to_string(r.hopLimit)}));
  return out;
}

std::vector<std::string> validate(const Model& m, const NestCategory& r) {
  std::vector<std::string> out;
  checkKey(out, r.key);
  if (!m.nestTemplates.contains(r.templateId)) out.push_back(trf("valid.template", {std::to_string(r.templateId)}));
  for (RowId t : r.actorTypeIds)
    if (!m.actorTypes.contains(t)) out.push_back(trf("valid.actor_type", {std::to_string(t)}));
  if (r.hopLimit && *r.hopLimit < 1) out.push_back(trf("valid.hop_limit", {std::to_string(*r.hopLimit)}));
  if (r.radiusKm <= 0) out.push_back(trf("valid.radius", {number(r.radiusKm)}));
  if (r.weight <= 0) out.push_back(trf("valid.weight", {number(r.weight)}));
  return out;
}

std::vector<std::string> validate(const Model&, const View& r) {
  std::vector<std::string> out;
  if (r.name.empty()) out.push_back(tr("valid.name_empty"));
  return out;
}

}  // namespace nestmap
