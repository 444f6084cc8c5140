// Tests of Cordon's C++ face, run by ctest (see CMakeLists.txt here): results equal to the
// Rust API byte for byte, typed exceptions on bad input, hostile modules contained with the
// process alive, several threads, and (in the ASan build) no leaks or memory errors.
//
//   cordon_tests REPO_ROOT [TEST_NAME...]
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <cordon/cordon.hpp>
#include <cordon/font.hpp>
#include <cordon/sandbox.hpp>

namespace fs = std::filesystem;

static fs::path root;
static int checks_failed = 0;

#define CHECK(cond)                                                                             \
  do {                                                                                          \
    if (!(cond)) {                                                                              \
      std::fprintf(stderr, "  %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);          \
      ++checks_failed;                                                                          \
    }                                                                                           \
  } while (0)

// `expr` must throw exactly `E` (or a subclass); returns the exception for further checks.
#define CHECK_THROWS(E, expr, ...)                                                              \
  do {                                                                                          \
    try {                                                                                       \
      (void)(expr);                                                                             \
      std::fprintf(stderr, "  %s:%d: %s did not throw %s\n", __FILE__, __LINE__, #expr, #E);   \
      ++checks_failed;                                                                          \
    } catch (const E &error) {                                                                  \
      __VA_ARGS__;                                                                              \
    } catch (const std::exception &other) {                                                     \
      std::fprintf(stderr, "  %s:%d: %s threw another exception: %s\n", __FILE__, __LINE__,     \
                   #expr, other.what());                                                        \
      ++checks_failed;                                                                          \
    }                                                                                           \
  } while (0)

static std::vector<std::uint8_t> read_file(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// The digest Rust computes in cordon_cxx::reference_digest: FNV-1a over width, height
// (little-endian u32) and the pixels, computed here over what crossed the bridge.
static std::uint64_t digest(const cordon::Image &image) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  auto feed = [&](const std::uint8_t *p, std::size_t n) {
    for (std::size_t i = 0; i < n; i++) hash = (hash ^ p[i]) * 0x100000001b3ull;
  };
  for (std::uint32_t v : {image.width, image.height}) {
    std::uint8_t le[4] = {std::uint8_t(v), std::uint8_t(v >> 8), std::uint8_t(v >> 16),
                          std::uint8_t(v >> 24)};
    feed(le, 4);
  }
  feed(image.pixels.data(), image.pixels.size());
  return hash;
}

// Every decodable sample: the bundled images, the JPEG corpus, PngSuite's valid files.
static std::vector<fs::path> samples() {
  std::vector<fs::path> files;
  auto add = [&](const fs::path &dir, const std::string &prefix_to_skip, const std::string &ext) {
    for (const auto &entry : fs::directory_iterator(dir)) {
      std::string name = entry.path().filename().string();
      if (name.rfind(prefix_to_skip, 0) == 0 || entry.path().extension() != ext) continue;
      files.push_back(entry.path());
    }
  };
  add(root / "examples/images", "hostile-", ".png");
  add(root / "examples/images", "hostile-", ".jpg");
  add(root / "examples/images", "hostile-", ".gif");
  add(root / "bridge/libs/gif/testdata", "-", ".gif");
  add(root / "examples/images", "hostile-", ".webp");
  add(root / "bridge/libs/jpeg/testdata", "corrupt_", ".jpg");
  add(root / "third_party/libpng-testdata/pngsuite", "x", ".png");
  std::sort(files.begin(), files.end());
  return files;
}

// ---------------------------------------------------------------------------------------------

static void decode_equals_rust_byte_for_byte() {
  int compared = 0;
  for (const auto &path : samples()) {
    std::vector<std::uint8_t> bytes = read_file(path);
    if (path.filename() == "testorig12.jpg") {  // 12-bit: unsupported in both
      CHECK_THROWS(cordon::Unsupported, cordon::decode(bytes));
      continue;
    }
    cordon::Image image = cordon::decode(bytes);
    cordon::ImageInfo info = cordon::info(bytes);
    CHECK(image.width == info.width && image.height == info.height);
    CHECK(image.pixel_format == cordon::PixelFormat::Rgba8);
    CHECK(image.pixels.size() == std::size_t(image.width) * image.height * 4);
    std::uint64_t rust = cordon::ffi::reference_digest(
        rust::Slice<const std::uint8_t>(bytes.data(), bytes.size()));
    if (digest(image) != rust) {
      std::fprintf(stderr, "  %s differs from the Rust API\n", path.string().c_str());
      ++checks_failed;
    }
    // The same through a Decoder of one's own.
    cordon::Decoder decoder;
    CHECK(digest(decoder.decode(bytes)) == rust);
    ++compared;
  }
  CHECK(compared > 60);
  std::printf("  %d files equal to the Rust API\n", compared);
}

static void info_reports_the_header() {
  auto jpeg = read_file(root / "bridge/libs/jpeg/testdata/gen_exif_orient6.jpg");
  cordon::ImageInfo info = cordon::info(jpeg);
  CHECK(info.format == cordon::Format::Jpeg);
  CHECK(info.orientation == 6);
  auto png = read_file(root / "examples/images/gradient-rgba16-256.png");
  info = cordon::info(png);
  CHECK(info.format == cordon::Format::Png && info.bit_depth == 16 && info.has_alpha);
  CHECK(info.width == 256 && info.height == 256);
}

static void animations_frame_by_frame() {
  auto gif = read_file(root / "examples/images/spinner-48.gif");
  cordon::Animation animation = cordon::animation(gif);
  CHECK(animation.width == 48 && animation.height == 48);
  CHECK(animation.frames.size() == 8);
  CHECK(animation.plays == 0);  // forever
  for (const cordon::Frame &frame : animation.frames) {
    CHECK(frame.delay_ms == 80);
    CHECK(frame.image.pixels.size() == 48 * 48 * 4);
  }
  CHECK(digest(animation.frames[0].image) == digest(cordon::decode(gif)));
  CHECK(digest(animation.frames[0].image) != digest(animation.frames[1].image));
  CHECK(cordon::info(gif).frames == 8 && cordon::info(gif).format == cordon::Format::Gif);
  // A still image is one frame, played once.
  auto png = read_file(root / "examples/images/palette-icon-32.png");
  cordon::Animation still = cordon::animation(png);
  CHECK(still.frames.size() == 1 && still.plays == 1);
  // The frame limit, through the C++ Limits.
  cordon::Limits few;
  few.max_frames = 3;
  cordon::Decoder decoder(few);
  CHECK_THROWS(cordon::LimitExceeded, decoder.animation(gif));
  CHECK(decoder.animation(png).frames.size() == 1);
  // The library itself, bundled by name.
  cordon::Library giflib = cordon::Library::open("gif");
  CHECK(giflib.name() == "gif");
  CHECK(cordon::Library::open("webp").name() == "webp");
  // An animated WebP through the same call.
  auto webp = read_file(root / "bridge/libs/webp/testdata/anim_pillow.webp");
  cordon::Animation moving = cordon::animation(webp);
  CHECK(moving.frames.size() == 6 && moving.plays == 0);
  CHECK(cordon::info(webp).format == cordon::Format::WebP);
}

static void limits_and_scaled_decoding() {
  auto photo = read_file(root / "examples/images/photo-227x149.jpg");
  cordon::Limits small;
  small.max_pixels = 1000;
  cordon::Decoder strict(small);
  CHECK_THROWS(cordon::LimitExceeded, strict.decode(photo),
               CHECK(error.kind() == cordon::ErrorKind::LimitExceeded));
  cordon::Limits tiny_input;
  tiny_input.max_input_bytes = 100;
  cordon::Decoder refuses_input(tiny_input);
  CHECK_THROWS(cordon::LimitExceeded, refuses_input.decode(photo));
  cordon::Decoder decoder;
  cordon::Image thumb = decoder.decode_at_least(photo, 50, 30);
  CHECK(thumb.width >= 50 && thumb.height >= 30 && thumb.width < 227);
  CHECK(decoder.faults() == 0);
}

static void corrupt_input_throws_typed_exceptions() {
  auto images = root / "examples/images";
  CHECK_THROWS(cordon::InvalidImage, cordon::decode(read_file(images / "hostile-truncated.png")),
               CHECK(error.format() == cordon::Format::Png);
               CHECK(!error.library_message().empty()));
  CHECK_THROWS(cordon::InvalidImage, cordon::decode(read_file(images / "hostile-bad-huffman.jpg")),
               CHECK(error.format() == cordon::Format::Jpeg);
               CHECK(std::string(error.what()).find("Huffman") != std::string::npos));
  CHECK_THROWS(cordon::LimitExceeded,
               cordon::decode(read_file(images / "hostile-bomb-100000x100000.png")));
  CHECK_THROWS(cordon::UnknownFormat, cordon::decode(read_file(images / "hostile-not-a-png.png")));
  CHECK_THROWS(cordon::UnknownFormat, cordon::decode(nullptr, 0));
  // Every exception is a cordon::Error and a std::runtime_error.
  CHECK_THROWS(std::runtime_error, cordon::info(read_file(images / "hostile-not-a-png.png")));

  // Mutated files: a typed exception or an image, never anything else.
  std::mt19937 random(7);
  int refused = 0, decoded = 0;
  for (const char *name : {"plasma-512.png", "photo-227x149.jpg", "palette-icon-32.png"}) {
    auto original = read_file(images / name);
    for (int i = 0; i < 60; i++) {
      auto bytes = original;
      for (int m = 0; m < 1 + i % 8; m++) bytes[random() % bytes.size()] = std::uint8_t(random());
      if (i % 5 == 0) bytes.resize(random() % bytes.size());
      try {
        cordon::Image image = cordon::decode(bytes);
        CHECK(image.pixels.size() == std::size_t(image.width) * image.height * 4);
        ++decoded;
      } catch (const cordon::Error &) {
        ++refused;
      }
    }
  }
  CHECK(refused > 0);
  std::printf("  mutated files: %d decoded, %d refused with cordon::Error\n", decoded, refused);
}

// A module that misbehaves behind each export, with a well-behaved `ok`.
static const char hostile_wat[] = R"((module
  (memory (export "memory") 1)
  (data (i32.const 16) "the library gave up\00")
  (func (export "cordon_message") (result i32) i32.const 16)
  (func (export "ok") (param i32) (result i32) local.get 0 i32.const 1 i32.add)
  (func (export "spin") (loop br 0))
  (func (export "grow_forever") (result i32)
    (loop i32.const 16 memory.grow i32.const -1 i32.ne br_if 0)
    unreachable)
  (func (export "abort_with_message") i32.const 16 i32.const 84 i32.store8 unreachable)
  (func (export "bad_store") i32.const -4 i32.const 1 i32.store)
  (func $recurse (export "recurse") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $recurse)
  (func (export "divide") (param i32) (result i32) i32.const 1 local.get 0 i32.div_u)
))";

static void hostile_module_faults_are_exceptions() {
  cordon::Library hostile = cordon::Library::from_wasm("hostile", hostile_wat, sizeof hostile_wat - 1);
  cordon::Sandbox sandbox(hostile, 8 << 20, 200);
  auto ok = [&] { return sandbox.invoke<int>("ok", 41).copy_and_verify_range(42, 42, "ok"); };
  CHECK(ok() == 42);
  CHECK_THROWS(cordon::Fault, sandbox.invoke<void>("spin"),
               CHECK(error.fault_kind() == cordon::FaultKind::Deadline));
  CHECK(ok() == 42);
  CHECK_THROWS(cordon::Fault, sandbox.invoke<int>("grow_forever"),
               CHECK(error.fault_kind() == cordon::FaultKind::MemoryLimit));
  CHECK(ok() == 42);
  CHECK_THROWS(cordon::Fault, sandbox.invoke<void>("abort_with_message"),
               CHECK(error.fault_kind() == cordon::FaultKind::Abort);
               CHECK(error.library_message() == "The library gave up"));
  CHECK_THROWS(cordon::Fault, sandbox.invoke<void>("bad_store"),
               CHECK(error.fault_kind() == cordon::FaultKind::MemoryOutOfBounds));
  CHECK_THROWS(cordon::Fault, sandbox.invoke<int>("recurse", 0),
               CHECK(error.fault_kind() == cordon::FaultKind::StackOverflow));
  CHECK_THROWS(cordon::Fault, sandbox.invoke<int>("divide", 0),
               CHECK(error.fault_kind() == cordon::FaultKind::Arithmetic));
  CHECK(ok() == 42);
  CHECK(sandbox.faults() == 6);
  // A module that imports anything is refused.
  const char importing[] = R"((module (import "env" "system" (func (param i32)))))";
  CHECK_THROWS(cordon::SandboxError,
               cordon::Library::from_wasm("importer", importing, sizeof importing - 1));
}

static void low_level_misuse_is_refused() {
  cordon::Library zlib = cordon::Library::open("zlib");
  cordon::Sandbox sandbox(zlib);
  CHECK_THROWS(cordon::SandboxError, cordon::Library::open("libtiff"));
  // Text that is not UTF-8 is a cordon::Error like every other, not cxx's invalid_argument.
  CHECK_THROWS(cordon::SandboxError, cordon::Library::open("lib\xff"));
  CHECK_THROWS(cordon::SandboxError, sandbox.invoke<int>("system", 0));
  CHECK_THROWS(cordon::SandboxError, sandbox.invoke<double>("zlibVersion"));  // returns i32
  CHECK_THROWS(cordon::SandboxError, sandbox.invoke<int>("compressBound"));  // one parameter
  CHECK_THROWS(cordon::SandboxError, sandbox.invoke<int>("compressBound", 1.5));  // not f64
  CHECK(sandbox.invoke<std::uint32_t>("compressBound", 1000u).copy_and_verify_range(1000, 2000,
                                                                                     "bound") > 1000);

  // Reads and writes are bounds-checked.
  auto buffer = sandbox.malloc_in_sandbox<std::uint8_t>(16);
  CHECK_THROWS(cordon::SandboxError, sandbox.copy_from_sandbox(buffer.offset(0xfffffff0u - 64), 64));
  CHECK_THROWS(cordon::SandboxError, buffer.offset(0xffffffffu).offset(2));

  // A fault inside zlib: compress() told to write far outside its memory.
  auto source = sandbox.copy_to_sandbox("hello hello hello", 17);
  auto length = sandbox.malloc_in_sandbox<std::uint32_t>();
  sandbox.write(length, 1000u);
  auto far = buffer.offset(0xf0000000u);
  CHECK_THROWS(cordon::Fault, sandbox.invoke<int>("compress", far, length, source, 17u),
               CHECK(error.fault_kind() == cordon::FaultKind::MemoryOutOfBounds));
  // Pointers into the faulted instance are refused, not reinterpreted in the fresh one:
  // passed to a call (before any other use made the fresh instance), read or freed.
  CHECK_THROWS(cordon::SandboxError, sandbox.invoke<int>("compress", source, length, source, 17u));
  CHECK_THROWS(cordon::SandboxError, sandbox.read(length));
  CHECK_THROWS(cordon::SandboxError, sandbox.free_in_sandbox(buffer));
  // And the sandbox works again.
  auto again = sandbox.copy_to_sandbox("abc", 3);
  CHECK(sandbox.copy_from_sandbox(again, 3).unverified_safe_because("compared") ==
        std::vector<std::uint8_t>({'a', 'b', 'c'}));
  // Nor does a pointer from another sandbox of the same library pass for one of this one.
  cordon::Sandbox other(zlib);
  auto foreign = other.copy_to_sandbox("xyz", 3);
  CHECK_THROWS(cordon::SandboxError, sandbox.copy_from_sandbox(foreign, 3));
  CHECK_THROWS(cordon::SandboxError, sandbox.invoke<int>("compress", foreign, length, again, 3u));
  CHECK(sandbox.faults() == 1);
}

static void several_threads() {
  std::vector<std::vector<std::uint8_t>> inputs;
  std::vector<std::uint64_t> expected;
  for (const char *name : {"plasma-512.png", "photo-227x149.jpg", "progressive-227x149.jpg",
                           "palette-icon-32.png"}) {
    inputs.push_back(read_file(root / "examples/images" / name));
    expected.push_back(digest(cordon::decode(inputs.back())));
  }
  auto truncated = read_file(root / "examples/images/hostile-truncated.png");
  cordon::Library zlib = cordon::Library::open("zlib");
  std::atomic<int> failures{0}, decodes{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&, t] {
      cordon::Sandbox sandbox(zlib);
      cordon::Decoder decoder;
      for (int i = 0; i < 12; i++) {
        std::size_t k = std::size_t(t + i) % inputs.size();
        bool same = digest(i % 2 ? cordon::decode(inputs[k]) : decoder.decode(inputs[k])) == expected[k];
        failures += !same;
        decodes += 1;
        try {
          cordon::decode(truncated);
          failures += 1;
        } catch (const cordon::InvalidImage &) {
        }
        std::uint32_t bound = sandbox.invoke<std::uint32_t>("compressBound", std::uint32_t(1000 * t))
                                  .copy_and_verify_range(0, 1u << 20, "bound");
        failures += bound < std::uint32_t(1000 * t);
      }
    });
  }
  for (auto &thread : threads) thread.join();
  CHECK(failures == 0);
  CHECK(decodes == 48);
}

static void objects_are_created_and_destroyed_repeatedly() {
  // Lifetimes for the leak checker: libraries, sandboxes, decoders, images and exceptions made
  // and dropped many times.
  auto png = read_file(root / "examples/images/palette-icon-32.png");
  // A sandbox outlives the Library object it was made from.
  std::unique_ptr<cordon::Sandbox> outlives;
  {
    cordon::Library zlib = cordon::Library::open("zlib");
    outlives = std::make_unique<cordon::Sandbox>(zlib);
  }
  CHECK(outlives->invoke<std::uint32_t>("compressBound", 100u).copy_and_verify_range(100, 200,
                                                                                      "bound") > 100);
  for (int i = 0; i < 50; i++) {
    cordon::Library zlib = cordon::Library::open("zlib");
    cordon::Sandbox sandbox(zlib);
    auto ptr = sandbox.copy_to_sandbox(png.data(), png.size());
    sandbox.free_in_sandbox(ptr);
    cordon::Decoder decoder;
    CHECK(decoder.decode(png).width == 32);
    try {
      decoder.decode(png.data(), 20);
    } catch (const cordon::Error &) {
    }
  }
}

// Fonts: the sandboxed FreeType renders the same line C++ receives as Rust renders; broken and
// hostile fonts are typed exceptions and the renderer keeps working.
static void fonts_render_text_as_rust_does() {
  const fs::path fonts = root / "bridge/libs/font/testdata";
  const auto font = read_file(fonts / "DejaVuSans-subset.ttf");
  cordon::FontRenderer renderer;
  const cordon::FontInfo info = renderer.info(font);
  CHECK(std::string(info.family) == "DejaVu Sans" && info.scalable && info.kerning);
  CHECK(std::string(info.format) == "TrueType" && info.faces == 1);

  const std::string text = "Sandboxed text, 48 px: AV";
  const cordon::TextLine line = renderer.render(font, text, 48);
  CHECK(line.width > 100 && line.height > 40 && line.glyphs == text.size() && line.missing == 0);
  CHECK(line.coverage.size() == std::size_t(line.width) * line.height);
  std::vector<std::uint8_t> all(8);
  std::memcpy(all.data(), &line.width, 4);
  std::memcpy(all.data() + 4, &line.height, 4);
  all.insert(all.end(), line.coverage.begin(), line.coverage.end());
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (std::uint8_t b : all) hash = (hash ^ b) * 0x100000001b3ull;
  CHECK(hash == cordon::ffi::reference_text_digest(cordon::detail::bytes(font.data(), font.size()),
                                                   rust::Str(text.data(), text.size()), 48));

  std::vector<std::uint8_t> truncated(font.begin(), font.begin() + 1000);
  CHECK_THROWS(cordon::SandboxError, renderer.render(font, "caf\xe9 in Latin-1", 12));
  CHECK_THROWS(cordon::InvalidImage, renderer.render(truncated, "x", 12),
               CHECK(error.format() == cordon::Format::Font));
  // Slow work against a 1 ms deadline: a fault, and the renderer goes on in a fresh sandbox.
  cordon::Limits hurried;
  hurried.deadline_ms = 1;
  hurried.max_width = UINT32_MAX;
  hurried.max_pixels = UINT64_MAX;
  cordon::FontRenderer slow(hurried);
  CHECK_THROWS(cordon::Fault, slow.render(font, "@@@@@@@@", 3000),
               CHECK(error.fault_kind() == cordon::FaultKind::Deadline));
  CHECK(slow.faults() == 1 && slow.render(font, "ok", 12).width > 0);
  cordon::Limits narrow;
  narrow.max_width = 50;
  cordon::FontRenderer small(narrow);
  CHECK_THROWS(cordon::LimitExceeded, small.render(font, text, 48));
  CHECK(renderer.render(font, "still works", 16).width > 0);
}

// A PNG pushed in pieces of any size decodes to cordon::decode's pixels; the header is known
// as soon as it has arrived; truncated, corrupt and oversized streams throw typed exceptions.
static void png_streams_arrive_in_pieces() {
  for (const char *name : {"plasma-512.png", "palette-icon-32.png"}) {
    std::vector<std::uint8_t> bytes = read_file(root / "examples/images" / name);
    cordon::Image whole = cordon::decode(bytes);
    for (std::size_t piece : {std::size_t(1) << 20, std::size_t(1000), std::size_t(7)}) {
      cordon::PngStream stream;
      CHECK(!stream.has_info());
      CHECK_THROWS(cordon::InvalidImage, stream.info());
      for (std::size_t at = 0; at < bytes.size(); at += piece)
        stream.push(bytes.data() + at, std::min(piece, bytes.size() - at));
      CHECK(stream.has_info());
      cordon::ImageInfo info = stream.info();
      CHECK(info.format == cordon::Format::Png && info.width == whole.width &&
            info.height == whole.height);
      cordon::Image image = stream.finish();
      CHECK(image.pixel_format == cordon::PixelFormat::Rgba8);
      CHECK(digest(image) == digest(whole));
      CHECK_THROWS(cordon::InvalidImage, stream.finish()); // the stream is over
    }
  }
  std::vector<std::uint8_t> bytes = read_file(root / "examples/images/plasma-512.png");
  cordon::PngStream truncated;
  truncated.push(bytes.data(), bytes.size() / 2);
  CHECK_THROWS(cordon::InvalidImage, truncated.finish(),
               CHECK(std::string(error.what()).find("truncated") != std::string::npos));
  cordon::PngStream corrupt;
  CHECK_THROWS(cordon::InvalidImage, corrupt.push(std::vector<std::uint8_t>(100, 'x')));
  CHECK_THROWS(cordon::InvalidImage, corrupt.push(bytes)); // over after the first error
  cordon::Limits small;
  small.max_pixels = 1000;
  cordon::PngStream limited(small);
  CHECK_THROWS(cordon::LimitExceeded, limited.push(bytes));
}

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: cordon_tests REPO_ROOT [TEST...]\n");
    return 2;
  }
  root = argv[1];
  const std::vector<std::pair<const char *, std::function<void()>>> tests = {
      {"decode_equals_rust_byte_for_byte", decode_equals_rust_byte_for_byte},
      {"info_reports_the_header", info_reports_the_header},
      {"limits_and_scaled_decoding", limits_and_scaled_decoding},
      {"animations_frame_by_frame", animations_frame_by_frame},
      {"png_streams_arrive_in_pieces", png_streams_arrive_in_pieces},
      {"corrupt_input_throws_typed_exceptions", corrupt_input_throws_typed_exceptions},
      {"hostile_module_faults_are_exceptions", hostile_module_faults_are_exceptions},
      {"low_level_misuse_is_refused", low_level_misuse_is_refused},
      {"several_threads", several_threads},
      {"objects_are_created_and_destroyed_repeatedly", objects_are_created_and_destroyed_repeatedly},
      {"fonts_render_text_as_rust_does", fonts_render_text_as_rust_does},
  };
  int failed = 0, ran = 0;
  for (const auto &test : tests) {
    bool selected = argc == 2;
    for (int i = 2; i < argc; i++) selected |= std::strcmp(argv[i], test.first) == 0;
    if (!selected) continue;
    int before = checks_failed;
    std::printf("test %s\n", test.first);
    try {
      test.second();
    } catch (const std::exception &e) {
      std::fprintf(stderr, "  unexpected exception: %s\n", e.what());
      ++checks_failed;
    }
    bool ok = checks_failed == before;
    failed += !ok;
    ++ran;
    std::printf("  %s\n", ok ? "ok" : "FAILED");
  }
  std::printf("%d tests, %d failed\n", ran, failed);
  return failed == 0 && ran > 0 ? 0 : 1;
}
