#pragma once
// [SECTION] ids and small value types
// [SECTION] taxonomy records
// [SECTION] nest template records
// [SECTION] map records: actor, contact, tie, agreement, view
// [SECTION] Table and Model

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/big_allocator.hpp"
#include "core/date.hpp"
#include "core/uuid.hpp"

namespace nestmap {

// ---------------------------------------------------------------------------
// [SECTION] ids and small value types

/// Integer row id of a record (SQLite rowid); 0 means "none".
using RowId = std::int64_t;

/// An sRGB colour, stored as #rrggbb.
struct Color {
  std::uint8_t r = 0, g = 0, b = 0;
  static std::optional<Color> parse(std::string_view hex);
  std::string toString() const;
  friend bool operator==(const Color&, const Color&) = default;
};

enum class Shape { Circle, Square, Diamond, Triangle, Hexagon };
enum class Direction { Directed, Undirected, Mutual };
enum class TieStatus { Planned, Active, Ended };
/// The agreement workflow: idea → discussion → agreed → formalised → practice → evaluated, or stopped.
enum class AgreementStatus { Idea, Discussion, Agreed, Formalised, Practice, Evaluated, Stopped };
/// How a nest category must be reached: only through an agreement, or by any active tie.
enum class Reach { Formal, Any };

// Stable text keys of the enums, as stored in files and CSV.
std::string_view key(Shape v);
std::string_view key(Direction v);
std::string_view key(TieStatus v);
std::string_view key(AgreementStatus v);
std::string_view key(Reach v);
std::optional<Shape> parseShape(std::string_view s);
std::optional<Direction> parseDirection(std::string_view s);
std::optional<TieStatus> parseTieStatus(std::string_view s);
std::optional<AgreementStatus> parseAgreementStatus(std::string_view s);
std::optional<Reach> parseReach(std::string_view s);

inline constexpr AgreementStatus kAllAgreementStatuses[] = {
    AgreementStatus::Idea,     AgreementStatus::Discussion, AgreementStatus::Agreed,  AgreementStatus::Formalised,
    AgreementStatus::Practice, AgreementStatus::Evaluated,  AgreementStatus::Stopped,
};

// ---------------------------------------------------------------------------
// [SECTION] taxonomy records

/// A sector of care or government (justice, youth care, education, ...).
struct Sector {
  RowId id = 0;
  Uuid uuid;
  std::string key, nameNl, nameEn;
  Color color;
  int sort = 0;
  friend bool operator==(const Sector&, const Sector&) = default;
};

/// A kind of actor, with how it is drawn and where it sits in care.
struct ActorType {
  RowId id = 0;
  Uuid uuid;
  std::string key, nameNl, nameEn;
  RowId sectorId = 0;
  Color color;
  Shape shape = Shape::Circle;
  int line = 1;  ///< 0 informal, 1 first line, 2 second line, 3 justice/government
  int sort = 0;
  friend bool operator==(const ActorType&, const ActorType&) = default;
};

/// A kind of tie (referral, consultation, ...).
struct TieType {
  RowId id = 0;
  Uuid uuid;
  std::string key, nameNl, nameEn;
  Color color;
  bool directed = false;
  int sort = 0;
  friend bool operator==(const TieType&, const TieType&) = default;
};

/// A kind of agreement (cooperation agreement, protocol, ...).
struct AgreementType {
  RowId id = 0;
  Uuid uuid;
  std::string key, nameNl, nameEn;
  int sort = 0;
  friend bool operator==(const AgreementType&, const AgreementType&) = default;
};

/// Label and colour of one agreement status of the fixed workflow.
struct StatusLabel {
  RowId id = 0;
  Uuid uuid;
  AgreementStatus status = AgreementStatus::Idea;
  std::string nameNl, nameEn;
  Color color;
  friend bool operator==(const StatusLabel&, const StatusLabel&) = default;
};

// ---------------------------------------------------------------------------
// [SECTION] nest template records

/// The set of service categories every prison's network should reach.
struct NestTemplate {
  RowId id = 0;
  Uuid uuid;
  std::string key, name, description;
  int hopLimit = 2;
  friend bool operator==(const NestTemplate&, const NestTemplate&) = default;
};

/// One service category of a nest template.
struct NestCategory {
  RowId id = 0;
  Uuid uuid;
  RowId templateId = 0;
  std::string key, nameNl, nameEn;
  std::vector<RowId> actorTypeIds;  ///< actor types that count for this category
  Reach reach = Reach::Any;
  std::optional<int> hopLimit;  ///< empty: the template's
  double radiusKm = 25;
  double weight = 1;
  int sort = 0;
  friend bool operator==(const NestCategory&, const NestCategory&) = default;
};

// ---------------------------------------------------------------------------
// [SECTION] map records: actor, contact, tie, agreement, view

/// An organisation, or a team or service inside one.
struct Actor {
  RowId id = 0;
  Uuid uuid;
  std::string externalId;  ///< id in the source it was imported from (demo key, GraphML node id)
  std::string name, shortName;
  RowId typeId = 0;
  RowId parentId = 0;
  std::string address, postcode, municipality;
  std::optional<double> latitude, longitude;
  std::string province, eerstelijnszone, judicialDistrict;
  int line = 1;
  int influence = 0, interest = 0;  ///< 0–5
  std::vector<std::string> tags;
  std::string notes;
  std::map<std::string, std::string> customFields;
  std::optional<Date> validFrom, validTo;
  friend bool operator==(const Actor&, const Actor&) = default;
};

/// A professional contact person (or role mailbox) of an actor.
struct Contact {
  RowId id = 0;
  Uuid uuid;
  RowId actorId = 0;
  std::string name, role, email, phone, notes;
  bool personalData = true;  ///< names a person: left out of share-safe exports
  friend bool operator==(const Contact&, const Contact&) = default;
};

/// A typed relation between two actors; several per pair are allowed.
struct Tie {
  RowId id = 0;
  Uuid uuid;
  RowId sourceId = 0, targetId = 0;
  RowId typeId = 0;
  Direction direction = Direction::Undirected;
  int strength = 2;  ///< 1–3
  TieStatus status = TieStatus::Active;
  std::optional<Date> validFrom, validTo;
  std::string sourceNote;
  std::optional<double> weight;  ///< a numeric weight (imported graphs); empty: the strength is the weight
  std::map<std::string, std::string> customFields;
  friend bool operator==(const Tie&, const Tie&) = default;
};

struct StatusChange {
  Date date;
  AgreementStatus status = AgreementStatus::Idea;
  std::string note;
  friend bool operator==(const StatusChange&, const StatusChange&) = default;
};

struct AgreementParty {
  RowId actorId = 0;
  std::string role;
  friend bool operator==(const AgreementParty&, const AgreementParty&) = default;
};

struct AgreementDocument {
  std::string title, reference;
  friend bool operator==(const AgreementDocument&, const AgreementDocument&) = default;
};

/// An afspraak between two or more parties, with its dated status history.
struct Agreement {
  RowId id = 0;
  Uuid uuid;
  std::string title;
  RowId typeId = 0;
  RowId scopePrisonId = 0;  ///< 0: holds for every prison
  std::vector<AgreementParty> parties;
  std::vector<StatusChange> history;  ///< in date order; the last is the current status
  std::string owner;
  std::optional<Date> reviewDate;
  int workPackage = 0;              ///< 1–5, 0 none
  std::vector<int> buildingBlocks;  ///< bouwstenen 1–8, ascending
  std::vector<AgreementDocument> documents;
  std::string notes;

