#include <catch2/catch.hpp>

#include <cskpi/model/event_history.hpp>

#include <chrono>
#include <optional>
#include <random>
#include <vector>

using cskpi::derive_history;
using cskpi::HistoryEvent;
using cskpi::InteractionEventType;
using cskpi::Milliseconds;
using cskpi::StatusSpan;
using cskpi::TicketStatus;
using cskpi::time_in;
using cskpi::TimePoint;
using namespace std::chrono_literals;

namespace {
using Samples = std::vector<Milliseconds>;
using Events = std::vector<HistoryEvent>;

// Every history below starts at 2026-03-02T09:00:00Z; times are minutes after it.
const TimePoint created = cskpi::from_millis(1'772'442'000'000);

TimePoint at(std::chrono::minutes m) { return created + m; }
HistoryEvent status(std::chrono::minutes m, TicketStatus s) { return {at(m), InteractionEventType::status, s}; }
HistoryEvent reply(std::chrono::minutes m) { return {at(m), InteractionEventType::agent_reply, TicketStatus::new_}; }
HistoryEvent message(std::chrono::minutes m) {
  return {at(m), InteractionEventType::customer_message, TicketStatus::new_};
}

bool same_spans(const std::vector<StatusSpan>& got, const std::vector<StatusSpan>& want) {
  if (got.size() != want.size()) return false;
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (got[i].from != want[i].from || got[i].to != want[i].to || got[i].status != want[i].status) return false;
  }
  return true;
}
}  // namespace

TEST_CASE("History new, open, pending, open, solved gives first response, resolution and state durations",
          "[history]") {
  const Events events{
      message(0min),                       // the customer writes in at creation
      status(10min, TicketStatus::open),   // new [0, 10)
      reply(15min),                        // first response, answers the 0 min message
      status(20min, TicketStatus::pending),  // open [10, 20)
      message(50min),                      // the customer answers the question...
      status(50min, TicketStatus::open),   // ...which reopens the work: pending [20, 50)
      reply(70min),                        // answers the 50 min message
      status(90min, TicketStatus::solved),  // open [50, 90), then resolved
  };
  const auto f = derive_history(created, events, at(300min));
  CHECK(f.first_response_at == at(15min));
  CHECK(f.resolved_at == at(90min));
  CHECK(f.reopened == 0);
  CHECK(f.requester_wait == 60min);  // new 10 + open 10 + open 40
  CHECK(f.agent_work == 60min);      // the same: no on_hold
  CHECK(f.pending == 30min);         // 50 - 20
  CHECK(f.on_hold == 0min);
  CHECK(f.next_reply == Samples{15min, 20min});  // 15 - 0, 70 - 50
  CHECK(same_spans(f.statuses, {{at(0min), at(10min), TicketStatus::new_},
                                {at(10min), at(20min), TicketStatus::open},
                                {at(20min), at(50min), TicketStatus::pending},
                                {at(50min), at(90min), TicketStatus::open}}));  // ends at the resolution
}

TEST_CASE("History solved, reopened, solved again: resolved at the second solve, reopened once", "[history]") {
  const Events events{
      status(0min, TicketStatus::open),      // new lasts no time
      status(30min, TicketStatus::solved),   // open [0, 30)
      status(60min, TicketStatus::open),     // solved [30, 60): counts in no duration; a reopen
      status(100min, TicketStatus::solved),  // open [60, 100): the final run starts here
  };
  const auto f = derive_history(created, events, at(1000min));
  CHECK(f.resolved_at == at(100min));
  CHECK(f.reopened == 1);
  CHECK(f.requester_wait == 70min);  // open 30 + open 40
  CHECK(f.agent_work == 70min);
  CHECK_FALSE(f.first_response_at);  // no agent_reply at all
  CHECK(f.next_reply.empty());
  CHECK(same_spans(f.statuses, {{at(0min), at(30min), TicketStatus::open},
                                {at(30min), at(60min), TicketStatus::solved},
                                {at(60min), at(100min), TicketStatus::open}}));
}

TEST_CASE("History solved then closed keeps the solved instant, and solved while closed is the same run",
          "[history]") {
  const Events events{
      status(5min, TicketStatus::open),
      status(40min, TicketStatus::solved),
      status(1480min, TicketStatus::closed),  // auto-close a day later
      status(2000min, TicketStatus::solved),  // a stray solve of a closed ticket: no new run
  };
  const auto f = derive_history(created, events, at(3000min));
  CHECK(f.resolved_at == at(40min));
  CHECK(f.reopened == 0);
  CHECK(f.requester_wait == 40min);  // new 5 + open 35; nothing after the resolution
  CHECK(f.agent_work == 40min);
  CHECK(f.statuses.size() == 2);  // new [0, 5), open [5, 40)
  CHECK(f.statuses.back().to == at(40min));
}

