#include "core/model.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

namespace nestmap {
namespace {

template <class E, std::size_t N>
std::string_view keyOf(E value, const std::array<std::pair<E, std::string_view>, N>& names) {
  for (const auto& [v, name] : names)
    if (v == value) return name;
  return {};
}

template <class E, std::size_t N>
std::optional<E> parseKey(std::string_view text, const std::array<std::pair<E, std::string_view>, N>& names) {
  for (const auto& [v, name] : names)
    if (name == text) return v;
  return std::nullopt;
}

constexpr std::array<std::pair<Shape, std::string_view>, 5> kShapes{{
    {Shape::Circle, "circle"},
    {Shape::Square, "square"},
    {Shape::Diamond, "diamond"},
    {Shape::Triangle, "triangle"},
    {Shape::Hexagon, "hexagon"},
}};
constexpr std::array<std::pair<Direction, std::string_view>, 3> kDirections{{
    {Direction::Directed, "directed"},
    {Direction::Undirected, "undirected"},
    {Direction::Mutual, "mutual"},
}};
constexpr std::array<std::pair<TieStatus, std::string_view>, 3> kTieStatuses{{
    {TieStatus::Planned, "planned"},
    {TieStatus::Active, "active"},
    {TieStatus::Ended, "ended"},
}};
constexpr std::array<std::pair<AgreementStatus, std::string_view>, 7> kAgreementStatuses{{
    {AgreementStatus::Idea, "idea"},
    {AgreementStatus::Discussion, "discussion"},
    {AgreementStatus::Agreed, "agreed"},
    {AgreementStatus::Formalised, "formalised"},
    {AgreementStatus::Practice, "practice"},
    {AgreementStatus::Evaluated, "evaluated"},
    {AgreementStatus::Stopped, "stopped"},
}};
constexpr std::array<std::pair<Reach, std::string_view>, 2> kReaches{{
    {Reach::Formal, "formal"},
    {Reach::Any, "any"},
}};

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

template <class T>
const T* byKey(const Table<T>& table, std::string_view key) {
  for (const auto& [id, row] : table)
    if (row.key == key) return &row;
  return nullptr;
}

}  // namespace

std::optional<Color> Color::parse(std::string_view hex) {
  if (hex.size() != 7 || hex[0] != '#') return std::nullopt;
  std::uint8_t channels[3];
  for (int i = 0; i < 3; ++i) {
    int hi = hexDigit(hex[1 + 2 * i]), lo = hexDigit(hex[2 + 2 * i]);
    if (hi < 0 || lo < 0) return std::nullopt;
    channels[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return Color{channels[0], channels[1], channels[2]};
}

std::string Color::toString() const {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
  return buf;
}

std::string_view key(Shape v) { return keyOf(v, kShapes); }
std::string_view key(Direction v) { return keyOf(v, kDirections); }
std::string_view key(TieStatus v) { return keyOf(v, kTieStatuses); }
std::string_view key(AgreementStatus v) { return keyOf(v, kAgreementStatuses); }
std::string_view key(Reach v) { return keyOf(v, kReaches); }
std::optional<Shape> parseShape(std::string_view s) { return parseKey(s, kShapes); }
std::optional<Direction> parseDirection(std::string_view s) { return parseKey(s, kDirections); }
std::optional<TieStatus> parseTieStatus(std::string_view s) { return parseKey(s, kTieStatuses); }
std::optional<AgreementStatus> parseAgreementStatus(std::string_view s) { return parseKey(s, kAgreementStatuses); }
std::optional<Reach> parseReach(std::string_view s) { return parseKey(s, kReaches); }

AgreementStatus Agreement::status() const { return history.empty() ? AgreementStatus::Idea : history.back().status; }

std::optional<AgreementStatus> Agreement::statusOn(Date date) const {
  std::optional<AgreementStatus> result;
  for (const auto& change : history) {
    if (change.date > date) break;
    result = change.status;
  }
  return result;
}

const ActorType* Model::actorTypeByKey(std::string_view k) const { return byKey(actorTypes, k); }
const TieType* Model::tieTypeByKey(std::string_view k) const { return byKey(tieTypes, k); }
const AgreementType* Model::agreementTypeByKey(std::string_view k) const { return byKey(agreementTypes, k); }
const Sector* Model::sectorByKey(std::string_view k) const { return byKey(sectors, k); }

}  // namespace nestmap
