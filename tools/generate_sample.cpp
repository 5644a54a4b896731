// tools/generate_sample.cpp: `cskpi-sample`, a deterministic generator of realistic cskpi
// input (SPEC §1) for the demo, the tests and the whole-run benchmark.
//
// The same seed and options give byte-identical files everywhere: the engine is
// std::mt19937_64 (its output is fixed by the standard) and every distribution is written
// here on the engine's raw output, because std:: distributions differ between standard
// libraries. Normal deviates use the polar form of Box-Muller (log and sqrt only).
//
// Files (in --out): interactions.csv (or .jsonl), surveys.jsonl, interaction_events.csv
// (status histories of the email channel), customer_events.csv, agent_events.csv.
// `--layout bench` (the DuckDB peer benchmark, scripts/bench --vs-duckdb) writes the same
// interactions and surveys with the fields of the standard report only, each both as CSV
// and as JSON Lines (interactions.csv with 13 columns + interactions.jsonl, surveys.csv +
// surveys.jsonl), and status histories for every channel (about 3.4 events per
// interaction), drawn from a random stream of their own: the records are the default
// layout's records, column for column.
// The simulated office is in Rome: the period runs from --start 00:00 Rome time for --months
// months, and contacts follow Rome's office hours. Instants are written in UTC (Z).
// Every record is valid input: ids unique, created <= first response, created <= resolved,
// abandoned calls without a first response, events never before their interaction.
#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <limits>
#include <memory>
#include <queue>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

using std::int64_t;
using std::uint64_t;

constexpr int64_t minute = 60;
constexpr int64_t hour = 3600;
constexpr int64_t day = 86400;
constexpr int64_t never = std::numeric_limits<int64_t>::max();

// ---------------------------------------------------------------------------------------
// Civil calendar (H. Hinnant's days_from_civil / civil_from_days), UTC seconds.

struct Civil {
  int64_t year;
  unsigned month;
  unsigned day;
};

constexpr int64_t days_from_civil(int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

constexpr Civil civil_from_days(int64_t z) noexcept {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

/// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
constexpr unsigned weekday_of(int64_t days) noexcept {
  return static_cast<unsigned>(((days % 7) + 7 + 3) % 7);
}

constexpr int64_t floor_div(int64_t a, int64_t b) noexcept { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

/// The UTC instant of the first day of the month `months` after (y, m).
int64_t month_start(int64_t y, unsigned m, int64_t months) {
  const int64_t index = y * 12 + static_cast<int64_t>(m) - 1 + months;
  return days_from_civil(floor_div(index, 12), static_cast<unsigned>(index - floor_div(index, 12) * 12) + 1, 1) * day;
}

/// Central European local offset (the sample's office is in Rome): +2 h from the last
/// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, else +1 h.
int64_t rome_offset(int64_t t) {
  const int64_t y = civil_from_days(floor_div(t, day)).year;
  auto last_sunday = [y](unsigned m) {
    const int64_t last = days_from_civil(y, m + 1, 1) - 1;
    return last - static_cast<int64_t>((weekday_of(last) + 1) % 7);
  };
  const int64_t summer_from = last_sunday(3) * day + hour;
  const int64_t summer_to = last_sunday(10) * day + hour;
  return t >= summer_from && t < summer_to ? 2 * hour : hour;
}

// ---------------------------------------------------------------------------------------
// Random numbers: distributions on the raw 64-bit engine output, portable by construction.

constexpr uint64_t splitmix64(uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

class Rng {
 public:
  /// One independent stream per purpose, so e.g. the customer file does not change when
  /// only the number of interactions does.
  Rng(uint64_t seed, uint64_t stream) : engine_(splitmix64(seed ^ splitmix64(stream))) {}

  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }  // [0, 1)
  uint64_t below(uint64_t n) {                                                   // [0, n)
    if (n == 0) return 0;
    const auto k = static_cast<uint64_t>(uniform() * static_cast<double>(n));
    return std::min(k, n - 1);
  }
  int64_t between(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1))); }
  bool chance(double p) { return uniform() < p; }
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u = 0;
    double v = 0;
    double s = 0;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
  }
  double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
  /// Whole seconds of a lognormal delay, capped.
  int64_t delay(double median_s, double sigma, double cap_s = 60.0 * day) {
    return static_cast<int64_t>(std::llround(std::min(lognormal(median_s, sigma), cap_s)));
  }
  /// Failures before the first success, success probability p per trial (capped at 20).
  unsigned geometric(double p) {
    unsigned k = 0;
    while (k < 20 && !chance(p)) ++k;
    return k;
  }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0;
  bool has_spare_ = false;
};

/// A categorical distribution over indices 0..n-1 (weights need not sum to 1).
class Weighted {
 public:
  Weighted(std::initializer_list<double> weights) {
    double sum = 0;
    for (double w : weights) cumulative_.push_back(sum += w);
    for (double& c : cumulative_) c /= sum;
  }
  std::size_t pick(Rng& rng) const {
    const double u = rng.uniform();
    for (std::size_t i = 0; i + 1 < cumulative_.size(); ++i)
      if (u < cumulative_[i]) return i;
    return cumulative_.size() - 1;
  }

 private:
  std::vector<double> cumulative_;
};

// ---------------------------------------------------------------------------------------
// Buffered output: one large std::string per file, written with fwrite.

class Sink {
 public:
  explicit Sink(const std::filesystem::path& path) : path_(path.string()), file_(std::fopen(path_.c_str(), "wb")) {
    if (file_ == nullptr) {
      std::fprintf(stderr, "cskpi-sample: cannot create %s\n", path_.c_str());
      std::exit(1);
    }
    buffer_.reserve(capacity + 4096);
  }
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;
  ~Sink() { close(); }

