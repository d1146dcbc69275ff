#pragma once
#include "core/model.hpp"

namespace nestmap::test {

/// A small map in which every field of every record type holds a value that
/// differs from its default, so that a round trip that drops a field fails.
///
///   prison(1) ── psd(2, parent 1)
///      │  \__________ tie 2 (planned, mutual)
///    tie 1 (referral)    (tie 2 to vk)
///      │                  caw(3) ── tie 3 ── vk(4)
///   agreement 1: prison, caw, vk (history idea → discussion → agreed)
Model sampleModel();

}  // namespace nestmap::test