  /// The current status (the last history entry); Idea when there is no history.
  AgreementStatus status() const;
  /// The status on `date`, nullopt when the agreement did not exist yet.
  std::optional<AgreementStatus> statusOn(Date date) const;
  friend bool operator==(const Agreement&, const Agreement&) = default;
};

struct ViewPosition {
  double x = 0, y = 0;
  bool pinned = false;
  friend bool operator==(const ViewPosition&, const ViewPosition&) = default;
};

/// A saved filter + decoration + layout + camera ("Alliantie-overzicht").
struct View {
  RowId id = 0;
  Uuid uuid;
  std::string name;
  std::string filterJson = "{}", decorationJson = "{}";
  std::string layout;
  double cameraX = 0, cameraY = 0, zoom = 1;
  friend bool operator==(const View&, const View&) = default;
};

/// One entry of the change log kept in the file.
struct ChangeLogEntry {
  RowId id = 0;
  std::string time;  ///< ISO 8601, UTC
  std::string user;
  std::string description;
  std::vector<Uuid> affected;
};

/// The map's own properties.
struct MapInfo {
  Uuid uuid;
  std::string name, description;
  std::string created;  ///< ISO 8601, UTC
  friend bool operator==(const MapInfo&, const MapInfo&) = default;
};

// ---------------------------------------------------------------------------
// [SECTION] Table and Model

/// Records of one kind by row id, iterated in id order.
///
/// Stored as one vector sorted by id: loading appends, lookups are binary
/// searches, iteration is contiguous (what snapshots and layouts walk), and
/// 500k ties cost no per-record allocation. Inserting or erasing in the middle
/// moves the tail, which edits of single records can afford.
template <class T>
class Table {
 public:
  /// What iteration yields: `for (const auto& [id, row] : table)`.
  struct Entry {
    RowId id;
    const T& row;
  };

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Entry;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Entry;

    const_iterator() = default;
    explicit const_iterator(const T* p) : m_p(p) {}
    Entry operator*() const { return {m_p->id, *m_p}; }
    const_iterator& operator++() {
      ++m_p;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator old = *this;
      ++m_p;
      return old;
    }
    friend bool operator==(const const_iterator&, const const_iterator&) = default;

   private:
    const T* m_p = nullptr;
  };

