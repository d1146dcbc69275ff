#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace nestmap {

/// Reads the current OpenGL framebuffer (width × height) and writes it as a PNG.
/// Returns an empty string on success, else the reason it failed.
std::string writeFramebufferPng(int width, int height, const std::filesystem::path& path);
/// Writes RGBA pixels as glReadPixels gives them (rows bottom-up) as an opaque PNG, top row first;
/// false when the file cannot be written.
bool writeReadPixelsPng(std::vector<std::uint8_t> pixels, int width, int height, const std::filesystem::path& path);

}  // namespace nestmap
