#pragma once
#include <cstdint>

#include "rust/cxx.h"

// Decode every file in `folder` through Cordon; print one line each. Returns how many decoded.
std::uint32_t decode_folder(rust::Str folder);