  Sink& str(std::string_view s) {
    buffer_.append(s);
    return *this;
  }
  Sink& ch(char c) {
    buffer_.push_back(c);
    return *this;
  }
  Sink& num(int64_t v) {
    char text[24];
    const auto r = std::to_chars(text, text + sizeof text, v);
    buffer_.append(text, r.ptr);
    return *this;
  }
  /// An id: prefix + number zero-padded to `width` digits.
  Sink& id(char prefix, uint64_t n, int width) {
    char text[24];
    const auto r = std::to_chars(text, text + sizeof text, n);
    buffer_.push_back(prefix);
    for (auto pad = width - static_cast<int>(r.ptr - text); pad > 0; --pad) buffer_.push_back('0');
    buffer_.append(text, r.ptr);
    return *this;
  }
  /// Money from cents: 1234 -> "12.34".
  Sink& cents(int64_t c) {
    num(c / 100).ch('.');
    const auto rest = static_cast<char>(c % 100);
    buffer_.push_back(static_cast<char>('0' + rest / 10));
    buffer_.push_back(static_cast<char>('0' + rest % 10));
    return *this;
  }
  /// UTC seconds as `YYYY-MM-DDThh:mm:ssZ`.
  Sink& instant(int64_t t) {
    const int64_t days = floor_div(t, day);
    if (days != cached_day_) {
      const Civil c = civil_from_days(days);
      const auto y = static_cast<unsigned>(c.year);  // 1970..9999, checked by the option parser
      const unsigned digits[8] = {y / 1000 % 10, y / 100 % 10, y / 10 % 10, y % 10, c.month / 10, c.month % 10, c.day / 10, c.day % 10};
      char* p = date_;
      for (int i = 0; i < 8; ++i) {
        *p++ = static_cast<char>('0' + digits[i]);
        if (i == 3 || i == 5) *p++ = '-';
      }
      *p = 'T';
      cached_day_ = days;
    }
    buffer_.append(date_, 11);
    const auto s = static_cast<unsigned>(t - days * day);
    two(s / 3600).ch(':');
    two(s / 60 % 60).ch(':');
    two(s % 60).ch('Z');
    return *this;
  }
  void end_line() {
    buffer_.push_back('\n');
    ++lines_;
    if (buffer_.size() >= capacity) flush();
  }
  [[nodiscard]] uint64_t lines() const noexcept { return lines_; }
  void close() {
    if (file_ == nullptr) return;
    flush();
    if (std::fclose(file_) != 0) fail();
    file_ = nullptr;
  }

 private:
  static constexpr std::size_t capacity = std::size_t{4} << 20;
  Sink& two(unsigned v) {
    buffer_.push_back(static_cast<char>('0' + v / 10));
    buffer_.push_back(static_cast<char>('0' + v % 10));
    return *this;
  }
  void flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) fail();
    buffer_.clear();
  }
  [[noreturn]] void fail() const {
    std::fprintf(stderr, "cskpi-sample: cannot write %s\n", path_.c_str());
    std::exit(1);
  }

  std::string path_;
  std::FILE* file_;
  std::string buffer_;
  uint64_t lines_ = 0;
  int64_t cached_day_ = std::numeric_limits<int64_t>::min();
  char date_[11] = {};  // YYYY-MM-DDT of cached_day_
};

// ---------------------------------------------------------------------------------------
// The simulated operation.

constexpr std::array<std::string_view, 6> channels{"phone", "email", "chat", "web", "self_service", "social"};
enum ChannelIndex : std::size_t { phone, email, chat, web, self_service, social };
const Weighted channel_mix{0.30, 0.25, 0.22, 0.10, 0.08, 0.05};

constexpr std::array<std::string_view, 8> topics{"billing", "technical", "shipping", "login",
                                                 "account", "returns", "product_info", "cancellation"};
const Weighted topic_mix{0.20, 0.17, 0.15, 0.12, 0.11, 0.10, 0.08, 0.07};
const Weighted outage_topic_mix{0.08, 0.42, 0.05, 0.33, 0.04, 0.03, 0.03, 0.02};
constexpr std::size_t topic_cancellation = 7;

constexpr std::array<std::string_view, 4> kinds{"question", "request", "incident", "complaint"};
const Weighted kind_mix{0.46, 0.26, 0.23, 0.05};
constexpr std::size_t kind_incident = 2;
constexpr std::size_t kind_complaint = 3;

constexpr std::array<std::string_view, 4> priorities{"low", "normal", "high", "urgent"};
const Weighted priority_mix{0.20, 0.55, 0.18, 0.07};
constexpr std::array<double, 4> priority_speed{1.6, 1.0, 0.6, 0.35};  // delay factor

struct Plan {
  std::string_view name;
  int64_t price_cents;
};
constexpr std::array<Plan, 3> plans{{{"basic", 1900}, {"plus", 4900}, {"premium", 9900}}};
constexpr std::array<double, 3> plan_churn{0.045, 0.03, 0.02};  // per monthly renewal
constexpr std::array<std::string_view, 2> addons{"analytics", "mobile_app"};

struct Team {
  std::string_view name;
  std::string_view department;
};
constexpr std::array<Team, 4> teams{{{"billing_care", "customer_care"},
                                     {"orders_care", "customer_care"},
                                     {"tech_l1", "technical_support"},
                                     {"tech_l2", "technical_support"}}};
/// Which team a topic is routed to (tech_l2 takes escalations from tech_l1).
constexpr std::array<std::size_t, 8> topic_team{0, 2, 1, 2, 0, 1, 1, 0};

// Survey score distributions, index = score - scale minimum; "bad" after a poor experience.
const Weighted nps_good{0.03, 0.01, 0.02, 0.02, 0.03, 0.04, 0.05, 0.09, 0.14, 0.25, 0.32};
const Weighted nps_bad{0.09, 0.05, 0.06, 0.08, 0.08, 0.12, 0.12, 0.12, 0.12, 0.08, 0.08};
const Weighted csat_good{0.03, 0.04, 0.08, 0.30, 0.55};
const Weighted csat_bad{0.20, 0.18, 0.22, 0.25, 0.15};
const Weighted ces_good{0.02, 0.03, 0.05, 0.08, 0.17, 0.30, 0.35};
const Weighted ces_bad{0.12, 0.13, 0.17, 0.20, 0.18, 0.12, 0.08};
const Weighted survey_kind_mix{0.55, 0.35, 0.10};  // csat, nps, ces
const Weighted enps_mix{0.02, 0.01, 0.02, 0.03, 0.04, 0.06, 0.09, 0.15, 0.20, 0.20, 0.18};

struct Options {
  uint64_t seed = 42;
  std::filesystem::path out = "sample";
  uint64_t interactions = 20000;
  uint64_t customers = 0;  // 0 = interactions / 4
  int64_t months = 6;
  Civil start{2026, 1, 1};
  bool jsonl = false;
  bool bench = false;  // --layout bench
};

/// Rome's local midnight starting month `k` of the period (start day kept), as UTC seconds:
/// the simulated office is in Rome, so its months are Rome's months.
int64_t period_month(const Options& o, int64_t k) {
  const int64_t local = month_start(o.start.year, o.start.month, k) + (static_cast<int64_t>(o.start.day) - 1) * day;
  return local - rome_offset(local);  // DST changes at 01:00 UTC, never near a local midnight
}

