#include "core/uuid.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <set>

using nestmap::Uuid;

namespace {

int version(const Uuid& id) { return id.bytes[6] >> 4; }
int variantBits(const Uuid& id) { return id.bytes[8] >> 6; }

}  // namespace

TEST_CASE("Uuid parses the 36-character form and writes it back", "[uuid]") {
  auto id = Uuid::parse("123e4567-e89b-12d3-a456-426614174000");
  REQUIRE(id.has_value());
  CHECK(id->bytes[0] == 0x12);
  CHECK(id->bytes[1] == 0x3e);
  CHECK(id->bytes[6] == 0x12);
  CHECK(id->bytes[15] == 0x00);
  CHECK(id->toString() == "123e4567-e89b-12d3-a456-426614174000");

  // Upper case is read, lower case is written.
  auto upper = Uuid::parse("ABCDEF01-2345-6789-ABCD-EF0123456789");
  REQUIRE(upper.has_value());
  CHECK(upper->bytes[0] == 0xab);
  CHECK(upper->toString() == "abcdef01-2345-6789-abcd-ef0123456789");

  Uuid r = Uuid::random();
  CHECK(Uuid::parse(r.toString()) == r);
}

TEST_CASE("Uuid::parse rejects what is not a UUID", "[uuid]") {
  CHECK_FALSE(Uuid::parse("").has_value());
  CHECK_FALSE(Uuid::parse("123e4567-e89b-12d3-a456-42661417400").has_value());    // 35 chars
  CHECK_FALSE(Uuid::parse("123e4567-e89b-12d3-a456-4266141740000").has_value());  // 37 chars
  CHECK_FALSE(Uuid::parse("123e4567e89b-12d3-a456-4266141740000").has_value());   // dash moved
  CHECK_FALSE(Uuid::parse("123e4567-e89b-12d3-a456_426614174000").has_value());   // wrong separator
  CHECK_FALSE(Uuid::parse("123e4567-e89b-12d3-a456-42661417400g").has_value());   // not hex
  CHECK_FALSE(Uuid::parse("{23e4567-e89b-12d3-a456-426614174000").has_value());
  CHECK_FALSE(Uuid::parse(" 23e4567-e89b-12d3-a456-426614174000").has_value());
  CHECK_FALSE(Uuid::parse("123e4567-e89b-12d3-a456-42661417400 ").has_value());
}

TEST_CASE("Uuid::isNil is true only for all zeros", "[uuid]") {
  CHECK(Uuid{}.isNil());
  CHECK(Uuid{}.toString() == "00000000-0000-0000-0000-000000000000");
  auto nil = Uuid::parse("00000000-0000-0000-0000-000000000000");
  REQUIRE(nil.has_value());
  CHECK(nil->isNil());
  auto one = Uuid::parse("00000000-0000-0000-0000-000000000001");
  REQUIRE(one.has_value());
  CHECK_FALSE(one->isNil());
  CHECK_FALSE(Uuid::random().isNil());
}

TEST_CASE("Uuid::random gives distinct version 4 ids", "[uuid]") {
  std::set<Uuid> seen;
  for (int i = 0; i < 100; ++i) {
    Uuid id = Uuid::random();
    CHECK(version(id) == 4);
    CHECK(variantBits(id) == 2);  // RFC 4122 variant 10xx
    CHECK(id.toString()[14] == '4');
    seen.insert(id);
  }
  CHECK(seen.size() == 100);
}

TEST_CASE("Uuid::fromName is deterministic and depends on namespace and name", "[uuid]") {
  Uuid a = Uuid::fromName("nestmap:demo", "actor/prison_gent");
  CHECK(a == Uuid::fromName("nestmap:demo", "actor/prison_gent"));
  CHECK_FALSE(a.isNil());
  CHECK(version(a) == 8);
  CHECK(variantBits(a) == 2);

  CHECK(a != Uuid::fromName("nestmap:demo", "actor/prison_brugge"));
  CHECK(a != Uuid::fromName("nestmap:data", "actor/prison_gent"));
  // The separator keeps ("ab", "c") and ("a", "bc") apart.
  CHECK(Uuid::fromName("ab", "c") != Uuid::fromName("a", "bc"));
  CHECK(Uuid::fromName("", "") != Uuid::fromName("", "x"));

  // Names that differ in one character differ in both halves.
  Uuid b = Uuid::fromName("nestmap:demo", "actor/prison_genu");
  bool firstHalf = false, secondHalf = false;
  for (int i = 0; i < 6; ++i) firstHalf |= a.bytes[i] != b.bytes[i];
  for (int i = 9; i < 16; ++i) secondHalf |= a.bytes[i] != b.bytes[i];
  CHECK(firstHalf);
  CHECK(secondHalf);

  std::set<Uuid> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(Uuid::fromName("ns", "actor/" + std::to_string(i)));
  CHECK(seen.size() == 1000);
}

TEST_CASE("Uuids are ordered by their bytes", "[uuid]") {
  auto low = Uuid::parse("00000000-0000-0000-0000-000000000001");
  auto high = Uuid::parse("01000000-0000-0000-0000-000000000000");
  REQUIRE(low.has_value());
  REQUIRE(high.has_value());
  CHECK(*low < *high);
  CHECK_FALSE(*high < *low);
  CHECK(Uuid{} < *low);
}

TEST_CASE("a forked child does not repeat its parent's random UUIDs", "[core][uuid]") {
  // The parent draws first, so that its generator is seeded before the fork:
  // a child that inherited the state unchanged would produce the same ids.
  (void)nestmap::Uuid::random();
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    nestmap::Uuid id = nestmap::Uuid::random();
    _exit(write(fds[1], id.bytes.data(), 16) == 16 ? 0 : 1);
  }
  nestmap::Uuid mine = nestmap::Uuid::random();
  nestmap::Uuid theirs;
  REQUIRE(read(fds[0], theirs.bytes.data(), 16) == 16);
  int status = 0;
  waitpid(child, &status, 0);
  close(fds[0]);
  close(fds[1]);
  CHECK_FALSE(mine == theirs);
}
