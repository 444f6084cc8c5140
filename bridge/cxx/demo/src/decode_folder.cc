// C++ compiled by cargo through cxx-build, using Cordon's C++ API exactly as a CMake project
// does: `#include <cordon/cordon.hpp>`, typed exceptions.
#include "cordon-cxx-demo/include/decode_folder.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <cordon/cordon.hpp>

std::uint32_t decode_folder(rust::Str folder) {
  std::vector<std::filesystem::path> files;
  for (const auto &entry : std::filesystem::directory_iterator(std::string(folder))) {
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::uint32_t decoded = 0;
  for (const auto &path : files) {
    std::ifstream in(path, std::ios::binary);
    std::vector<std::uint8_t> bytes(std::istreambuf_iterator<char>(in), {});
    try {
      cordon::Image image = cordon::decode(bytes);
      std::printf("%-32s %ux%u\n", path.filename().c_str(), image.width, image.height);
      ++decoded;
    } catch (const cordon::Error &e) {
      std::printf("%-32s refused: %s\n", path.filename().c_str(), e.what());
    }
  }
  return decoded;
}