/// The local (Rome) calendar day of an instant, as days since the epoch.
int64_t local_day(int64_t t) { return floor_div(t + rome_offset(t), day); }

struct Agent {
  uint64_t number;
  std::size_t team;
  int64_t hired;
  int64_t left = never;
};

struct Counts {
  uint64_t interactions = 0, surveys = 0, events = 0, customer_events = 0, agent_events = 0;
  uint64_t open = 0, abandoned = 0;
};

/// One line of an email status history.
struct Event {
  int64_t at;
  std::string_view type;
  std::string_view status;  // empty unless type == status
  bool by_agent;
};

/// A customer who will come back on the same topic.
struct FollowUp {
  int64_t due;
  uint64_t sequence;
  uint64_t customer;
  std::size_t topic;
  std::size_t channel;
  bool operator>(const FollowUp& o) const noexcept { return due != o.due ? due > o.due : sequence > o.sequence; }
};

int digits(uint64_t n) {
  int d = 1;
  while (n >= 10) n /= 10, ++d;
  return d;
}

class Generator {
 public:
  explicit Generator(const Options& options)
      : o_(options),
        begin_(period_month(options, 0)),
        end_(period_month(options, options.months)),
        last_(end_ - 1),
        customers_(options.customers != 0 ? options.customers : std::max<uint64_t>(1, options.interactions / 4)),
        customer_width_(std::max(6, digits(customers_))),
        interaction_width_(std::max(6, digits(options.interactions))) {}

  Counts run() {
    std::filesystem::create_directories(o_.out);
    make_roster();
    {
      const bool csv = o_.bench || !o_.jsonl;
      Sink interactions(o_.out / (csv ? "interactions.csv" : "interactions.jsonl"));
      Sink events(o_.out / "interaction_events.csv");
      Sink surveys(o_.out / "surveys.jsonl");
      if (o_.bench) {
        interactions_jsonl_ = std::make_unique<Sink>(o_.out / "interactions.jsonl");
        surveys_csv_ = std::make_unique<Sink>(o_.out / "surveys.csv");
        interactions.str("id,customer_id,channel,topic,kind,priority,agent_id,created_at,first_response_at,resolved_at,"
                         "contacts,reopened,handle_seconds")
            .end_line();
        surveys_csv_->str("id,kind,score,responded_at,customer_id,interaction_id,channel,product,agent_id,team,department")
            .end_line();
      } else if (!o_.jsonl) {
        interactions.str("id,customer_id,channel,topic,product,kind,priority,agent_id,team,department,created_at,"
                         "first_response_at,resolved_at,contacts,reopened,handle_seconds,wait_seconds,abandoned,cost")
            .end_line();
      }
      events.str("interaction_id,at,type,status,agent_id").end_line();
      write_interactions(interactions, events, surveys);
      write_relationship_surveys(surveys);
      counts_.interactions = interactions.lines() - (csv ? 1 : 0);
      counts_.events = events.lines() - 1;
      counts_.surveys = surveys.lines();
      interactions_jsonl_.reset();
      surveys_csv_.reset();
    }
    write_customer_events();
    write_agent_events();
    return counts_;
  }

 private:
  // --- roster ------------------------------------------------------------------------
  void make_roster() {
    Rng rng(o_.seed, 4);
    const int64_t span = end_ - begin_;
    // The initial roster is hired over the year before the period (one every 9 days up to 30
    // days before it), so a report of the period starts with its headcount: attrition is not an
    // edge effect of a zero start headcount. A report of the sample then needs --from, since
    // the default `from` is the earliest attribution instant, these hires included.
    for (uint64_t i = 0; i < 36; ++i)
      agents_.push_back({i + 1, i % teams.size(), begin_ - (30 + 9 * static_cast<int64_t>(35 - i)) * day});
    for (uint64_t k = 0; k < 6; ++k)  // hires spread over the period
      agents_.push_back({37 + k, k % teams.size(), begin_ + span * static_cast<int64_t>(k + 1) / 7 + rng.between(0, 5) * day});
    for (int k = 0; k < 4; ++k) {  // a few leavers from the initial roster
      Agent& a = agents_[4 * static_cast<std::size_t>(k) + rng.below(4)];
      if (a.left == never) a.left = begin_ + static_cast<int64_t>(static_cast<double>(span) * (0.2 + 0.7 * rng.uniform()));
    }
    for (const Agent& a : agents_) team_members_[a.team].push_back(a.number - 1);
  }

  [[nodiscard]] bool active(const Agent& a, int64_t t) const { return a.hired <= t && t < a.left; }

  /// An agent of the team at work at t (any agent at work if the team has none).
  const Agent* pick_agent(Rng& rng, std::size_t team, int64_t t) const {
    const auto& members = team_members_[team];
    for (int attempt = 0; attempt < 8; ++attempt) {
      const Agent& a = agents_[members[rng.below(members.size())]];
      if (active(a, t)) return &a;
    }
    for (auto m : members)
      if (active(agents_[m], t)) return &agents_[m];
    for (const Agent& a : agents_)
      if (active(a, t)) return &a;
    return nullptr;
  }

  // --- arrivals ------------------------------------------------------------------------
  /// Relative contact volume of each hour of the period: office hours in Rome, weekdays,
  /// a slow growth, day-to-day noise and one outage day.
  std::vector<double> hourly_weights(Rng& rng) {
    static constexpr std::array<double, 24> by_hour{0.05, 0.03, 0.02, 0.02, 0.02, 0.04, 0.10, 0.30,
                                                    0.70, 1.00, 1.10, 1.05, 0.80, 0.85, 1.00, 1.00,
                                                    0.90, 0.70, 0.50, 0.35, 0.30, 0.25, 0.18, 0.10};
    static constexpr std::array<double, 7> by_weekday{1.15, 1.05, 1.0, 1.0, 0.9, 0.45, 0.3};
    const auto hours = static_cast<std::size_t>((end_ - begin_) / hour);
    const int64_t days = (end_ - begin_) / day;
    outage_day_ = local_day(begin_) + static_cast<int64_t>(static_cast<double>(days) * (0.4 + 0.3 * rng.uniform()));
    std::vector<double> weights(hours);
    double noise = 1.0;
    for (std::size_t h = 0; h < hours; ++h) {
      const int64_t t = begin_ + static_cast<int64_t>(h) * hour;
      const int64_t local = t + rome_offset(t);
      if (h == 0 || local % day == 0) noise = rng.lognormal(1.0, 0.12);  // a new local day
      const auto local_hour = static_cast<std::size_t>((local % day) / hour);
      const double growth = 1.0 + 0.04 * static_cast<double>(t - begin_) / (30.0 * day);
      const double outage = local_day(t) == outage_day_ ? 2.5 : 1.0;
      weights[h] = by_hour[local_hour] * by_weekday[weekday_of(floor_div(local, day))] * growth * noise * outage;
    }
    return weights;
  }

