#include "render/screenshot.hpp"

#include <GL/gl.h>
#include <stb_image_write.h>

#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace nestmap {

void writeFramebufferPng(int width, int height, const std::filesystem::path& path, const OutputOptions& output) {
  if (width <= 0 || height <= 0) throw UserError(UserError::Kind::Io, tr("screenshot.read_failed"));
  const auto w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height);
  std::vector<std::uint8_t> pixels(w * h * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  if (glGetError() != GL_NO_ERROR) throw UserError(UserError::Kind::Io, tr("screenshot.read_failed"));
  const std::string png = encodeReadPixelsPng(std::move(pixels), width, height);
  if (png.empty()) throw UserError(UserError::Kind::Io, trf("screenshot.write_failed", {path.string()}));
  writeOutputBytes(path, output, png);
}

std::string encodeReadPixelsPng(std::vector<std::uint8_t> pixels, int width, int height) {
  const auto w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height);
  // OpenGL's rows run bottom-up, PNG's top-down.
  std::vector<std::uint8_t> row(w * 4);
  for (std::size_t y = 0; y < h / 2; ++y) {
    std::uint8_t* a = pixels.data() + y * w * 4;
    std::uint8_t* b = pixels.data() + (h - 1 - y) * w * 4;
    std::memcpy(row.data(), a, w * 4);
    std::memcpy(a, b, w * 4);
    std::memcpy(b, row.data(), w * 4);
  }
  // Blending leaves alpha below 1 where it drew; the window and an exported picture are opaque.
  for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;
  // Encoded in memory: stbi_write_png() would not notice a short write to a full disk.
  std::string png;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
  };
  if (!stbi_write_png_to_func(append, &png, width, height, 4, pixels.data(), width * 4)) return {};
  return png;
}

}  // namespace nestmap
