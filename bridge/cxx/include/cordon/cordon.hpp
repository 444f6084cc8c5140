// Cordon for C++: decode untrusted images with C libraries running in Cordon sandboxes
// (WebAssembly nanoprocesses inside this process: no host imports, their own memory, a memory
// cap and a per-call deadline). A crash, hang or memory bomb in a library is a C++ exception;
// the sandbox is rebuilt and the next call works.
//
//   #include <cordon/cordon.hpp>
//   std::vector<std::uint8_t> bytes = read_file("photo.jpg");
//   cordon::Image image = cordon::decode(bytes);      // RGBA8, any supported format
//   use(image.width, image.height, image.pixels.data());
//
// Errors are exceptions derived from cordon::Error (itself a std::runtime_error):
// InvalidImage (the library's message), LimitExceeded, OutOfMemory, UnknownFormat,
// Unsupported, Fault (with its FaultKind: deadline, memory limit, out-of-bounds access...),
// VerificationError and SandboxError.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "rust/cxx.h"
#include "cordon-cxx/src/lib.rs.h"

namespace cordon {

using ffi::ErrorKind;
using ffi::FaultKind;
using ffi::Format;
using ffi::Animation;
using ffi::Frame;
using ffi::Image;
using ffi::ImageInfo;
using ffi::PixelFormat;

// ---------------------------------------------------------------------------------------------
// Errors

// Base of every Cordon exception. what() is the whole message.
class Error : public std::runtime_error {
public:
  explicit Error(const ffi::ErrorInfo &info)
      : std::runtime_error(std::string(info.message)), kind_(info.kind),
        library_message_(std::string(info.library_message)) {}
  ErrorKind kind() const noexcept { return kind_; }
  // The library's own words (escaped to printable ASCII); empty when it said nothing.
  const std::string &library_message() const noexcept { return library_message_; }

private:
  ErrorKind kind_;
  std::string library_message_;
};

// The library rejected the input as corrupt, truncated or not of its format.
class InvalidImage : public Error {
public:
  explicit InvalidImage(const ffi::ErrorInfo &info) : Error(info), format_(info.format) {}
  Format format() const noexcept { return format_; }

private:
  Format format_;
};

// Dimensions, pixel count, input size or frame count over a limit; nothing was decoded.
class LimitExceeded : public Error {
  using Error::Error;
};

// The library ran out of memory under the sandbox's memory cap and said so.
class OutOfMemory : public Error {
  using Error::Error;
};

// The bytes are of no format Cordon decodes.
class UnknownFormat : public Error {
  using Error::Error;
};

// A known format's variant that is not supported.
class Unsupported : public Error {
  using Error::Error;
};

// The library faulted (trap, deadline, memory cap, stack overflow). Contained: the sandbox
// discarded the instance and the next call runs in a fresh one.
class Fault : public Error {
public:
  explicit Fault(const ffi::ErrorInfo &info) : Error(info), fault_kind_(info.fault) {}
  FaultKind fault_kind() const noexcept { return fault_kind_; }

private:
  FaultKind fault_kind_;
};

// A value the library returned failed verification; nothing of it was used.
class VerificationError : public Error {
public:
  using Error::Error;
  explicit VerificationError(const std::string &what)
      : Error(ffi::ErrorInfo{ErrorKind::Verification, FaultKind::None, Format::None,
                             rust::String::lossy(what), rust::String()}) {}
};

// The sandbox could not be created or was used wrongly (pool full, wrong argument types, a
// pointer into an instance that no longer exists).
class SandboxError : public Error {
  using Error::Error;
};

namespace detail {
// Throw the typed exception for this thread's last failure.
[[noreturn]] inline void throw_last_error() {
  ffi::ErrorInfo info = ffi::last_error();
  switch (info.kind) {
  case ErrorKind::Invalid:
    throw InvalidImage(info);
  case ErrorKind::LimitExceeded:
    throw LimitExceeded(info);
  case ErrorKind::OutOfMemory:
    throw OutOfMemory(info);
  case ErrorKind::UnknownFormat:
    throw UnknownFormat(info);
  case ErrorKind::Unsupported:
    throw Unsupported(info);
  case ErrorKind::Fault:
    throw Fault(info);
  case ErrorKind::Verification:
    throw VerificationError(info);
  default:
    throw SandboxError(info);
  }
}

[[noreturn]] inline void usage(const std::string &message);

// Run a bridge call, turning cxx's rust::Error into the typed exception, and cxx's refusal of
// text that is not UTF-8 (a std::invalid_argument from rust::Str) into a SandboxError, so
// that every error is a cordon::Error.
template <typename F> auto call(F &&f) -> decltype(f()) {
  try {
    return f();
  } catch (const rust::Error &) {
    throw_last_error();
  } catch (const std::invalid_argument &e) {
    usage(std::string("text passed to Cordon must be UTF-8 (") + e.what() + ")");
  }
}

// A misuse of the low-level API.
[[noreturn]] inline void usage(const std::string &message) {
  throw SandboxError(ffi::ErrorInfo{ErrorKind::Sandbox, FaultKind::None, Format::None,
                                    rust::String::lossy(message), rust::String()});
}

inline rust::Slice<const std::uint8_t> bytes(const void *data, std::size_t len) {
  return rust::Slice<const std::uint8_t>(static_cast<const std::uint8_t *>(data), len);
}
} // namespace detail

// ---------------------------------------------------------------------------------------------
// Decoding

// Limits of a decode, starting from Cordon's defaults: 32768 x 32768, 64 Mi pixels, 1,000
// frames and 256 Mi pixels in all of an animation's frames, 256 MiB of input, 512 MiB of
// sandbox memory, 10 s per call.
struct Limits {
  std::uint32_t max_width = ffi::default_limits().max_width;
  std::uint32_t max_height = ffi::default_limits().max_height;
  std::uint64_t max_pixels = ffi::default_limits().max_pixels;
  std::uint32_t max_frames = ffi::default_limits().max_frames;
  std::uint64_t max_animation_pixels = ffi::default_limits().max_animation_pixels;
  std::uint64_t max_input_bytes = ffi::default_limits().max_input_bytes;
  // Memory cap of each sandbox, in bytes.
  std::uint64_t max_memory_bytes = ffi::default_limits().max_memory_bytes;
  // Per-call deadline, in milliseconds.
  std::uint64_t deadline_ms = ffi::default_limits().deadline_ms;