  uint64_t pick_customer(Rng& rng) const {  // half uniform, half concentrated on heavy users
    if (rng.chance(0.5)) return rng.below(customers_);
    const double u = rng.uniform();
    return std::min<uint64_t>(customers_ - 1, static_cast<uint64_t>(u * u * static_cast<double>(customers_)));
  }

  [[nodiscard]] std::size_t plan_of(uint64_t customer) const {
    const uint64_t h = splitmix64(o_.seed * 31 + customer) % 100;
    return h < 50 ? 0 : h < 85 ? 1 : 2;
  }

  void write_interactions(Sink& out, Sink& events, Sink& surveys) {
    Rng arrivals(o_.seed, 1);
    Rng rng(o_.seed, 2);
    Rng history(o_.seed, 6);  // --layout bench: the other channels' status histories
    const std::vector<double> weights = hourly_weights(arrivals);
    double total = 0;
    for (double w : weights) total += w;
    std::priority_queue<FollowUp, std::vector<FollowUp>, std::greater<>> follow_ups;
    std::vector<int64_t> slot;
    double cumulative = 0;
    uint64_t emitted = 0;
    uint64_t number = 0;
    uint64_t sequence = 0;
    const auto n = static_cast<double>(o_.interactions);
    for (std::size_t h = 0; h < weights.size(); ++h) {
      cumulative += weights[h];
      const auto upto = h + 1 == weights.size() ? o_.interactions : static_cast<uint64_t>(std::floor(n * cumulative / total + 0.5));
      slot.clear();
      const int64_t hour_start = begin_ + static_cast<int64_t>(h) * hour;
      for (; emitted < upto; ++emitted) slot.push_back(hour_start + arrivals.between(0, hour - 1));
      std::sort(slot.begin(), slot.end());
      for (int64_t t : slot) {
        Contact c;
        c.number = ++number;
        c.created = t;
        if (!follow_ups.empty() && follow_ups.top().due <= t) {
          const FollowUp f = follow_ups.top();
          follow_ups.pop();
          c.customer = f.customer;
          c.topic = f.topic;
          c.channel = rng.chance(0.6) ? f.channel : channel_mix.pick(rng);
        } else {
          c.customer = pick_customer(rng);
          c.outage = local_day(t) == outage_day_ && rng.chance(0.6);
          c.topic = (c.outage ? outage_topic_mix : topic_mix).pick(rng);
          c.channel = channel_mix.pick(rng);
        }
        simulate(rng, c);
        if (o_.bench && c.channel != email) simulate_history(history, c);
        if (c.follow_up) {
          const int64_t due = t + rng.delay(1.5 * day, 0.8, 6.5 * day);
          if (due < end_) follow_ups.push({due, ++sequence, c.customer, c.topic, c.channel});
        }
        write(out, c);
        for (const Event& e : events_) write_event(events, c, e);
        survey_for(rng, surveys, c);
      }
    }
  }

  /// One interaction while being simulated; instants are UTC seconds, `never` = absent.
  struct Contact {
    uint64_t number = 0;
    uint64_t customer = 0;
    std::size_t channel = 0, topic = 0, kind = 0, priority = 0;
    int product = -1;  // -1 absent, 0..2 plan, 10..11 add-on
    const Agent* agent = nullptr;
    int64_t created = 0, first_response = never, resolved = never;
    int64_t contacts = -1, reopened = 0, handle = -1, wait = -1, cost_cents = -1;
    bool abandoned = false, outage = false, follow_up = false;
  };

  void simulate(Rng& rng, Contact& c) {
    c.kind = c.outage ? kind_incident : kind_mix.pick(rng);
    if (c.topic == topic_cancellation && rng.chance(0.15)) c.kind = kind_complaint;
    c.priority = priority_mix.pick(rng);
    if (c.outage) c.priority = rng.chance(0.5) ? 3 : 2;
    if ((c.kind == kind_complaint || c.kind == kind_incident) && c.priority < 3 && rng.chance(0.3)) ++c.priority;
    const double speed = priority_speed[c.priority];
    const uint64_t plan_roll = rng.below(100);
    c.product = plan_roll < 85 ? static_cast<int>(plan_of(c.customer)) : plan_roll < 95 ? 10 + static_cast<int>(plan_roll % 2) : -1;
    // Still open at the end of the data, forgotten or waiting: about 8 % of all contacts.
    const bool stale = rng.chance(c.channel == chat ? 0.05 : c.channel == phone ? 0.0 : 0.13);
    events_.clear();

    switch (c.channel) {
      case phone: {
        if (rng.chance(0.025)) {  // hung up almost at once: a short abandon
          c.abandoned = true;
          c.wait = rng.between(0, 4);
        } else {
          c.wait = rng.delay(12, 1.1, 1800);
          const int64_t patience = rng.delay(200, 0.9);
          if (c.wait > patience) c.abandoned = true, c.wait = patience;
        }
        if (c.abandoned) {
          // The call is over at created + wait (SPEC v3: abandoned, not resolved, not open work).
          c.cost_cents = 15;
          return finish(c);
        }
        c.first_response = c.created + c.wait;
        c.handle = rng.delay(300, 0.5, 4 * hour);
        if (rng.chance(0.82)) c.resolved = c.first_response + c.handle;  // solved on the call
        else if (rng.chance(0.9)) c.resolved = c.first_response + c.handle + rng.delay(day * speed, 1.0);
        else c.resolved = never;  // a call-back still to do
        break;
      }
      case chat:
        c.first_response = c.created + rng.delay(45, 0.9, 2 * hour);
        c.handle = rng.delay(540, 0.6, 3 * hour);
        c.resolved = rng.chance(0.85) ? c.first_response + c.handle + c.handle / 3
                                      : c.first_response + rng.delay(6 * hour * speed, 1.0);
        break;
      case email:
        simulate_email(rng, c, stale, speed);
        break;
      case social:
        c.first_response = c.created + rng.delay(50 * minute * speed, 1.0);
        c.handle = rng.delay(240, 0.6, 2 * hour);
        c.resolved = c.first_response + rng.delay(8 * hour * speed, 1.2);
        break;
      case web:
        c.first_response = c.created + rng.delay(3 * hour * speed, 1.0);
        c.handle = rng.delay(360, 0.6, 2 * hour);
        c.resolved = c.first_response + rng.delay(20 * hour * speed, 1.1);
        break;
      case self_service:
        c.resolved = stale ? never : c.created + rng.delay(4 * minute, 0.8);
        c.contacts = 1;
        c.cost_cents = 25;
        return finish(c);
      default:
        break;
    }
    if (c.channel != email) {
      if (stale) {
        c.resolved = never;
        if (rng.chance(0.45)) c.first_response = never, c.handle = -1;
      } else if (c.resolved != never && rng.chance(0.05)) {  // reopened and solved again later
        c.reopened = rng.chance(0.85) ? 1 : 2;
        c.resolved += c.reopened * rng.delay(1.5 * day, 0.8);
      }
    }
    c.follow_up = c.kind == kind_complaint ? rng.chance(0.25) : rng.chance(0.09);
    c.contacts = c.follow_up ? 2 + rng.geometric(0.6) : rng.chance(0.9) ? 1 : 2 + rng.geometric(0.6);
    if (c.first_response != never || c.resolved != never || rng.chance(0.4)) {
      std::size_t team = topic_team[c.topic];
      if (team == 2 && (c.priority >= 2 || c.kind == kind_incident) && rng.chance(0.3)) team = 3;
      c.agent = pick_agent(rng, team, c.created);
    }
    const double handle_min = c.handle < 0 ? 0.0 : static_cast<double>(c.handle) / 60.0;
    const double per_minute = c.channel == phone ? 85.0 : c.channel == chat ? 55.0 : 60.0;
    const double fixed = c.channel == phone ? 75.0 : c.channel == chat ? 40.0 : 30.0;
    c.cost_cents = static_cast<int64_t>(std::llround(fixed + per_minute * handle_min));
    finish(c);
  }