TEST_CASE("History pending time is all stretches in pending, and counts in no wait", "[history]") {
  const Events events{
      status(0min, TicketStatus::open),
      status(10min, TicketStatus::pending),  // open [0, 10)
      status(70min, TicketStatus::open),     // pending [10, 70)
      status(80min, TicketStatus::pending),  // open [70, 80)
      status(200min, TicketStatus::solved),  // pending [80, 200)
  };
  const auto f = derive_history(created, events, at(500min));
  CHECK(f.pending == 180min);        // 60 + 120
  CHECK(f.requester_wait == 20min);  // open 10 + open 10
  CHECK(f.agent_work == 20min);
  CHECK(f.on_hold == 0min);
}

TEST_CASE("History on_hold time is requester wait but not agent work", "[history]") {
  const Events events{
      status(0min, TicketStatus::open),
      status(20min, TicketStatus::on_hold),  // open [0, 20)
      status(65min, TicketStatus::open),     // on_hold [20, 65): waiting on a third party
      status(75min, TicketStatus::solved),   // open [65, 75)
  };
  const auto f = derive_history(created, events, at(500min));
  CHECK(f.on_hold == 45min);         // 65 - 20
  CHECK(f.requester_wait == 75min);  // open 20 + on_hold 45 + open 10
  CHECK(f.agent_work == 30min);      // open 20 + open 10
  CHECK(f.pending == 0min);
}

TEST_CASE("History next_reply: a message answered twice gives one sample, from its first reply", "[history]") {
  const Events events{message(0min), reply(12min), reply(30min), reply(45min)};
  const auto f = derive_history(created, events, at(100min));
  CHECK(f.next_reply == Samples{12min});  // 12 - 0; the later replies answer nothing new
  CHECK(f.first_response_at == at(12min));
}

TEST_CASE("History next_reply: each message before a reply gets its own sample to that reply", "[history]") {
  const Events events{message(0min), message(5min), message(8min), reply(20min), message(30min), reply(31min)};
  const auto f = derive_history(created, events, at(100min));
  CHECK(f.next_reply == Samples{20min, 15min, 12min, 1min});  // 20-0, 20-5, 20-8, 31-30
  REQUIRE(f.next_reply_spans.size() == 4);  // the same samples as (message, reply) instants
  CHECK(f.next_reply_spans[1].message == at(5min));
  CHECK(f.next_reply_spans[1].reply == at(20min));
  CHECK(f.next_reply_spans[3].message == at(30min));
  CHECK(f.next_reply_spans[3].reply == at(31min));
}

TEST_CASE("History next_reply: a reply at the message's instant, listed after it, is a 0 s sample", "[history]") {
  const Events events{message(7min), reply(7min)};
  const auto f = derive_history(created, events, at(100min));
  CHECK(f.next_reply == Samples{0ms});
}

TEST_CASE("History next_reply: a reply listed before a message at the same instant does not answer it",
          "[history]") {
  // Input order at 10 min: the reply (to the 0 min message), then a new message.
  const Events events{message(0min), reply(10min), message(10min), reply(25min)};
  const auto f = derive_history(created, events, at(100min));
  CHECK(f.next_reply == Samples{10min, 15min});  // 10 - 0, 25 - 10
}

TEST_CASE("History next_reply: a message unanswered by as_of gives no sample", "[history]") {
  const Events events{message(0min), reply(3min), message(40min)};
  const auto f = derive_history(created, events, at(100min));
  CHECK(f.next_reply == Samples{3min});
}

TEST_CASE("History open at as_of measures the state durations up to as_of", "[history]") {
  const Events events{
      status(15min, TicketStatus::open),     // new [0, 15)
      status(45min, TicketStatus::on_hold),  // open [15, 45)
      reply(120min),                         // exactly at as_of: it has happened
      status(120min, TicketStatus::open),    // exactly at as_of: a move that lasted no time yet
  };
  const auto f = derive_history(created, events, at(120min));
  CHECK_FALSE(f.resolved_at);
  CHECK(f.first_response_at == at(120min));
  CHECK(f.requester_wait == 120min);  // new 15 + open 30 + on_hold 75
  CHECK(f.agent_work == 45min);       // new 15 + open 30
  CHECK(f.on_hold == 75min);          // 120 - 45
  CHECK(same_spans(f.statuses, {{at(0min), at(15min), TicketStatus::new_},
                                {at(15min), at(45min), TicketStatus::open},
                                {at(45min), at(120min), TicketStatus::on_hold}}));
}