  ffi::Limits to_ffi() const {
    return ffi::Limits{max_width,       max_height,      max_pixels,
                       max_frames,      max_animation_pixels, max_input_bytes,
                       max_memory_bytes, deadline_ms};
  }
};

// Decode any supported format (sniffed from the bytes) to 8-bit RGBA, with default limits, in
// this thread's sandboxes (one per format, reused).
inline Image decode(const void *data, std::size_t len) {
  return detail::call([&] { return ffi::decode(detail::bytes(data, len)); });
}
inline Image decode(const std::vector<std::uint8_t> &bytes) {
  return decode(bytes.data(), bytes.size());
}

// Read any supported format's header without decoding the pixels.
inline ImageInfo info(const void *data, std::size_t len) {
  return detail::call([&] { return ffi::info(detail::bytes(data, len)); });
}
inline ImageInfo info(const std::vector<std::uint8_t> &bytes) {
  return info(bytes.data(), bytes.size());
}

// Decode every frame of an animation (GIF), each the whole canvas after it with its delay;
// a still image is one frame. `plays` is how many times it plays in all, 0 for forever.
inline Animation animation(const void *data, std::size_t len) {
  return detail::call([&] { return ffi::animation(detail::bytes(data, len)); });
}
inline Animation animation(const std::vector<std::uint8_t> &bytes) {
  return animation(bytes.data(), bytes.size());
}

// A decoder with its own limits and sandboxes (one per format, reused; a fresh instance after
// a fault). Movable, not copyable; use one per thread.
class Decoder {
public:
  Decoder() : Decoder(Limits()) {}
  explicit Decoder(const Limits &limits)
      : inner_(detail::call([&] { return ffi::new_decoder(limits.to_ffi()); })) {}

