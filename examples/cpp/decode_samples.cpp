// Decode every image in a folder through Cordon from C++: each file is sniffed and decoded by
// its C library (libpng, libjpeg-turbo, giflib) inside a sandbox. Hostile files are refused with a
// typed exception and the program carries on.
//
//   decode_samples FOLDER [OUT_FOLDER]   (writes OUT_FOLDER/<name>.pam, RGBA, when given)
//
// Exit status 1 when an ordinary sample fails, or when a file named hostile-* decodes.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <cordon/cordon.hpp>

namespace fs = std::filesystem;

static std::vector<std::uint8_t> read_file(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

static void write_pam(const fs::path &path, const cordon::Image &image) {
  std::ofstream out(path, std::ios::binary);
  out << "P7\nWIDTH " << image.width << "\nHEIGHT " << image.height
      << "\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n";
  out.write(reinterpret_cast<const char *>(image.pixels.data()),
            static_cast<std::streamsize>(image.pixels.size()));
}

int main(int argc, char **argv) {
  if (argc < 2) {
    std::cerr << "usage: decode_samples FOLDER [OUT_FOLDER]\n";
    return 2;
  }
  std::vector<fs::path> files;
  for (const auto &entry : fs::directory_iterator(argv[1])) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  fs::path out = argc > 2 ? fs::path(argv[2]) : fs::path();
  if (!out.empty()) fs::create_directories(out);

  int unexpected = 0;
  for (const auto &path : files) {
    std::vector<std::uint8_t> bytes = read_file(path);
    std::string name = path.filename().string();
    bool hostile = name.rfind("hostile-", 0) == 0;
    try {
      cordon::ImageInfo info = cordon::info(bytes);
      cordon::Image image = cordon::decode(bytes);
      std::printf("%-36s %-4s %5ux%-5u decoded, %zu bytes of RGBA\n", name.c_str(),
                  cordon::to_string(info.format), image.width, image.height,
                  image.pixels.size());
      if (!out.empty()) write_pam(out / (path.stem().string() + ".pam"), image);
      unexpected += hostile;
    } catch (const cordon::InvalidImage &e) {
      std::printf("%-36s refused: invalid %s (%s)\n", name.c_str(), cordon::to_string(e.format()),
                  e.what());
      unexpected += !hostile;
    } catch (const cordon::LimitExceeded &e) {
      std::printf("%-36s refused: over a limit (%s)\n", name.c_str(), e.what());
      unexpected += !hostile;
    } catch (const cordon::UnknownFormat &e) {
      std::printf("%-36s refused: %s\n", name.c_str(), e.what());
      unexpected += !hostile;
    } catch (const cordon::Fault &e) {
      std::printf("%-36s contained: %s (%s)\n", name.c_str(), cordon::to_string(e.fault_kind()),
                  e.what());
      unexpected += !hostile;
    } catch (const cordon::Error &e) {
      std::printf("%-36s refused: %s\n", name.c_str(), e.what());
      unexpected += !hostile;
    }
  }
  std::printf("%zu files, %d unexpected results\n", files.size(), unexpected);
  return unexpected == 0 ? 0 : 1;
}