  /// Email: a status history first, then the record's instants derived from it exactly as
  /// SPEC §1 derives them, so the events and the record agree.
  void simulate_email(Rng& rng, Contact& c, bool stale, double speed) {
    auto& ev = events_;
    if (stale && rng.chance(0.45)) return;  // nobody has looked at it yet
    int64_t t = c.created + rng.delay(4 * hour * speed, 1.0);
    ev.push_back({t, "status", "open", true});
    ev.push_back({t, "agent_reply", {}, true});
    for (int round = 0; round < 2 && rng.chance(0.45); ++round) {  // waiting on the customer
      ev.push_back({t, "status", "pending", true});
      t += rng.delay(5 * hour, 1.0);
      ev.push_back({t, "customer_message", {}, false});
      ev.push_back({t, "status", "open", false});
      if (rng.chance(0.08)) {  // escalated: on hold with a third party
        t += rng.delay(hour, 0.8);
        ev.push_back({t, "status", "on_hold", true});
        t += rng.delay(8 * hour, 1.0);
        ev.push_back({t, "status", "open", true});
      }
      t += rng.delay(2.5 * hour * speed, 1.0);
      ev.push_back({t, "agent_reply", {}, true});
    }
    c.handle = rng.delay(420, 0.7, 3 * hour);
    if (!stale) {
      t += rng.delay(20 * minute, 1.0);
      ev.push_back({t, "status", "solved", true});
      if (rng.chance(0.06)) {  // the customer writes back: reopened, solved again
        t += rng.delay(1.5 * day, 0.8);
        ev.push_back({t, "customer_message", {}, false});
        ev.push_back({t, "status", "open", false});
        t += rng.delay(3 * hour * speed, 1.0);
        ev.push_back({t, "agent_reply", {}, true});
        t += rng.delay(30 * minute, 1.0);
        ev.push_back({t, "status", "solved", true});
      }
      if (rng.chance(0.3)) ev.push_back({t + 4 * day, "status", "closed", false});
    }
    while (!ev.empty() && ev.back().at > last_) ev.pop_back();  // not happened yet
    std::string_view previous = "new";
    int64_t run_start = never;
    for (const Event& e : ev) {
      if (e.type == "agent_reply" && c.first_response == never) c.first_response = e.at;
      if (e.type != "status") continue;
      const bool done = e.status == "solved" || e.status == "closed";
      const bool was_done = previous == "solved" || previous == "closed";
      if (done && !was_done) run_start = e.at;
      if (!done && was_done) ++c.reopened;
      previous = e.status;
    }
    c.resolved = previous == "solved" || previous == "closed" ? run_start : never;
    if (c.first_response == never) c.handle = -1;
  }

  /// --layout bench: a status history for a contact of a channel other than email that
  /// agrees with its record (the record's instants stay authoritative): answered (mostly
  /// also opened) at the first response, solved (and reopened by the customer, solved again, once per
  /// reopening) up to the resolution, sometimes closed 4 days later.
  void simulate_history(Rng& rng, const Contact& c) {
    auto& ev = events_;
    if (c.abandoned) return;
    const int64_t start = c.first_response != never ? c.first_response : c.created;
    if (c.first_response != never) {
      if (rng.chance(0.75)) ev.push_back({c.first_response, "status", "open", true});
      ev.push_back({c.first_response, "agent_reply", {}, true});
    }
    if (c.resolved == never) return;
    const int64_t from = std::min(start, c.resolved);
    const int64_t steps = 2 * c.reopened + 1;
    for (int64_t k = 1; k <= c.reopened; ++k) {
      ev.push_back({from + (c.resolved - from) * (2 * k - 1) / steps, "status", "solved", true});
      const int64_t back = from + (c.resolved - from) * (2 * k) / steps;
      ev.push_back({back, "customer_message", {}, false});
      ev.push_back({back, "status", "open", false});
      ev.push_back({back, "agent_reply", {}, true});
    }
    ev.push_back({c.resolved, "status", "solved", true});
    if (rng.chance(0.1) && c.resolved + 4 * day <= last_) ev.push_back({c.resolved + 4 * day, "status", "closed", false});
  }

  void finish(Contact& c) {
    if (c.first_response > last_) c.first_response = never;
    if (c.resolved > last_) c.resolved = never;
    if (c.first_response == never && c.resolved == never) c.handle = -1;
    if (c.resolved == never && !c.abandoned) ++counts_.open;
    if (c.abandoned) ++counts_.abandoned;
  }

