//! Fonts for C++: `cordon::FontRenderer` (a sandboxed FreeType reused across calls), the
//! `cordon-font` crate's renderer behind the same error model.

use crate::error::Failure;
use crate::ffi::{FontInfo, Limits, TextLine};

/// A sandboxed FreeType with limits of its own (the C++ `cordon::FontRenderer`).
pub struct FontRenderer(cordon::font::FontRenderer);

/// A renderer with `limits` (image size limits bound the line bitmap).
pub fn new_font_renderer(limits: &Limits) -> Result<Box<FontRenderer>, Failure> {
    let renderer = cordon::font::FontRenderer::with_limits(crate::high::limits(limits))?;
    Ok(Box::new(FontRenderer(renderer)))
}

impl FontRenderer {
    /// Open face `face_index` of `font` and report it.
    pub fn font_info(&mut self, font: &[u8], face_index: u32) -> Result<FontInfo, Failure> {
        let info = self.0.info(font, face_index)?;
        Ok(FontInfo {
            faces: info.faces,
            face_index: info.face_index,
            glyphs: info.glyphs,
            units_per_em: info.units_per_em,
            ascender: info.ascender,
            descender: info.descender,
            line_height: info.line_height,
            family: info.family,
            style: info.style,
            format: info.format,
            scalable: info.scalable,
            kerning: info.kerning,
            fixed_width: info.fixed_width,
            hinted: info.hinted,
            italic: info.italic,
            bold: info.bold,
        })
    }

    /// Lay out and render one line of UTF-8 `text` to 8-bit coverage.
    pub fn render_text(
        &mut self,
        font: &[u8],
        face_index: u32,
        text: &str,
        size_px: u32,
        hinting: bool,
    ) -> Result<TextLine, Failure> {
        let options = cordon::font::TextOptions {
            hinting,
            ..cordon::font::TextOptions::px(size_px)
        };
        let line = self.0.render_line(font, face_index, text, &options)?;
        Ok(TextLine {
            width: line.width,
            height: line.height,
            baseline: line.baseline,
            advance: line.advance,
            glyphs: line.glyphs,
            missing: line.missing,
            coverage: line.coverage,
        })
    }

    /// Faults contained so far.
    pub fn faults(&mut self) -> u64 {
        self.0.sandbox().faults()
    }
}
