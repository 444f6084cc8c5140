// What the C++ face costs over calling the Rust API directly, in one process and one run:
//
//   empty call   sandbox.invoke<const char *>(zlibVersion)  vs  Sandbox::call (typed, Rust)
//   PNG decode   cordon::Decoder::decode (C++)              vs  cordon::Decoder::decode (Rust)
//
// The two sides alternate in rounds; each reports the median round. The PNG (1024 x 1024 RGB,
// a smooth pattern with noise) is made here, compressed by zlib in a sandbox.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <cordon/cordon.hpp>
#include <cordon/sandbox.hpp>

using Clock = std::chrono::steady_clock;

static double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

static void put32(std::vector<std::uint8_t> &out, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(std::uint8_t(v >> s));
}

// A PNG chunk, its CRC computed by zlib's crc32 in the sandbox.
static void chunk(cordon::Sandbox &zlib, std::vector<std::uint8_t> &out, const char *type,
                  const std::vector<std::uint8_t> &data) {
  put32(out, std::uint32_t(data.size()));
  std::vector<std::uint8_t> typed(type, type + 4);
  typed.insert(typed.end(), data.begin(), data.end());
  out.insert(out.end(), typed.begin(), typed.end());
  auto in = zlib.copy_to_sandbox(typed.data(), typed.size());
  std::uint32_t crc = zlib.invoke<std::uint32_t>("crc32", 0u, in, std::uint32_t(typed.size()))
                          .unverified_safe_because("a checksum written into a test file");
  zlib.free_in_sandbox(in);
  put32(out, crc);
}

static std::vector<std::uint8_t> make_png(std::uint32_t side) {
  std::vector<std::uint8_t> raw;
  std::uint32_t seed = 1;
  for (std::uint32_t y = 0; y < side; y++) {
    raw.push_back(0);  // filter: none
    for (std::uint32_t x = 0; x < side; x++) {
      seed = seed * 1103515245u + 12345u;
      double v = std::sin(x * 0.02) + std::cos(y * 0.03) + std::sin((x + y) * 0.01);
      raw.push_back(std::uint8_t(128 + 40 * v + (seed >> 28)));
      raw.push_back(std::uint8_t(x ^ y));
      raw.push_back(std::uint8_t((x * y) >> 6));
    }
  }
  cordon::Library library = cordon::Library::open("zlib");
  cordon::Sandbox zlib(library);
  auto source = zlib.copy_to_sandbox(raw.data(), raw.size());
  std::uint32_t bound = zlib.invoke<std::uint32_t>("compressBound", std::uint32_t(raw.size()))
                            .copy_and_verify_range(1, 64u << 20, "bound");
  auto dest = zlib.malloc_in_sandbox<std::uint8_t>(bound);
  auto dest_len = zlib.malloc_in_sandbox<std::uint32_t>();
  zlib.write(dest_len, bound);
  zlib.invoke<int>("compress", dest, dest_len, source, std::uint32_t(raw.size()))
      .copy_and_verify_range(0, 0, "compress status");
  std::uint32_t len = zlib.read(dest_len).copy_and_verify_range(1, bound, "compressed length");
  std::vector<std::uint8_t> idat =
      zlib.copy_from_sandbox(dest, len).unverified_safe_because("becomes a test file");

  std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  std::vector<std::uint8_t> ihdr;
  put32(ihdr, side);
  put32(ihdr, side);
  ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});
  chunk(zlib, png, "IHDR", ihdr);
  chunk(zlib, png, "IDAT", idat);
  chunk(zlib, png, "IEND", {});
  return png;
}

int main() {
  const int rounds = 15;

  // Empty call.
  cordon::Library zlib = cordon::Library::open("zlib");
  cordon::Sandbox sandbox(zlib);
  cordon::Function version = zlib.function("zlibVersion");
  const std::uint32_t calls = 200000;
  std::vector<double> cxx_call, rust_call;
  for (int r = 0; r < rounds; r++) {
    auto start = Clock::now();
    for (std::uint32_t i = 0; i < calls; i++) {
      auto p = sandbox.invoke<const char *>(version);
      asm volatile("" : : "r"(&p) : "memory");
    }
    cxx_call.push_back(std::chrono::duration<double, std::nano>(Clock::now() - start).count() / calls);
    rust_call.push_back(double(cordon::ffi::reference_call_nanos("zlib", "zlibVersion", calls)) /
                        calls);
  }

  // 1 MP PNG decode.
  std::vector<std::uint8_t> png = make_png(1024);
  cordon::Decoder decoder;
  decoder.decode(png);
  const std::uint32_t decodes = 5;
  std::vector<double> cxx_decode, rust_decode;
  for (int r = 0; r < rounds; r++) {
    auto start = Clock::now();
    for (std::uint32_t i = 0; i < decodes; i++) {
      cordon::Image image = decoder.decode(png);
      asm volatile("" : : "r"(image.pixels.data()) : "memory");
    }
    cxx_decode.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count() / decodes);
    rust_decode.push_back(double(cordon::ffi::reference_decode_nanos(
                              rust::Slice<const std::uint8_t>(png.data(), png.size()), decodes)) /
                          decodes / 1e6);
  }

  double c = median(cxx_call), r = median(rust_call);
  std::printf("empty call      C++ %7.1f ns   Rust %7.1f ns   C++/Rust %.3f (+%.1f ns)\n", c, r, c / r, c - r);
  double cd = median(cxx_decode), rd = median(rust_decode);
  std::printf("1 MP PNG decode C++ %7.2f ms   Rust %7.2f ms   C++/Rust %.3f (target < 1.05)\n", cd, rd, cd / rd);
  std::printf("(%d rounds, medians; PNG %zu bytes)\n", rounds, png.size());
  return 0;
}