  void write(Sink& s, const Contact& c) const {
    const std::string_view product = c.product < 0 ? std::string_view{} : c.product >= 10 ? addons[static_cast<std::size_t>(c.product - 10)] : plans[static_cast<std::size_t>(c.product)].name;
    if (interactions_jsonl_) write_bench_json(*interactions_jsonl_, c);
    if (o_.bench) return write_bench_csv(s, c);
    if (o_.jsonl) return write_json(s, c, product);
    s.id('I', c.number, interaction_width_).ch(',').id('C', c.customer + 1, customer_width_).ch(',');
    s.str(channels[c.channel]).ch(',').str(topics[c.topic]).ch(',').str(product).ch(',');
    s.str(kinds[c.kind]).ch(',').str(priorities[c.priority]).ch(',');
    if (c.agent != nullptr) s.id('A', c.agent->number, 3).ch(',').str(teams[c.agent->team].name).ch(',').str(teams[c.agent->team].department);
    else s.str(",,");
    s.ch(',').instant(c.created).ch(',');
    if (c.first_response != never) s.instant(c.first_response);
    s.ch(',');
    if (c.resolved != never) s.instant(c.resolved);
    s.ch(',');
    if (c.contacts >= 0) s.num(c.contacts);
    s.ch(',').num(c.reopened).ch(',');
    if (c.handle >= 0) s.num(c.handle);
    s.ch(',');
    if (c.wait >= 0) s.num(c.wait);
    s.ch(',');
    if (c.channel == phone) s.str(c.abandoned ? "true" : "false");
    s.ch(',');
    if (c.cost_cents >= 0) s.cents(c.cost_cents);
    s.end_line();
  }

  /// --layout bench: the 13 columns of the standard report.
  void write_bench_csv(Sink& s, const Contact& c) const {
    s.id('I', c.number, interaction_width_).ch(',').id('C', c.customer + 1, customer_width_).ch(',');
    s.str(channels[c.channel]).ch(',').str(topics[c.topic]).ch(',').str(kinds[c.kind]).ch(',').str(priorities[c.priority]).ch(',');
    if (c.agent != nullptr) s.id('A', c.agent->number, 3);
    s.ch(',').instant(c.created).ch(',');
    if (c.first_response != never) s.instant(c.first_response);
    s.ch(',');
    if (c.resolved != never) s.instant(c.resolved);
    s.ch(',');
    if (c.contacts >= 0) s.num(c.contacts);
    s.ch(',').num(c.reopened).ch(',');
    if (c.handle >= 0) s.num(c.handle);
    s.end_line();
  }

  /// --layout bench: the same 13 fields as JSON Lines (absent fields left out).
  void write_bench_json(Sink& s, const Contact& c) const {
    auto key = [&s](std::string_view k) -> Sink& { return s.str(",\"").str(k).str("\":"); };
    auto text = [&key](std::string_view k, std::string_view v) { key(k).ch('"').str(v).ch('"'); };
    s.str("{\"id\":\"").id('I', c.number, interaction_width_).str("\",\"customer_id\":\"").id('C', c.customer + 1, customer_width_).ch('"');
    text("channel", channels[c.channel]);
    text("topic", topics[c.topic]);
    text("kind", kinds[c.kind]);
    text("priority", priorities[c.priority]);
    if (c.agent != nullptr) key("agent_id").ch('"').id('A', c.agent->number, 3).ch('"');
    key("created_at").ch('"').instant(c.created).ch('"');
    if (c.first_response != never) key("first_response_at").ch('"').instant(c.first_response).ch('"');
    if (c.resolved != never) key("resolved_at").ch('"').instant(c.resolved).ch('"');
    if (c.contacts >= 0) key("contacts").num(c.contacts);
    key("reopened").num(c.reopened);
    if (c.handle >= 0) key("handle_seconds").num(c.handle);
    s.ch('}').end_line();
  }

  void write_json(Sink& s, const Contact& c, std::string_view product) const {
    auto key = [&s](std::string_view k) -> Sink& { return s.str(",\"").str(k).str("\":"); };
    auto text = [&key](std::string_view k, std::string_view v) { key(k).ch('"').str(v).ch('"'); };
    s.str("{\"id\":\"").id('I', c.number, interaction_width_).str("\",\"customer_id\":\"").id('C', c.customer + 1, customer_width_).ch('"');
    text("channel", channels[c.channel]);
    text("topic", topics[c.topic]);
    if (!product.empty()) text("product", product);
    text("kind", kinds[c.kind]);
    text("priority", priorities[c.priority]);
    if (c.agent != nullptr) {
      key("agent_id").ch('"').id('A', c.agent->number, 3).ch('"');
      text("team", teams[c.agent->team].name);
      text("department", teams[c.agent->team].department);
    }
    key("created_at").ch('"').instant(c.created).ch('"');
    if (c.first_response != never) key("first_response_at").ch('"').instant(c.first_response).ch('"');
    if (c.resolved != never) key("resolved_at").ch('"').instant(c.resolved).ch('"');
    if (c.contacts >= 0) key("contacts").num(c.contacts);
    key("reopened").num(c.reopened);
    if (c.handle >= 0) key("handle_seconds").num(c.handle);
    if (c.wait >= 0) key("wait_seconds").num(c.wait);
    if (c.channel == phone) key("abandoned").str(c.abandoned ? "true" : "false");
    if (c.cost_cents >= 0) key("cost").cents(c.cost_cents);
    s.ch('}').end_line();
  }

  void write_event(Sink& s, const Contact& c, const Event& e) const {
    s.id('I', c.number, interaction_width_).ch(',').instant(e.at).ch(',').str(e.type).ch(',').str(e.status).ch(',');
    if (e.by_agent && c.agent != nullptr) s.id('A', c.agent->number, 3);
    s.end_line();
  }

  // --- surveys -------------------------------------------------------------------------
  /// One survey response; empty optional fields are absent. Written as JSON Lines (and
  /// with --layout bench also as a CSV row of the same fields).
  struct SurveyOut {
    std::string_view kind;
    int64_t score = 0;
    int64_t at = 0;
    char customer_prefix = 'C';  // customer_id: prefix + number (0 = absent), width
    uint64_t customer = 0;
    int customer_width = 6;
    uint64_t interaction = 0;  // 0 = absent
    std::string_view channel, product;
    const Agent* agent = nullptr;  // agent_id, team, department
  };

