// Cordon's low-level C++ API, the RLBox way: for code porting its own calls into a library
// one at a time. A Sandbox holds one isolated instance of a library; memory is allocated in
// it, copied in and out, and its functions are invoked by name. Everything that comes back is
// tainted: cordon::tainted<T> and cordon::tainted_ptr<T> do not convert to plain values, do
// not compare, and cannot be dereferenced. The ways out verify:
//
//   tainted.copy_and_verify(fn)                 fn(value) checks and returns what to use
//   tainted.copy_and_verify_range(lo, hi, what) a number inside [lo, hi], else VerificationError
//   tainted.unverified_safe_because("reason")   where no value can hurt (greppable)
//
// Pointers are guest addresses tied to the instance that made them: after a fault the
// instance is replaced and old pointers are refused (SandboxError), never reinterpreted.
//
//   cordon::Library zlib = cordon::Library::open("zlib");
//   cordon::Sandbox sandbox(zlib);
//   auto version = sandbox.invoke<const char *>("zlibVersion");
//   std::string v = sandbox.read_string(version, 32).copy_and_verify(
//       [](const std::string &s) { if (s.empty()) throw std::runtime_error("empty"); return s; });
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cordon/cordon.hpp"

namespace cordon {

class Sandbox;

// A value that came out of a sandbox. No implicit conversion, no comparison: verify it.
template <typename T> class tainted {
public:
  // Hand the value to `verifier`, which checks it and returns what the host will use (or
  // throws). RLBox's copy_and_verify.
  template <typename F>
  auto copy_and_verify(F &&verifier) const -> decltype(verifier(std::declval<const T &>())) {
    return verifier(value_);
  }

  // The value if it lies in [min, max]; VerificationError naming `what` otherwise.
  T copy_and_verify_range(T min, T max, const char *what) const {
    static_assert(std::is_arithmetic<T>::value, "ranges are for numbers");
    if (!(value_ >= min && value_ <= max)) {
      throw VerificationError(std::string(what) + " out of range: " + std::to_string(value_));
    }
    return value_;
  }

  // The escape hatch, for values that cannot hurt whatever they are (pixel bytes that are only
  // displayed). State the reason; every use is greppable.
  T unverified_safe_because(const char *reason) const {
    (void)reason;
    return value_;
  }

  // Deliberately absent: operator T, operator==, operator<, operator bool.

private:
  explicit tainted(T value) : value_(std::move(value)) {}
  friend class Sandbox;
  template <typename U> friend class tainted_ptr;
  T value_;
};

// A pointer into a sandbox's memory (a guest address). Cannot be dereferenced by the host: read
// and write through Sandbox, which bounds-checks every access.
template <typename T> class tainted_ptr {
public:
  tainted_ptr() = default;
  // Null is the one value the host may test for without verifying.
  bool is_null() const noexcept { return addr_ == 0; }
  // The address itself, tainted (e.g. to verify it against a known range).
  tainted<std::uint32_t> address() const { return make(addr_); }
  template <typename U> tainted_ptr<U> cast() const { return tainted_ptr<U>(addr_, generation_); }
  // `count` elements further on; SandboxError if that leaves the 32-bit address space.
  tainted_ptr offset(std::uint32_t count) const {
    std::uint64_t addr = std::uint64_t(addr_) + std::uint64_t(count) * sizeof(T);
    if (addr > 0xffffffffu) {
      detail::usage("pointer offset overflows the sandbox's address space");
    }
    return tainted_ptr(std::uint32_t(addr), generation_);
  }

private:
  tainted_ptr(std::uint32_t addr, std::uint64_t generation)
      : addr_(addr), generation_(generation) {}
  static tainted<std::uint32_t> make(std::uint32_t v) { return tainted<std::uint32_t>(v); }
  template <typename U> friend class tainted_ptr;
  friend class Sandbox;
  std::uint32_t addr_ = 0;
  std::uint64_t generation_ = 0;
};

// A function exported by a library, with the signature its module declares.
class Function {
public:
  std::string name() const { return std::string(inner_->name()); }

private:
  explicit Function(rust::Box<ffi::Function> inner) : inner_(std::move(inner)) {}
  friend class Library;
  friend class Sandbox;
  rust::Box<ffi::Function> inner_;
};

// A library module: bundled ("png", "jpeg", "zlib") or compiled from a wasm module at run
// time. Load once, create any number of sandboxes from it.
class Library {
public:
  static Library open(const std::string &name) {
    return Library(detail::call([&] { return ffi::open_library(name); }));
  }
  // A module you built with cordon-build (binary wasm or WAT text); it must import nothing.
  static Library from_wasm(const std::string &name, const void *wasm, std::size_t len) {
    return Library(
        detail::call([&] { return ffi::compile_library(name, detail::bytes(wasm, len)); }));
  }
  static std::vector<std::string> bundled() {
    std::vector<std::string> names;
    for (const auto &name : ffi::bundled_libraries()) {
      names.emplace_back(std::string(name));
    }
    return names;
  }
  std::string name() const { return std::string(inner_->name()); }
  Function function(const std::string &name) const {
    return Function(detail::call([&] { return inner_->function(name); }));
  }

private:
  explicit Library(rust::Box<ffi::Library> inner) : inner_(std::move(inner)) {}
  friend class Sandbox;
  rust::Box<ffi::Library> inner_;
};

namespace detail {
template <typename R> struct invoke_result {
  using type = tainted<R>;
};
template <typename P> struct invoke_result<P *> {
  using type = tainted_ptr<P>;
};
template <> struct invoke_result<void> {
  using type = void;
};

template <typename T> constexpr ffi::ValueType wasm_type() {
  static_assert(std::is_arithmetic<T>::value || std::is_enum<T>::value || std::is_pointer<T>::value,
                "a C function's parameters and results are numbers, enums or pointers");
  if (std::is_pointer<T>::value) {
    return ffi::ValueType::I32;
  } else if (std::is_same<T, float>::value) {
    return ffi::ValueType::F32;
  } else if (std::is_same<T, double>::value) {
    return ffi::ValueType::F64;
  } else if (sizeof(T) == 8) {
    return ffi::ValueType::I64;
  }
  return ffi::ValueType::I32;
}

template <typename T> ffi::Value number(T value) {
  constexpr ffi::ValueType ty = wasm_type<T>();
  std::uint64_t bits = 0;
  if (ty == ffi::ValueType::F32) {
    float f = static_cast<float>(value);
    std::uint32_t b;
    std::memcpy(&b, &f, 4);
    bits = b;
  } else if (ty == ffi::ValueType::F64) {
    double d = static_cast<double>(value);
    std::memcpy(&bits, &d, 8);
  } else {
    bits = static_cast<std::uint64_t>(value);
  }
  return ffi::Value{ty, bits};
}

template <typename T> T from_bits(const ffi::Value &value) {
  if (std::is_same<T, float>::value) {
    float f;
    std::uint32_t b = std::uint32_t(value.bits);
    std::memcpy(&f, &b, 4);
    return static_cast<T>(f);
  } else if (std::is_same<T, double>::value) {
    double d;
    std::memcpy(&d, &value.bits, 8);
    return static_cast<T>(d);
  }
  return static_cast<T>(value.bits);
}
} // namespace detail

// One isolated instance of a library (rebuilt transparently after a fault). Movable, not
// copyable, one thread at a time (use one per thread). It keeps its library alive: the
// Library it was made from may go first.
class Sandbox {
public:
  // `max_memory_bytes` caps its linear memory and `deadline_ms` each call; 0 = the defaults
  // (512 MiB, 10 s).
  explicit Sandbox(const Library &library, std::uint64_t max_memory_bytes = 0,
                   std::uint64_t deadline_ms = 0)
      : inner_(detail::call([&] {
          return ffi::new_sandbox(*library.inner_, max_memory_bytes, deadline_ms);
        })) {}

