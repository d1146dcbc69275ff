#pragma once
#include <string>
#include <vector>

#include "core/model.hpp"

namespace nestmap {

/// The rules a record must keep within `model`; each problem is a sentence for the user.
std::vector<std::string> validate(const Model& model, const Actor& actor);
std::vector<std::string> validate(const Model& model, const Tie& tie);
std::vector<std::string> validate(const Model& model, const Contact& contact);
std::vector<std::string> validate(const Model& model, const Agreement& agreement);
std::vector<std::string> validate(const Model& model, const Sector& row);
std::vector<std::string> validate(const Model& model, const ActorType& row);
std::vector<std::string> validate(const Model& model, const TieType& row);
std::vector<std::string> validate(const Model& model, const AgreementType& row);
std::vector<std::string> validate(const Model& model, const StatusLabel& row);
std::vector<std::string> validate(const Model& model, const NestTemplate& row);
std::vector<std::string> validate(const Model& model, const NestCategory& row);
std::vector<std::string> validate(const Model& model, const View& row);

}  // namespace nestmap
