// io/mapped_file.hpp: a regular file's bytes mapped into memory, read in place by the chunked
// loader instead of copied out of the page cache by read() (the copy was ≈ 3 % of a 10M run).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cskpi::detail {

class MappedFile {
 public:
  /// The file mapped read-only, or nullopt when it cannot be (not a regular file, empty, a
  /// system without mmap): the caller reads the stream instead. Nothing here throws.
  [[nodiscard]] static std::optional<MappedFile> open(const std::string& path) noexcept;
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  /// The file's bytes as they were when mapped (a file that shrinks meanwhile is undefined:
  /// an input must not change while it is read).
  [[nodiscard]] std::string_view bytes() const noexcept { return {data_, size_}; }

 private:
  MappedFile(const char* data, std::size_t size) noexcept : data_(data), size_(size) {}
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace cskpi::detail
