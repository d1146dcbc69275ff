#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "platform/output_file.hpp"

namespace nestmap {

/// Reads the current OpenGL framebuffer (width × height) and writes it as a PNG at `path`
/// through writeOutputFile() (temporary file, atomic move, `output`'s rules on an existing
/// file). Throws a UserError when it cannot be read or written.
void writeFramebufferPng(int width, int height, const std::filesystem::path& path, const OutputOptions& output);
/// RGBA pixels as glReadPixels gives them (rows bottom-up) as the bytes of an opaque PNG,
/// top row first; empty when the encoder fails.
std::string encodeReadPixelsPng(std::vector<std::uint8_t> pixels, int width, int height);

}  // namespace nestmap
