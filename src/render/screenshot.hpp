#pragma once
#include <filesystem>
#include <string>

namespace nestmap {

/// Reads the current OpenGL framebuffer (width × height) and writes it as a PNG.
/// Returns an empty string on success, else the reason it failed.
std::string writeFramebufferPng(int width, int height, const std::filesystem::path& path);

}  // namespace nestmap
