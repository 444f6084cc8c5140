# Cordon for C++: `find_package(Cordon CONFIG REQUIRED)` with this folder on CMAKE_PREFIX_PATH
# (or `Cordon_DIR` set to it) defines the target `Cordon::cordon`: the static library
# `libcordon_cxx.a` that cargo builds from this checkout, the headers cxx generates for it, and
# Cordon's own headers (<cordon/cordon.hpp>, <cordon/sandbox.hpp>).
#
#   find_package(Cordon CONFIG REQUIRED)
#   add_executable(app main.cpp)
#   target_link_libraries(app PRIVATE Cordon::cordon)
#
# Building `app` runs `cargo build -p cordon-cxx` first (cargo decides whether anything changed).
# Options: CORDON_CARGO_PROFILE (`release` or `dev`; default: release for Release,
# RelWithDebInfo and MinSizeRel builds, dev otherwise), CORDON_TARGET_DIR (default: the
# checkout's `target/`, or $CARGO_TARGET_DIR), CORDON_CARGO (the cargo program).
# Corrosion, CMake's usual Rust integration, is not needed (and not in Debian).

include_guard(GLOBAL)
cmake_minimum_required(VERSION 3.16)

get_filename_component(CORDON_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

find_program(CORDON_CARGO cargo HINTS "$ENV{CARGO_HOME}/bin" "$ENV{HOME}/.cargo/bin" REQUIRED)
find_package(Threads REQUIRED)

if(NOT CORDON_CARGO_PROFILE)
  if(CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo|MinSizeRel)$")
    set(CORDON_CARGO_PROFILE release)
  else()
    set(CORDON_CARGO_PROFILE dev)
  endif()
endif()
if(CORDON_CARGO_PROFILE STREQUAL "dev")
  set(_cordon_profile_dir debug)
else()
  set(_cordon_profile_dir "${CORDON_CARGO_PROFILE}")
endif()

if(NOT CORDON_TARGET_DIR)
  if(DEFINED ENV{CARGO_TARGET_DIR})
    set(CORDON_TARGET_DIR "$ENV{CARGO_TARGET_DIR}")
  else()
    set(CORDON_TARGET_DIR "${CORDON_SOURCE_DIR}/target")
  endif()
endif()

set(CORDON_LIBRARY "${CORDON_TARGET_DIR}/${_cordon_profile_dir}/libcordon_cxx.a")
set(CORDON_GENERATED_INCLUDE "${CORDON_TARGET_DIR}/cxxbridge")
# cxx writes its headers there during the cargo build; CMake wants the folder to exist now.
file(MAKE_DIRECTORY "${CORDON_GENERATED_INCLUDE}")

add_custom_target(cordon_cargo_build
  COMMAND "${CMAKE_COMMAND}" -E env "CARGO_TARGET_DIR=${CORDON_TARGET_DIR}"
          "${CORDON_CARGO}" build --package cordon-cxx --profile "${CORDON_CARGO_PROFILE}"
  WORKING_DIRECTORY "${CORDON_SOURCE_DIR}"
  BYPRODUCTS "${CORDON_LIBRARY}"
  COMMENT "cargo build --package cordon-cxx --profile ${CORDON_CARGO_PROFILE}"
  USES_TERMINAL)

add_library(Cordon::cordon STATIC IMPORTED GLOBAL)
set_target_properties(Cordon::cordon PROPERTIES
  IMPORTED_LOCATION "${CORDON_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${CORDON_GENERATED_INCLUDE};${CORDON_SOURCE_DIR}/bridge/cxx/include"
  # What Rust's standard library needs from the system (`rustc --print native-static-libs`).
  INTERFACE_LINK_LIBRARIES "Threads::Threads;${CMAKE_DL_LIBS};m;rt;util"
  INTERFACE_COMPILE_FEATURES cxx_std_17)
add_dependencies(Cordon::cordon cordon_cargo_build)

set(Cordon_FOUND TRUE)