  void write_survey(Sink& s, const SurveyOut& r) {
    s.str("{\"id\":\"").id('S', ++survey_number_, 8).str("\",\"kind\":\"").str(r.kind).str("\",\"score\":").num(r.score);
    s.str(",\"responded_at\":\"").instant(r.at).ch('"');
    if (r.customer != 0) s.str(",\"customer_id\":\"").id(r.customer_prefix, r.customer, r.customer_width).ch('"');
    if (r.interaction != 0) s.str(",\"interaction_id\":\"").id('I', r.interaction, interaction_width_).ch('"');
    if (!r.channel.empty()) s.str(",\"channel\":\"").str(r.channel).ch('"');
    if (!r.product.empty()) s.str(",\"product\":\"").str(r.product).ch('"');
    if (r.agent != nullptr) {
      s.str(",\"agent_id\":\"").id('A', r.agent->number, 3);
      s.str("\",\"team\":\"").str(teams[r.agent->team].name).str("\",\"department\":\"").str(teams[r.agent->team].department).ch('"');
    }
    s.ch('}').end_line();
    if (!surveys_csv_) return;
    Sink& c = *surveys_csv_;
    c.id('S', survey_number_, 8).ch(',').str(r.kind).ch(',').num(r.score).ch(',').instant(r.at).ch(',');
    if (r.customer != 0) c.id(r.customer_prefix, r.customer, r.customer_width);
    c.ch(',');
    if (r.interaction != 0) c.id('I', r.interaction, interaction_width_);
    c.ch(',').str(r.channel).ch(',').str(r.product).ch(',');
    if (r.agent != nullptr) c.id('A', r.agent->number, 3).ch(',').str(teams[r.agent->team].name).ch(',').str(teams[r.agent->team].department);
    else c.str(",,");
    c.end_line();
  }

  /// About 30 % of resolved interactions get a survey; a poor experience scores lower.
  void survey_for(Rng& rng, Sink& s, const Contact& c) {
    if (c.resolved == never || c.abandoned || !rng.chance(0.30)) return;
    const int64_t at = c.resolved + rng.delay(3 * hour, 1.2, 20 * day);
    if (at > last_) return;
    const bool bad = c.reopened > 0 || c.kind == kind_complaint || c.contacts >= 3 || c.resolved - c.created > 3 * day;
    const std::size_t kind = survey_kind_mix.pick(rng);
    SurveyOut r;
    if (kind == 0) r.kind = "csat", r.score = 1 + static_cast<int64_t>((bad ? csat_bad : csat_good).pick(rng));
    if (kind == 1) r.kind = "nps", r.score = static_cast<int64_t>((bad ? nps_bad : nps_good).pick(rng));
    if (kind == 2) r.kind = "ces", r.score = 1 + static_cast<int64_t>((bad ? ces_bad : ces_good).pick(rng));
    r.at = at;
    r.customer = c.customer + 1;
    r.customer_width = customer_width_;
    r.interaction = c.number;
    if (rng.chance(0.04)) r.channel = channels[c.channel];  // explicit: wins over the link
    write_survey(s, r);
  }

  /// Relationship NPS (not about one contact, by product) and monthly eNPS from agents.
  void write_relationship_surveys(Sink& s) {
    Rng rng(o_.seed, 5);
    for (int64_t m = 0; m < o_.months; ++m) {
      const int64_t from = period_month(o_, m);
      const int64_t to = period_month(o_, m + 1);
      for (uint64_t k = customers_ / 50 + 1; k > 0; --k) {
        const uint64_t customer = rng.below(customers_);
        SurveyOut r;  // draws in a fixed order: argument order is unspecified
        r.kind = "nps";
        r.score = static_cast<int64_t>(nps_good.pick(rng));
        r.at = rng.between(from, to - 1);
        r.customer = customer + 1;
        r.customer_width = customer_width_;
        r.product = plans[plan_of(customer)].name;
        write_survey(s, r);
      }
      for (const Agent& a : agents_) {
        if (!active(a, from + (to - from) / 2) || !rng.chance(0.7)) continue;
        SurveyOut r;
        r.kind = "enps";
        r.score = static_cast<int64_t>(enps_mix.pick(rng));
        r.at = rng.between(from, to - 1);
        r.customer_prefix = 'A';
        r.customer = a.number;
        r.customer_width = 3;
        r.agent = &a;
        write_survey(s, r);
      }
    }
  }

  // --- subscriptions and roster ---------------------------------------------------------
  struct CustomerEvent {
    int64_t at;
    std::string_view type;
    std::string_view product;
    int64_t mrr_cents;  // -1 = absent
  };

  /// Monthly renewals, churn, win-backs, seat changes, add-on purchases and adoption.
  void write_customer_events() {
    Sink s(o_.out / "customer_events.csv");
    s.str("customer_id,type,at,product,mrr").end_line();
    Rng rng(o_.seed, 3);
    const int64_t span = end_ - begin_;
    std::vector<CustomerEvent> ev;
    for (uint64_t customer = 0; customer < customers_; ++customer) {
      ev.clear();
      const std::size_t plan = plan_of(customer);
      const std::string_view product = plans[plan].name;
      const uint64_t seat_roll = rng.below(100);
      int64_t seats = seat_roll < 70 ? 1 : seat_roll < 90 ? rng.between(2, 5) : rng.between(6, 40);
      int64_t t = rng.chance(0.6) ? begin_ + rng.between(0, 10 * day) : begin_ + rng.between(0, span - 1);
      ev.push_back({t, "start", product, seats * plans[plan].price_cents});
      bool subscribed = true;
      for (int64_t next = t + 30 * day; next <= last_; t = next, next += 30 * day) {
        if (subscribed && rng.chance(plan_churn[plan])) {
          ev.push_back({next - rng.between(0, 5 * day), "cancel", product, 0});
          subscribed = false;
        } else if (subscribed) {
          if (rng.chance(0.05)) seats += rng.between(1, 3);
          else if (seats > 1 && rng.chance(0.02)) seats -= 1;
          ev.push_back({next, "renew", product, seats * plans[plan].price_cents});
        } else if (rng.chance(0.06)) {  // won back
          ev.push_back({next, "start", product, seats * plans[plan].price_cents});
          subscribed = true;
        }
      }
      const int64_t first = ev.front().at;
      if (rng.chance(0.12) && first < last_) {
        const std::string_view addon = addons[rng.chance(0.6) ? 0 : 1];
        const int64_t bought = first + rng.between(0, last_ - first);
        ev.push_back({bought, "purchase", addon, -1});
        const int64_t adopted = bought + rng.delay(5 * day, 0.8);
        if (rng.chance(0.65) && adopted <= last_) ev.push_back({adopted, "adopt", addon, -1});
      }
      std::stable_sort(ev.begin(), ev.end(), [](const CustomerEvent& a, const CustomerEvent& b) { return a.at < b.at; });
      for (const CustomerEvent& e : ev) {
        if (e.at > last_) continue;
        s.id('C', customer + 1, customer_width_).ch(',').str(e.type).ch(',').instant(e.at).ch(',').str(e.product).ch(',');
        if (e.mrr_cents >= 0) s.cents(e.mrr_cents);
        s.end_line();
      }
    }
    counts_.customer_events = s.lines() - 1;
  }