  const T* find(RowId id) const {
    auto it = lowerBound(id);
    return it != m_rows.end() && it->id == id ? &*it : nullptr;
  }
  T* find(RowId id) {
    auto it = lowerBound(id);
    return it != m_rows.end() && it->id == id ? &*it : nullptr;
  }
  bool contains(RowId id) const { return find(id) != nullptr; }
  /// Inserts or replaces the record with `row.id`.
  void put(T row) {
    if (m_rows.empty() || row.id > m_rows.back().id) {
      m_rows.push_back(std::move(row));
      return;
    }
    auto it = lowerBound(row.id);
    if (it != m_rows.end() && it->id == row.id)
      *it = std::move(row);
    else
      m_rows.insert(it, std::move(row));
  }
  /// Appends a default record with `id`, which must exceed every id held; for loaders.
  T& append(RowId id) {
    T& row = m_rows.emplace_back();
    row.id = id;
    return row;
  }
  /// Moves every record of `other`, whose ids all exceed ours, to the end; for loaders.
  void appendAll(Table&& other) {
    m_rows.insert(m_rows.end(), std::make_move_iterator(other.m_rows.begin()),
                  std::make_move_iterator(other.m_rows.end()));
    other.m_rows.clear();
  }
  void erase(RowId id) {
    auto it = lowerBound(id);
    if (it != m_rows.end() && it->id == id) m_rows.erase(it);
  }
  void clear() { m_rows.clear(); }
  void reserve(std::size_t n) { m_rows.reserve(n); }
  /// The id a new record gets: one above the largest.
  RowId nextId() const { return m_rows.empty() ? 1 : m_rows.back().id + 1; }
  std::size_t size() const { return m_rows.size(); }
  bool empty() const { return m_rows.empty(); }

  const_iterator begin() const { return const_iterator(m_rows.data()); }
  const_iterator end() const { return const_iterator(m_rows.data() + m_rows.size()); }
  /// The records in id order.
  std::vector<const T*> rows() const {
    std::vector<const T*> out;
    out.reserve(m_rows.size());
    for (const T& row : m_rows) out.push_back(&row);
    return out;
  }
  /// The records in id order, contiguous.
  const std::vector<T, BigAllocator<T>>& records() const { return m_rows; }

  friend bool operator==(const Table&, const Table&) = default;

 private:
  auto lowerBound(RowId id) const {
    return std::lower_bound(m_rows.begin(), m_rows.end(), id, [](const T& row, RowId key) { return row.id < key; });
  }
  auto lowerBound(RowId id) {
    return std::lower_bound(m_rows.begin(), m_rows.end(), id, [](const T& row, RowId key) { return row.id < key; });
  }

  std::vector<T, BigAllocator<T>> m_rows;
};

/// Positions of the actors in one view.
using ViewPositions = std::map<RowId, ViewPosition>;

/// Everything a map holds, in memory. Changed only by commands (src/edit).
struct Model {
  MapInfo info;
  Table<Sector> sectors;
  Table<ActorType> actorTypes;
  Table<TieType> tieTypes;
  Table<AgreementType> agreementTypes;
  Table<StatusLabel> statusLabels;
  Table<NestTemplate> nestTemplates;
  Table<NestCategory> nestCategories;
  Table<Actor> actors;
  Table<Contact> contacts;
  Table<Tie> ties;
  Table<Agreement> agreements;
  Table<View> views;
  std::map<RowId, ViewPositions> positions;  ///< by view id

  template <class T>
  Table<T>& table();
  template <class T>
  const Table<T>& table() const {
    return const_cast<Model*>(this)->table<T>();
  }

  const ActorType* actorTypeByKey(std::string_view key) const;
  const TieType* tieTypeByKey(std::string_view key) const;
  const AgreementType* agreementTypeByKey(std::string_view key) const;
  const Sector* sectorByKey(std::string_view key) const;

  friend bool operator==(const Model&, const Model&) = default;
};

// clang-format off
template <> inline Table<Sector>& Model::table<Sector>() { return sectors; }
template <> inline Table<ActorType>& Model::table<ActorType>() { return actorTypes; }
template <> inline Table<TieType>& Model::table<TieType>() { return tieTypes; }
template <> inline Table<AgreementType>& Model::table<AgreementType>() { return agreementTypes; }
template <> inline Table<StatusLabel>& Model::table<StatusLabel>() { return statusLabels; }
template <> inline Table<NestTemplate>& Model::table<NestTemplate>() { return nestTemplates; }
template <> inline Table<NestCategory>& Model::table<NestCategory>() { return nestCategories; }
template <> inline Table<Actor>& Model::table<Actor>() { return actors; }
template <> inline Table<Contact>& Model::table<Contact>() { return contacts; }
template <> inline Table<Tie>& Model::table<Tie>() { return ties; }
template <> inline Table<Agreement>& Model::table<Agreement>() { return agreements; }
template <> inline Table<View>& Model::table<View>() { return views; }
// clang-format on

}  // namespace nestmap
