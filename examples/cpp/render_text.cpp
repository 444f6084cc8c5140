// Render a line of text with FreeType inside a Cordon sandbox, from C++, and write it as a
// PGM image (black text on white). A font file that is not a font is refused with a typed
// exception.
//
//   render_text FONT "text" SIZE_PX OUT.pgm
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <cordon/font.hpp>

int main(int argc, char **argv) {
  if (argc != 5) {
    std::cerr << "usage: render_text FONT TEXT SIZE_PX OUT.pgm\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::vector<std::uint8_t> font(std::istreambuf_iterator<char>(in), {});
  try {
    cordon::FontRenderer renderer;
    const cordon::FontInfo info = renderer.info(font);
    const cordon::TextLine line =
        renderer.render(font, argv[2], static_cast<std::uint32_t>(std::atoi(argv[3])));
    std::ofstream out(argv[4], std::ios::binary);
    out << "P5\n" << line.width << " " << line.height << "\n255\n";
    for (std::uint8_t coverage : line.coverage) out.put(static_cast<char>(255 - coverage));
    std::cout << std::string(info.family) << " " << std::string(info.style) << ": "
              << line.glyphs << " glyphs, " << line.width << "x" << line.height << " px -> "
              << argv[4] << "\n";
  } catch (const cordon::InvalidImage &e) {
    std::cerr << "not a usable font (" << cordon::to_string(e.format()) << "): " << e.what() << "\n";
    return 1;
  } catch (const cordon::Error &e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