  void write_agent_events() {
    Sink s(o_.out / "agent_events.csv");
    s.str("agent_id,type,at,team,department").end_line();
    struct Row {
      int64_t at;
      const Agent* agent;
      std::string_view type;
    };
    std::vector<Row> rows;
    for (const Agent& a : agents_) {
      rows.push_back({a.hired, &a, "hire"});
      if (a.left != never) rows.push_back({a.left, &a, "leave"});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.at < b.at; });
    for (const Row& r : rows) {
      if (r.at > last_) continue;
      s.id('A', r.agent->number, 3).ch(',').str(r.type).ch(',').instant(r.at).ch(',');
      s.str(teams[r.agent->team].name).ch(',').str(teams[r.agent->team].department).end_line();
    }
    counts_.agent_events = s.lines() - 1;
  }

  Options o_;
  int64_t begin_;
  int64_t end_;   // exclusive
  int64_t last_;  // the last instant written: nothing happens after it
  uint64_t customers_;
  int customer_width_;
  int interaction_width_;
  int64_t outage_day_ = 0;
  uint64_t survey_number_ = 0;
  std::vector<Agent> agents_;
  std::array<std::vector<std::size_t>, teams.size()> team_members_;
  std::vector<Event> events_;  // the email history of the interaction being simulated
  std::unique_ptr<Sink> interactions_jsonl_;  // --layout bench: interactions as JSON Lines too
  std::unique_ptr<Sink> surveys_csv_;         // --layout bench: surveys as CSV too
  Counts counts_;
};

// ---------------------------------------------------------------------------------------
// Command line.

constexpr std::string_view usage =
    "usage: cskpi-sample [--seed N] [--out DIR] [--interactions N] [--customers N]\n"
    "                    [--months M] [--start YYYY-MM-DD] [--format csv|jsonl]\n"
    "                    [--layout standard|bench]\n"
    "Writes deterministic sample input for cskpi into DIR (default ./sample):\n"
    "interactions.csv (or .jsonl), surveys.jsonl, interaction_events.csv,\n"
    "customer_events.csv, agent_events.csv. Defaults: --seed 42 --interactions 20000\n"
    "--months 6 --start 2026-01-01 --format csv; customers = interactions / 4.\n"
    "--layout bench (scripts/bench --vs-duckdb) writes the fields of the standard report\n"
    "only: interactions.csv (13 columns) and interactions.jsonl, surveys.csv and\n"
    "surveys.jsonl (the same records), and status histories for every channel.\n";

[[noreturn]] void bad_usage(const std::string& message) {
  std::fprintf(stderr, "cskpi-sample: %s\n%.*s", message.c_str(), static_cast<int>(usage.size()), usage.data());
  std::exit(1);
}

uint64_t parse_count(std::string_view option, std::string_view text, uint64_t max) {
  uint64_t value = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || r.ec != std::errc{} || r.ptr != text.data() + text.size() || value > max)
    bad_usage(std::string(option) + ": not a whole number up to " + std::to_string(max) + ": '" + std::string(text) + "'");
  return value;
}

Civil parse_date(std::string_view text) {
  auto part = [&text](std::size_t at, std::size_t len) {
    unsigned v = 0;
    const auto r = std::from_chars(text.data() + at, text.data() + at + len, v);
    return r.ec == std::errc{} && r.ptr == text.data() + at + len ? static_cast<int>(v) : -1;
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') bad_usage("--start: expected YYYY-MM-DD");
  const int y = part(0, 4);
  const int m = part(5, 2);
  const int d = part(8, 2);
  if (y < 1970 || y > 9000 || m < 1 || m > 12 || d < 1 ||
      civil_from_days(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))).day != static_cast<unsigned>(d))
    bad_usage("--start: not a valid date from 1970: '" + std::string(text) + "'");
  return {y, static_cast<unsigned>(m), static_cast<unsigned>(d)};
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fwrite(usage.data(), 1, usage.size(), stdout);
      std::exit(0);
    }
    std::string_view value;
    if (const auto eq = arg.find('='); arg.substr(0, 2) == "--" && eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      bad_usage(std::string(arg) + ": missing value");
    }
    if (arg == "--seed") o.seed = parse_count(arg, value, std::numeric_limits<uint64_t>::max());
    else if (arg == "--out") o.out = std::filesystem::path(std::string(value));
    else if (arg == "--interactions") o.interactions = parse_count(arg, value, 1'000'000'000);
    else if (arg == "--customers") o.customers = parse_count(arg, value, 1'000'000'000);
    else if (arg == "--months") o.months = static_cast<int64_t>(parse_count(arg, value, 120));
    else if (arg == "--start") o.start = parse_date(value);
    else if (arg == "--format" && (value == "csv" || value == "jsonl")) o.jsonl = value == "jsonl";
    else if (arg == "--format") bad_usage("--format: expected csv or jsonl");
    else if (arg == "--layout" && (value == "standard" || value == "bench")) o.bench = value == "bench";
    else if (arg == "--layout") bad_usage("--layout: expected standard or bench");
    else bad_usage("unknown option " + std::string(arg));
  }
  if (o.months < 1) bad_usage("--months: at least 1");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  const auto started = std::chrono::steady_clock::now();
  Counts c;
  try {
    c = Generator(options).run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cskpi-sample: %s\n", e.what());
    return 1;
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::printf("cskpi-sample: %llu interactions (%llu open, %llu abandoned), %llu surveys, %llu interaction events, "
              "%llu customer events, %llu agent events -> %s (%.2f s)\n",
              static_cast<unsigned long long>(c.interactions), static_cast<unsigned long long>(c.open),
              static_cast<unsigned long long>(c.abandoned), static_cast<unsigned long long>(c.surveys),
              static_cast<unsigned long long>(c.events), static_cast<unsigned long long>(c.customer_events),
              static_cast<unsigned long long>(c.agent_events), options.out.string().c_str(), took.count());
  return 0;
}
