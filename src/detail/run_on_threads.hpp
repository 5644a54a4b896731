// Private: run one piece of work on several threads at once.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace cskpi::detail {

/// `threads`, or every core for 0 (at least 1).
inline unsigned threads_or_cores(unsigned threads) noexcept {
  return threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
}

/// Runs `work()` on `n` threads at once, the calling thread being one of them (n ≤ 1: only
/// the calling thread), and returns when all have returned. The first exception thrown (in
/// thread order) is rethrown after every thread joined.
template <class Work>
void run_on_threads(std::size_t n, const Work& work) {
  n = n == 0 ? 1 : n;
  std::vector<std::exception_ptr> errors(n);
  const auto guarded = [&](std::size_t k) {
    try {
      work();
    } catch (...) {
      errors[k] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(n - 1);
  for (std::size_t k = 1; k < n; ++k) threads.emplace_back(guarded, k);
  guarded(0);
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

/// Splits [0, count) into `n` consecutive parts of near-equal size (n at most count) and runs
/// `work(begin, end)` for each part on a thread of its own (the calling thread takes one).
template <class Work>
void run_in_parts(std::size_t n, std::size_t count, const Work& work) {
  n = std::clamp<std::size_t>(n, 1, std::max<std::size_t>(count, 1));
  std::atomic<std::size_t> next{0};
  run_on_threads(n, [&] {
    const std::size_t k = next++;
    work(count * k / n, count * (k + 1) / n);
  });
}

}  // namespace cskpi::detail
