// cordon/font.hpp: text rendered by FreeType inside a Cordon sandbox, for C++.
//
//   cordon::FontRenderer fonts;                       // one sandbox, reused
//   cordon::FontInfo info = fonts.info(font_bytes);   // family, style, format, metrics
//   cordon::TextLine line = fonts.render(font_bytes, "Hello", 48);
//   // line.coverage: line.height rows of line.width bytes, 0 (none) to 255 (full)
//
// Errors are the exceptions of <cordon/cordon.hpp>: a broken font is cordon::InvalidImage
// (format() == cordon::Format::Font), a line over the limits cordon::LimitExceeded, a hinting
// program that never ends cordon::Fault (the next call gets a fresh sandbox).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cordon/cordon.hpp"

namespace cordon {

using ffi::FontInfo;
using ffi::TextLine;

class FontRenderer {
public:
  explicit FontRenderer(const Limits &limits = Limits{})
      : inner_(detail::call([&] { return ffi::new_font_renderer(limits.to_ffi()); })) {}

  // Face `face_index` of the font file's bytes.
  FontInfo info(const std::vector<std::uint8_t> &font, std::uint32_t face_index = 0) {
    return detail::call([&] {
      return inner_->font_info(detail::bytes(font.data(), font.size()), face_index);
    });
  }

  // One line of UTF-8 text at `size_px` pixels per em, hinted unless asked not to be. No
  // shaping engine: one glyph per code point, kerning from the `kern` table.
  TextLine render(const std::vector<std::uint8_t> &font, const std::string &text,
                  std::uint32_t size_px, bool hinting = true, std::uint32_t face_index = 0) {
    return detail::call([&] {
      return inner_->render_text(detail::bytes(font.data(), font.size()), face_index,
                                 rust::Str(text.data(), text.size()), size_px, hinting);
    });
  }

  // Faults contained so far.
  std::uint64_t faults() { return inner_->faults(); }

private:
  rust::Box<ffi::FontRenderer> inner_;
};

} // namespace cordon
