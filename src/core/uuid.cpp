#include "core/uuid.hpp"

#include <pthread.h>

#include <atomic>
#include <random>

namespace nestmap {
namespace {

// FNV-1a, 64 bit; two differently seeded passes give the 128 bits of a
// name-based id. Not cryptographic: it only has to be stable and spread well.
std::uint64_t fnv1a(std::string_view a, std::string_view b, std::uint64_t seed) {
  std::uint64_t h = 14695981039346656037ull ^ seed;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
  };
  mix(a);
  mix(std::string_view("\x1f", 1));
  mix(b);
  // Final avalanche (splitmix64) so that similar names differ in every byte.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

std::atomic<unsigned> g_forks{0};

void setVersion(Uuid& id, std::uint8_t version) {
  id.bytes[6] = static_cast<std::uint8_t>((id.bytes[6] & 0x0f) | (version << 4));
  id.bytes[8] = static_cast<std::uint8_t>((id.bytes[8] & 0x3f) | 0x80);
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Uuid Uuid::random() {
  // Reseeded after fork(): a child must not repeat its parent's sequence.
  // (A fork counter, not getpid(): a system call per id is slow in VMs.)
  static const bool registered = [] { return pthread_atfork(nullptr, nullptr, [] { ++g_forks; }) == 0; }();
  (void)registered;
  thread_local std::mt19937_64 engine;
  thread_local unsigned seededAt = ~0u;
  if (unsigned forks = g_forks.load(std::memory_order_relaxed); forks != seededAt) {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    engine.seed(seed);
    seededAt = forks;
  }
  Uuid id;
  for (int half = 0; half < 2; ++half) {
    std::uint64_t v = engine();
    for (int i = 0; i < 8; ++i) id.bytes[half * 8 + i] = static_cast<std::uint8_t>(v >> (8 * i));
  }
  setVersion(id, 4);
  return id;
}

Uuid Uuid::fromName(std::string_view ns, std::string_view name) {
  Uuid id;
  std::uint64_t a = fnv1a(ns, name, 0x6e6573746d6170ull);
  std::uint64_t b = fnv1a(ns, name, 0x9e3779b97f4a7c15ull);
  for (int i = 0; i < 8; ++i) {
    id.bytes[i] = static_cast<std::uint8_t>(a >> (8 * i));
    id.bytes[8 + i] = static_cast<std::uint8_t>(b >> (8 * i));
  }
  setVersion(id, 8);  // RFC 9562 version 8: custom, name-based
  return id;
}

std::optional<Uuid> Uuid::parse(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  Uuid id;
  int byte = 0;
  for (std::size_t i = 0; i < 36;) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return std::nullopt;
      ++i;
      continue;
    }
    int hi = hexValue(text[i]), lo = hexValue(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    id.bytes[byte++] = static_cast<std::uint8_t>(hi * 16 + lo);
    i += 2;
  }
  return id;
}

bool Uuid::isNil() const {
  for (auto b : bytes)
    if (b != 0) return false;
  return true;
}

std::string Uuid::toString() const {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0x0f];
  }
  return out;
}

}  // namespace nestmap