TEST_CASE("History events after as_of have not happened: a later resolution leaves it open", "[history]") {
  const Events events{
      status(0min, TicketStatus::open),
      message(10min),
      reply(90min),                         // after as_of
      status(95min, TicketStatus::solved),  // after as_of
  };
  const auto f = derive_history(created, events, at(60min));
  CHECK_FALSE(f.resolved_at);
  CHECK_FALSE(f.first_response_at);
  CHECK(f.next_reply.empty());       // the 10 min message is not answered yet
  CHECK(f.requester_wait == 60min);  // open [0, 60)
  CHECK(f.agent_work == 60min);
  CHECK(f.statuses.back().to == at(60min));

  const auto later = derive_history(created, events, at(100min));
  CHECK(later.resolved_at == at(95min));
  CHECK(later.next_reply == Samples{80min});  // 90 - 10
}

TEST_CASE("History without status events is new all along", "[history]") {
  const Events events{message(0min), reply(25min)};
  const auto f = derive_history(created, events, at(240min));
  CHECK_FALSE(f.resolved_at);
  CHECK(f.reopened == 0);
  CHECK(f.requester_wait == 240min);  // as_of - created
  CHECK(f.agent_work == 240min);
  CHECK(f.pending == 0min);
  CHECK(f.on_hold == 0min);
  CHECK(same_spans(f.statuses, {{at(0min), at(240min), TicketStatus::new_}}));

  const auto none = derive_history(created, {}, at(240min));
  CHECK(none.requester_wait == 240min);
  CHECK_FALSE(none.first_response_at);
}

TEST_CASE("History status repeating the current status changes nothing", "[history]") {
  const Events events{
      status(0min, TicketStatus::new_),  // already new
      status(10min, TicketStatus::open),
      status(20min, TicketStatus::open),  // already open: no new span
      status(30min, TicketStatus::solved),
      status(35min, TicketStatus::solved),  // already solved: the run still starts at 30
  };
  const auto f = derive_history(created, events, at(100min));
  CHECK(f.resolved_at == at(30min));
  CHECK(same_spans(f.statuses, {{at(0min), at(10min), TicketStatus::new_}, {at(10min), at(30min), TicketStatus::open}}));
}

TEST_CASE("History moves at one instant leave no zero-length span", "[history]") {
  const Events events{
      status(10min, TicketStatus::open),
      status(40min, TicketStatus::pending),  // pending for no time...
      status(40min, TicketStatus::open),     // ...so open [10, 60) is one span
      status(60min, TicketStatus::solved),
      status(60min, TicketStatus::open),     // a reopen at the solve's instant
      status(80min, TicketStatus::closed),
  };
  const auto f = derive_history(created, events, at(100min));
  CHECK(f.reopened == 1);
  CHECK(f.resolved_at == at(80min));
  CHECK(f.pending == 0min);
  CHECK(f.agent_work == 80min);  // new 10 + open 70
  CHECK(same_spans(f.statuses, {{at(0min), at(10min), TicketStatus::new_}, {at(10min), at(80min), TicketStatus::open}}));
}

TEST_CASE("History resolved at creation, or as_of before creation, has an empty window", "[history]") {
  const auto instant = derive_history(created, {status(0min, TicketStatus::solved), reply(5min)}, at(60min));
  CHECK(instant.resolved_at == at(0min));
  CHECK(instant.statuses.empty());
  CHECK(instant.requester_wait == 0min);
  CHECK(instant.first_response_at == at(5min));  // a reply after closure still counts

  const auto early = derive_history(created, {status(0min, TicketStatus::open)}, at(-5min));
  CHECK(early.statuses.empty());
  CHECK(early.requester_wait == 0min);
  CHECK_FALSE(early.resolved_at);
}

TEST_CASE("History time_in sums the paused statuses inside a window, for SLA resolution clocks", "[history]") {
  const Events events{
      status(0min, TicketStatus::open),
      status(30min, TicketStatus::pending),  // open [0, 30)
      status(90min, TicketStatus::open),     // pending [30, 90)
      status(100min, TicketStatus::on_hold),  // open [90, 100)
      status(130min, TicketStatus::pending),  // on_hold [100, 130)
      status(150min, TicketStatus::solved),   // pending [130, 150)
  };
  const auto f = derive_history(created, events, at(500min));
  const std::vector<TicketStatus> pending{TicketStatus::pending};
  CHECK(time_in(f.statuses, pending, at(0min), at(150min)) == 80min);  // 60 + 20
  CHECK(time_in(f.statuses, pending, at(0min), at(150min)) == f.pending);
  // Elapsed on the paused resolution clock: 150 - 80 = 70 min.
  CHECK(at(150min) - created - time_in(f.statuses, pending, created, at(150min)) == 70min);
  // Elapsed at 60 min: the pause began at 30, so 60 - 30 = 30 min.
  CHECK(time_in(f.statuses, pending, created, at(60min)) == 30min);
  // A window cutting both ends: [45, 140) holds pending [45, 90) and [130, 140).
  CHECK(time_in(f.statuses, pending, at(45min), at(140min)) == 55min);  // 45 + 10
  const std::vector<TicketStatus> paused{TicketStatus::pending, TicketStatus::on_hold};
  CHECK(time_in(f.statuses, paused, created, at(150min)) == 110min);  // 60 + 30 + 20
  CHECK(time_in(f.statuses, paused, at(200min), at(300min)) == 0min);  // after the timeline
  CHECK(time_in(f.statuses, paused, at(100min), at(100min)) == 0min);  // empty window
  CHECK(time_in(f.statuses, {}, created, at(150min)) == 0min);
}

