// The low-level API, the RLBox way: zlib's own C functions called one by one in a sandbox.
// Memory is allocated inside the sandbox, data copied in, results copied out, and every value
// the library returns is tainted until it is verified.
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include <cordon/sandbox.hpp>

int main() {
  cordon::Library zlib = cordon::Library::open("zlib");
  cordon::Sandbox sandbox(zlib);

  auto version_ptr = sandbox.invoke<const char *>("zlibVersion");
  std::string version = sandbox.read_string(version_ptr, 32).copy_and_verify(
      [](const std::string &v) {
        if (v.empty() || v.size() > 16) throw std::runtime_error("implausible zlib version");
        return v;
      });

  // compress(dest, &destLen, source, sourceLen), all inside the sandbox.
  std::string text;
  for (int i = 0; i < 200; i++) text += "Cordon keeps C libraries in their own memory. ";
  auto source = sandbox.copy_to_sandbox(text.data(), text.size());
  std::uint32_t bound = sandbox.invoke<std::uint32_t>("compressBound", std::uint32_t(text.size()))
                            .copy_and_verify_range(0, 1u << 20, "compressBound");
  auto dest = sandbox.malloc_in_sandbox<std::uint8_t>(bound);
  auto dest_len = sandbox.malloc_in_sandbox<std::uint32_t>();
  sandbox.write(dest_len, bound);
  int status = sandbox.invoke<int>("compress", dest, dest_len, source, std::uint32_t(text.size()))
                   .copy_and_verify_range(-6, 2, "compress status");
  if (status != 0) throw std::runtime_error("compress failed");
  std::uint32_t compressed = sandbox.read(dest_len).copy_and_verify_range(1, bound, "compressed size");

  // And back: uncompress into a fresh buffer, copy out, compare.
  auto back = sandbox.malloc_in_sandbox<std::uint8_t>(std::uint32_t(text.size()));
  sandbox.write(dest_len, std::uint32_t(text.size()));
  status = sandbox.invoke<int>("uncompress", back, dest_len, dest, compressed)
               .copy_and_verify_range(-6, 2, "uncompress status");
  std::uint32_t length = sandbox.read(dest_len).copy_and_verify_range(0, std::uint32_t(text.size()), "length");
  std::vector<std::uint8_t> bytes = sandbox.copy_from_sandbox(back, length)
      .unverified_safe_because("only compared with the original");
  // The size first: `length` is the library's word, and only the host's check makes the
  // comparison stay inside `bytes`.
  bool same = status == 0 && bytes.size() == text.size() &&
              std::memcmp(bytes.data(), text.data(), text.size()) == 0;
  std::printf("zlib %s in a sandbox: %zu bytes -> %u compressed -> %s\n", version.c_str(),
              text.size(), compressed, same ? "round trip exact" : "MISMATCH");
  for (auto ptr : {source, dest, back}) sandbox.free_in_sandbox(ptr);
  sandbox.free_in_sandbox(dest_len);
  return same ? 0 : 1;
}
