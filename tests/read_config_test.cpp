// The configuration file a run names (run/read_config.hpp): read by the caller, parsed from its
// text by cskpi::parse_config, its errors worded as `cskpi report --config` has always worded them.
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/report/config_file.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "run/read_config.hpp"

using namespace cskpi;

namespace {

/// A fresh folder under the system's temporary directory.
std::filesystem::path fresh_dir(const char* name) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// The Error that reading `path` throws (code and message); io_error "" when it reads.
std::pair<ErrorCode, std::string> read_error(const std::string& path) {
  try {
    (void)run::read_config_file(path);
  } catch (const Error& e) {
    return {e.code(), e.what()};
  }
  return {ErrorCode::io_error, ""};
}

}  // namespace

TEST_CASE("read_config_file parses the file's text and names the file in its errors", "[config]") {
  const std::filesystem::path dir = fresh_dir("cskpi-read-config-test");
  const std::string good = (dir / "good.json").string();
  std::ofstream(good, std::ios::binary) << R"({"time_zone": "Europe/Rome", "queue": {"threshold_s": 30}})";
  const ConfigFile c = run::read_config_file(good);
  CHECK(c.time_zone == std::optional<std::string>{"Europe/Rome"});
  CHECK(c.metrics.queue.threshold == Milliseconds{30000});

  const std::string bad = (dir / "bad.json").string();
  std::ofstream(bad, std::ios::binary) << R"({"queue": {"threshold": 30}})";
  const auto [code, message] = read_error(bad);
  CHECK(code == ErrorCode::invalid_config);
  CHECK(message == bad + ": queue.threshold: unknown key");
  std::filesystem::remove_all(dir);
}

TEST_CASE("read_config_file: a file that cannot be opened is io_error 'cannot open the configuration file PATH'",
          "[config]") {
  const std::string missing = CSKPI_TEST_DATA_DIR "/no-such-config.json";
  const auto [code, message] = read_error(missing);
  CHECK(code == ErrorCode::io_error);
  CHECK(message == "cannot open the configuration file " + missing);
}

TEST_CASE("read_config_file: a folder is io_error 'cannot read the configuration file PATH'", "[config]") {
  const std::string folder = fresh_dir("cskpi-read-config-folder").string();
  const auto [code, message] = read_error(folder);
  CHECK(code == ErrorCode::io_error);
  CHECK(message == "cannot read the configuration file " + folder);
  std::filesystem::remove_all(folder);
}