TEST_CASE("The record's own resolved_at ends the state durations, whatever the events say after it",
          "[history][v3]") {
  // The record says resolved at 60 min; its events go on: on_hold at 20, open at 180, on_hold at 240.
  const Events events{
      status(20min, TicketStatus::on_hold),  // new [0, 20)
      status(180min, TicketStatus::open),    // after the record's resolution
      status(240min, TicketStatus::on_hold),
  };
  const auto f = derive_history(created, events, at(24h), at(60min));
  CHECK(f.on_hold == 40min);          // [20, 60): the resolution ends it (v2: 160 + 1200 min to as_of = 81 600 s)
  CHECK(f.requester_wait == 60min);   // new 20 + on_hold 40
  CHECK(f.agent_work == 20min);
  CHECK(f.pending == 0min);
  CHECK_FALSE(f.resolved_at);         // the events alone never resolve it
  CHECK(same_spans(f.statuses, {{at(0min), at(20min), TicketStatus::new_},
                                {at(20min), at(60min), TicketStatus::on_hold}}));

  // Without the record's resolution the same events run to as_of.
  const auto open = derive_history(created, events, at(24h));
  CHECK(open.on_hold == 160min + 1200min);  // [20, 180) + [240, 1440)
  CHECK(open.requester_wait == 24h);

  // A record resolution after as_of has not happened: the window ends at as_of.
  const auto later = derive_history(created, events, at(24h), at(30h));
  CHECK(later.on_hold == open.on_hold);
}

TEST_CASE("The record's resolved_at wins over a later solve in the events", "[history][v3]") {
  const Events events{status(10min, TicketStatus::pending), status(120min, TicketStatus::solved)};
  const auto f = derive_history(created, events, at(300min), at(90min));
  CHECK(f.resolved_at == at(120min));  // what the events say, kept
  CHECK(f.pending == 80min);           // [10, 90): ended by the record's resolution
  CHECK(f.requester_wait == 10min);
}

TEST_CASE("History derived into a reused result equals a fresh one, history after history", "[history]") {
  // Random histories (messages, replies, status moves, ties), each derived fresh and into one
  // HistoryFacts that the one before filled: nothing of an earlier history may remain.
  std::mt19937_64 rng(5);
  cskpi::HistoryFacts reused;
  for (int k = 0; k < 500; ++k) {
    Events events;
    std::int64_t minute = 0;
    const std::size_t n = rng() % 12;
    for (std::size_t i = 0; i < n; ++i) {
      minute += static_cast<std::int64_t>(rng() % 3) * 10;  // ties
      const std::chrono::minutes m{minute};
      switch (rng() % 3) {
        case 0: events.push_back(reply(m)); break;
        case 1: events.push_back(message(m)); break;
        default: events.push_back(status(m, static_cast<TicketStatus>(rng() % 6))); break;
      }
    }
    const TimePoint as_of = at(std::chrono::minutes{static_cast<std::int64_t>(rng() % 80)});
    const std::optional<TimePoint> record =
        rng() % 3 == 0 ? std::optional{at(std::chrono::minutes{static_cast<std::int64_t>(rng() % 80)})} : std::nullopt;
    const cskpi::HistoryFacts fresh = derive_history(created, events, as_of, record);
    derive_history(created, events, as_of, record, reused);
    CAPTURE(k);
    CHECK(reused.first_response_at == fresh.first_response_at);
    CHECK(reused.resolved_at == fresh.resolved_at);
    CHECK(reused.reopened == fresh.reopened);
    CHECK(reused.requester_wait == fresh.requester_wait);
    CHECK(reused.agent_work == fresh.agent_work);
    CHECK(reused.on_hold == fresh.on_hold);
    CHECK(reused.pending == fresh.pending);
    CHECK(reused.next_reply == fresh.next_reply);
    CHECK(reused.next_reply_spans.size() == fresh.next_reply_spans.size());
    CHECK(same_spans(reused.statuses, fresh.statuses));
  }
}
