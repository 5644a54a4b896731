// cskpi/cskpi.hpp: the umbrella header: every core header of the library.
#pragma once

#include "cskpi/error.hpp"
#include "cskpi/stats.hpp"
#include "cskpi/time.hpp"

#include "cskpi/model/agent_event.hpp"
#include "cskpi/model/customer_event.hpp"
#include "cskpi/model/dataset.hpp"
#include "cskpi/model/dictionary.hpp"
#include "cskpi/model/dimension.hpp"
#include "cskpi/model/event_history.hpp"
#include "cskpi/model/interaction.hpp"
#include "cskpi/model/interaction_event.hpp"
#include "cskpi/model/survey.hpp"

#include "cskpi/calendar/business_calendar.hpp"
#include "cskpi/calendar/time_bucket.hpp"

#include "cskpi/metrics/ces.hpp"
#include "cskpi/metrics/cost.hpp"
#include "cskpi/metrics/csat.hpp"
#include "cskpi/metrics/customers.hpp"
#include "cskpi/metrics/duration_stats.hpp"
#include "cskpi/metrics/erlang_c.hpp"
#include "cskpi/metrics/fcr.hpp"
#include "cskpi/metrics/nps.hpp"
#include "cskpi/metrics/quality.hpp"
#include "cskpi/metrics/queue.hpp"
#include "cskpi/metrics/sla.hpp"
#include "cskpi/metrics/volume.hpp"

#include "cskpi/io/loader.hpp"
#include "cskpi/io/reject.hpp"

#include "cskpi/report/config_file.hpp"
#include "cskpi/report/engine.hpp"
#include "cskpi/report/partial_report.hpp"
#include "cskpi/report/field_table.hpp"
#include "cskpi/report/grouping.hpp"
#include "cskpi/report/report.hpp"
#include "cskpi/report/report_spec.hpp"

#include "cskpi/render/render.hpp"
#include "cskpi/render/trace_csv.hpp"
