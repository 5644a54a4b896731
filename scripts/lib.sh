#!/usr/bin/env bash
# scripts/lib.sh: shared by scripts/demo, scripts/test and .ci/run (source it, don't run it).
# Gives: the repository root, the build folders, the Debian packages the project needs and
# an installer that runs apt-get only when one of them is missing.
#
# Environment:
#   CSKPI_BUILD_ROOT  where the build folders go (default: <repo>/build)
#   CSKPI_JOBS        parallel build and test jobs (default: 2, the CI machine's cores)

CSKPI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CSKPI_BUILD_ROOT="${CSKPI_BUILD_ROOT:-$CSKPI_ROOT/build}"
CSKPI_JOBS="${CSKPI_JOBS:-2}"

# shellcheck disable=SC2034  # used by the scripts that source this file
# What a build of the library and the CLI needs (SPEC: all Debian packages, nothing downloaded).
CSKPI_BUILD_PACKAGES=(cmake ninja-build g++ pkg-config libfmt-dev nlohmann-json3-dev
                      libhowardhinnant-date-dev tzdata libcli11-dev)
# shellcheck disable=SC2034
# ... and what the tests need on top (python3 runs the CLI end-to-end and conformance checks;
# chromium renders the HTML dashboard in tests/browser; pybind11, python3-dev, pandas, dask and
# pytest build and test the Python module, docs/python.md).
CSKPI_TEST_PACKAGES=(catch2 python3 chromium pybind11-dev python3-pybind11 python3-dev python3-pandas
                     python3-dask python3-distributed python3-pytest)

cskpi_log() { printf '\n==> %s\n' "$*"; }
cskpi_warn() { printf 'warning: %s\n' "$*" >&2; }
cskpi_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The build folder NAME under CSKPI_BUILD_ROOT.
cskpi_build_dir() { printf '%s/%s\n' "$CSKPI_BUILD_ROOT" "$1"; }

# Prints the packages among "$@" that dpkg does not have installed.
cskpi_missing_packages() {
  local package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed'; then
      printf '%s\n' "$package"
    fi
  done
}

# Installs the missing packages among "$@": apt-get update + install -y, only when needed;
# as root, or through sudo when not root and sudo exists.
cskpi_install_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    cskpi_warn "not a Debian system: make sure these are installed: $*"
    return 0
  fi
  local missing
  mapfile -t missing < <(cskpi_missing_packages "$@")
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      as_root=(sudo)
    else
      cskpi_die "missing Debian packages (${missing[*]}): not root and no sudo; install them and retry"
    fi
  fi
  cskpi_log "installing Debian packages: ${missing[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# cskpi_configure DIR CMAKE_ARGS...: configures the project into DIR. Ninja for a new folder;
# an existing folder keeps the generator it was made with (CMake refuses to switch).
cskpi_configure() {
  local dir=$1
  shift
  local generator=()
  if [ ! -f "$dir/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then
    generator=(-G Ninja)
  fi
  cmake -S "$CSKPI_ROOT" -B "$dir" "${generator[@]}" "$@"
}

# cskpi_build DIR [TARGET...]: builds DIR (all targets when none are named).
cskpi_build() {
  local dir=$1
  shift
  local targets=()
  if [ "$#" -gt 0 ]; then
    targets=(--target "$@")
  fi
  cmake --build "$dir" --parallel "$CSKPI_JOBS" "${targets[@]}"
}
