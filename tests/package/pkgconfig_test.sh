#!/usr/bin/env bash
# tests/package/pkgconfig_test.sh BUILD_DIR WORK_DIR [CXX [FLAG...]]
# Installs the cskpi build in BUILD_DIR under WORK_DIR/prefix, then builds tests/package/
# main.cpp with a plain compiler command line from `pkg-config --cflags --libs cskpi`, as
# C++17, and runs it. FLAGs go to the compiler (e.g. -fsanitize=address,undefined when the
# library was built with sanitizers). Fails without pkg-config.
set -euo pipefail

if [ "$#" -lt 2 ]; then
  echo "usage: $0 BUILD_DIR WORK_DIR [CXX [FLAG...]]" >&2
  exit 2
fi
build=$1
work=$2
shift 2
cxx=${CXX:-c++}
if [ "$#" -gt 0 ]; then
  cxx=$1
  shift
fi
flags=()
for flag in "$@"; do  # generator expressions may leave empty arguments
  if [ -n "$flag" ]; then flags+=("$flag"); fi
done
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if ! command -v pkg-config >/dev/null 2>&1; then
  echo "pkg-config not found (scripts/test installs it)" >&2
  exit 1
fi

rm -rf "$work"
mkdir -p "$work"
prefix=$(cd "$work" && pwd)/prefix
cmake --install "$build" --prefix "$prefix" >"$work/install.log"

pc=$(find "$prefix" -name cskpi.pc -print -quit)
if [ -z "$pc" ]; then
  echo "no cskpi.pc under $prefix" >&2
  exit 1
fi
PKG_CONFIG_PATH="$(dirname "$pc")${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export PKG_CONFIG_PATH
# No --define-variable: cskpi.pc must find the prefix it was installed to by itself.
pc_args=()
# --static: a static libcskpi also needs its private dependencies (fmt, date-tz, pthread).
read -r -a cflags <<<"$(pkg-config "${pc_args[@]}" --cflags cskpi)"
read -r -a libs <<<"$(pkg-config "${pc_args[@]}" --static --libs cskpi)"
libdir=$(pkg-config "${pc_args[@]}" --variable=libdir cskpi)
case "$libdir" in
  "$prefix"/*) ;;
  *) echo "cskpi.pc gives libdir $libdir, not under the install prefix $prefix" >&2; exit 1 ;;
esac

echo "pkg-config --cflags: ${cflags[*]}"
echo "pkg-config --static --libs: ${libs[*]}"
set -x
"$cxx" -std=c++17 "${flags[@]}" "${cflags[@]}" "$here/main.cpp" -o "$work/consumer" "${libs[@]}" -Wl,-rpath,"$libdir"
"$work/consumer"