  // Call `function` with `args` (numbers, enums, tainted values, tainted_ptr of this
  // instance, nullptr). R is the C result type: void, a number, or a pointer (which comes back
  // as tainted_ptr). A fault throws cordon::Fault; the next call runs in a fresh instance.
  template <typename R, typename... Args>
  typename detail::invoke_result<R>::type invoke(const Function &function, Args &&...args) {
    ffi::Value encoded[sizeof...(Args) + 1] = {encode(args)...};
    rust::Slice<const ffi::Value> slice(encoded, sizeof...(Args));
    ffi::Value result =
        detail::call([&] { return inner_->invoke(*function.inner_, slice); });
    return decode_result(function, result, tag<R>{});
  }

  // Call a function by name (looked up once per sandbox, then cached).
  template <typename R, typename... Args>
  typename detail::invoke_result<R>::type invoke(const std::string &name, Args &&...args) {
    auto found = functions_.find(name);
    if (found == functions_.end()) {
      found = functions_
                  .emplace(name, std::unique_ptr<Function>(new Function(detail::call(
                                     [&] { return inner_->function(name); }))))
                  .first;
    }
    return invoke<R>(*found->second, std::forward<Args>(args)...);
  }

  // RLBox's malloc_in_sandbox: room for `count` T inside the sandbox (its malloc).
  template <typename T> tainted_ptr<T> malloc_in_sandbox(std::uint32_t count = 1) {
    std::uint64_t bytes = std::uint64_t(count) * sizeof(T);
    if (bytes > 0xffffffffu) {
      detail::usage("allocation larger than a sandbox's address space");
    }
    std::uint32_t addr = detail::call([&] { return inner_->malloc(std::uint32_t(bytes)); });
    return tainted_ptr<T>(addr, inner_->generation());
  }
  template <typename T> void free_in_sandbox(tainted_ptr<T> ptr) {
    detail::call([&] { inner_->free(ptr.generation_, ptr.addr_); });
  }