  Image decode(const void *data, std::size_t len) {
    return detail::call([&] { return inner_->decode(detail::bytes(data, len)); });
  }
  Image decode(const std::vector<std::uint8_t> &bytes) {
    return decode(bytes.data(), bytes.size());
  }
  // Decode at a reduced size that still covers width x height where the format can (JPEG's
  // 1/2, 1/4, 1/8 scaling), for thumbnails; other formats decode at full size.
  Image decode_at_least(const std::vector<std::uint8_t> &bytes, std::uint32_t width,
                        std::uint32_t height) {
    return detail::call([&] {
      return inner_->decode_at_least(detail::bytes(bytes.data(), bytes.size()), width, height);
    });
  }
  ImageInfo info(const std::vector<std::uint8_t> &bytes) {
    return detail::call(
        [&] { return inner_->info(detail::bytes(bytes.data(), bytes.size())); });
  }
  Animation animation(const std::vector<std::uint8_t> &bytes) {
    return detail::call(
        [&] { return inner_->animation(detail::bytes(bytes.data(), bytes.size())); });
  }
  // Faults contained so far.
  std::uint64_t faults() { return inner_->faults(); }

private:
  rust::Box<ffi::Decoder> inner_;
};

// A PNG that arrives in pieces (from a network, a pipe), decoded as it comes by libpng's
// progressive reader in a sandbox of its own: push each piece, finish() after the last. A
// corrupt file or one over the limits throws from the push that shows it (for a header over
// the limits, before any pixel buffer exists); after any exception the stream is over.
//
//   cordon::PngStream stream;
//   while (receive(piece)) stream.push(piece);       // stream.info() once has_info()
//   cordon::Image image = stream.finish();
class PngStream {
public:
  PngStream() : PngStream(Limits()) {}
  explicit PngStream(const Limits &limits)
      : inner_(detail::call([&] { return ffi::new_png_stream(limits.to_ffi()); })) {}

  void push(const void *data, std::size_t len) {
    detail::call([&] { inner_->push(detail::bytes(data, len)); });
  }
  void push(const std::vector<std::uint8_t> &bytes) { push(bytes.data(), bytes.size()); }
  // Whether the header has arrived (and passed the limits).
  bool has_info() const { return inner_->has_info(); }
  // The header: dimensions, bit depth, alpha. Throws InvalidImage before it has arrived.
  ImageInfo info() const {
    return detail::call([&] { return inner_->stream_info(); });
  }
  // After the last piece: the image, RGBA8. Throws InvalidImage if the file was truncated.
  Image finish() {
    return detail::call([&] { return inner_->finish(); });
  }

private:
  rust::Box<ffi::PngStream> inner_;
};

inline const char *to_string(Format format) {
  switch (format) {
  case Format::Png:
    return "PNG";
  case Format::Jpeg:
    return "JPEG";
  case Format::Gif:
    return "GIF";
  case Format::WebP:
    return "WebP";
  case Format::Font:
    return "font";
  default:
    return "none";
  }
}

inline const char *to_string(FaultKind kind) {
  switch (kind) {
  case FaultKind::Deadline:
    return "deadline exceeded";
  case FaultKind::MemoryLimit:
    return "memory limit reached";
  case FaultKind::StackOverflow:
    return "stack overflow";
  case FaultKind::Abort:
    return "library aborted";
  case FaultKind::MemoryOutOfBounds:
    return "out-of-bounds memory access";
  case FaultKind::BadIndirectCall:
    return "bad indirect call";
  case FaultKind::Arithmetic:
    return "arithmetic trap";
  case FaultKind::Callback:
    return "host callback failed";
  case FaultKind::None:
    return "none";
  default:
    return "other trap";
  }
}

} // namespace cordon