  // Copy `len` host bytes to `dest` (bounds-checked).
  template <typename T> void copy_to(tainted_ptr<T> dest, const void *data, std::size_t len) {
    detail::call([&] { inner_->copy_in(dest.generation_, dest.addr_, detail::bytes(data, len)); });
  }
  // Allocate room for `len` bytes and copy them in.
  tainted_ptr<std::uint8_t> copy_to_sandbox(const void *data, std::size_t len) {
    if (len > 0xffffffffu) {
      detail::usage("input larger than a sandbox's address space");
    }
    auto ptr = malloc_in_sandbox<std::uint8_t>(std::uint32_t(len));
    copy_to(ptr, data, len);
    return ptr;
  }
  // Copy `len` bytes out of `src` (bounds-checked), tainted.
  template <typename T>
  tainted<std::vector<std::uint8_t>> copy_from_sandbox(tainted_ptr<T> src, std::uint32_t len) {
    rust::Vec<std::uint8_t> bytes =
        detail::call([&] { return inner_->copy_out(src.generation_, src.addr_, len); });
    return tainted<std::vector<std::uint8_t>>(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
  }
  // Read a NUL-terminated string of at most `max_len` bytes, tainted.
  template <typename T> tainted<std::string> read_string(tainted_ptr<T> src, std::uint32_t max_len) {
    rust::Vec<std::uint8_t> bytes = detail::call(
        [&] { return inner_->read_c_string(src.generation_, src.addr_, max_len); });
    return tainted<std::string>(std::string(bytes.begin(), bytes.end()));
  }
  // Read one number at `src` (wasm is little-endian, as is every host Cordon runs on).
  template <typename T> tainted<T> read(tainted_ptr<T> src) {
    static_assert(std::is_arithmetic<T>::value, "read numbers; copy structs out as bytes");
    rust::Vec<std::uint8_t> bytes =
        detail::call([&] { return inner_->copy_out(src.generation_, src.addr_, sizeof(T)); });
    T value;
    std::memcpy(&value, bytes.data(), sizeof(T));
    return tainted<T>(value);
  }
  template <typename T> void write(tainted_ptr<T> dest, T value) {
    static_assert(std::is_arithmetic<T>::value, "write numbers; copy structs in as bytes");
    copy_to(dest, &value, sizeof(T));
  }

  // Faults contained so far.
  std::uint64_t faults() const { return inner_->faults(); }
  // Size of the live instance's memory, in bytes.
  std::uint64_t memory_size() { return detail::call([&] { return inner_->memory_size(); }); }

private:
  template <typename R> struct tag {};

  template <typename T> ffi::Value encode(const T &arg) {
    static_assert(!std::is_pointer<T>::value && !std::is_array<T>::value,
                  "host pointers cannot enter a sandbox: copy the data in and pass its tainted_ptr");
    return detail::number<T>(arg);
  }
  ffi::Value encode(std::nullptr_t) { return ffi::Value{ffi::ValueType::I32, 0}; }
  template <typename P> ffi::Value encode(const tainted_ptr<P> &ptr) {
    if (ptr.generation_ != inner_->generation() && !ptr.is_null()) {
      detail::usage("a pointer into a sandbox instance that no longer exists (it faulted)");
    }
    return ffi::Value{ffi::ValueType::I32, ptr.addr_};
  }
  // Passing a tainted value back into the sandbox is safe: it came from there.
  template <typename V> ffi::Value encode(const tainted<V> &value) {
    return detail::number<V>(value.value_);
  }

  void check_result(const Function &function, const ffi::Value &result,
                    ffi::ValueType expected) {
    if (result.ty != expected) {
      detail::usage("`" + function.name() +
                    "` returns another wasm type than the C++ caller expects");
    }
  }
  void decode_result(const Function &function, const ffi::Value &result, tag<void>) {
    check_result(function, result, ffi::ValueType::Void);
  }
  template <typename P>
  tainted_ptr<P> decode_result(const Function &function, const ffi::Value &result, tag<P *>) {
    check_result(function, result, ffi::ValueType::I32);
    return tainted_ptr<P>(std::uint32_t(result.bits), inner_->generation());
  }
  template <typename R>
  tainted<R> decode_result(const Function &function, const ffi::Value &result, tag<R>) {
    check_result(function, result, detail::wasm_type<R>());
    return tainted<R>(detail::from_bits<R>(result));
  }

  rust::Box<ffi::Sandbox> inner_;
  std::unordered_map<std::string, std::unique_ptr<Function>> functions_;
};

} // namespace cordon
