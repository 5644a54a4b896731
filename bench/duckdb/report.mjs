// bench/duckdb/report.mjs: the DuckDB peer of cskpi's standard report (scripts/bench --vs-duckdb).
//
//   node report.mjs --interactions I.csv|I.jsonl --surveys S.csv|S.jsonl [--events E.csv]
//                   [--threads N] [--output FILE]
//
// Reads the files of `cskpi-sample --layout bench` with explicit types (read_csv / read_json),
// and computes with SQL, per group of the groupings overall, channel, topic, month and
// channel × month (months in UTC, as `cskpi report --tz UTC`), what cskpi's standard report
// computes (SPEC §3): volume count and resolved, NPS, CSAT, CES, first response and
// resolution count / mean / median / p90, FCR (method contacts) and reopen; with --events,
// the state durations (requester_wait, agent_work, on_hold, pending) and next_reply.
// Writes them as JSON in cskpi's shape ({"groups": [{"by", "key", "metrics"}]}), for
// bench/compare.mjs.
//
// Order statistics: cskpi's q-quantile is the ⌈q·n⌉-th smallest value (nearest rank).
// DuckDB's quantile_disc(x, q) takes the value at 0-based index max(1, n − ⌊n − q·n⌋) − 1,
// which is ⌈q·n⌉ − 1 for 0 < q ≤ 1: the same element. With q a DECIMAL (0.5, 0.9 are
// DECIMAL literals in DuckDB; cast here to be explicit) DuckDB computes that index in
// integer arithmetic, so no rounding of q·n can move it. (A double q computes ⌊n − q·n⌋
// in floating point.) `--self-test` checks the equivalence against list_sort(...)[⌈q·n⌉]
// for n = 1…2000.
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';

function parseArgs(argv) {
  const o = { threads: null, output: null, events: null, selfTest: false };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a}: missing value`);
      return argv[++i];
    };
    if (a === '--interactions') o.interactions = value();
    else if (a === '--surveys') o.surveys = value();
    else if (a === '--events') o.events = value();
    else if (a === '--threads') o.threads = Number.parseInt(value(), 10);
    else if (a === '--output') o.output = value();
    else if (a === '--self-test') o.selfTest = true;
    else throw new Error(`unknown option ${a}`);
  }
  if (!o.selfTest && (!o.interactions || !o.surveys)) throw new Error('--interactions and --surveys are required');
  return o;
}

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

// The bench layout's columns, typed explicitly (no sniffing).
const interactionColumns = {
  id: 'VARCHAR', customer_id: 'VARCHAR', channel: 'VARCHAR', topic: 'VARCHAR', kind: 'VARCHAR',
  priority: 'VARCHAR', agent_id: 'VARCHAR', created_at: 'TIMESTAMP', first_response_at: 'TIMESTAMP',
  resolved_at: 'TIMESTAMP', contacts: 'INTEGER', reopened: 'INTEGER', handle_seconds: 'DOUBLE',
};
const surveyColumns = {
  id: 'VARCHAR', kind: 'VARCHAR', score: 'INTEGER', responded_at: 'TIMESTAMP', customer_id: 'VARCHAR',
  interaction_id: 'VARCHAR', channel: 'VARCHAR', product: 'VARCHAR', agent_id: 'VARCHAR', team: 'VARCHAR',
  department: 'VARCHAR',
};
const eventColumns = { interaction_id: 'VARCHAR', at: 'TIMESTAMP', type: 'VARCHAR', status: 'VARCHAR', agent_id: 'VARCHAR' };

function source(path, columns) {
  const struct = `{${Object.entries(columns).map(([k, t]) => `${sqlString(k)}: ${sqlString(t)}`).join(', ')}}`;
  if (/\.(jsonl|ndjson)$/.test(path))
    return `read_json(${sqlString(path)}, format = 'newline_delimited', columns = ${struct})`;
  return `read_csv(${sqlString(path)}, header = true, auto_detect = false, delim = ',', quote = '"', columns = ${struct})`;
}

// The groupings of the standard report, in cskpi's order; grouping_id bits: channel 4, topic 2, month 1
// (a set bit = the column is NOT grouped).
const groupings = [
  { by: [], gid: 7 },
  { by: ['channel'], gid: 3 },
  { by: ['topic'], gid: 5 },
  { by: ['month'], gid: 6 },
  { by: ['channel', 'month'], gid: 2 },
];
const groupingSets = 'GROUPING SETS ((), (channel), (topic), (month), (channel, month))';
const P50 = '0.5::DECIMAL(2,1)';
const P90 = '0.9::DECIMAL(2,1)';

function durationSql(name, expr, cond) {
  const f = `FILTER (WHERE ${cond})`;
  return `count(*) ${f} AS ${name}_n, avg(${expr}) ${f} / 1000.0 AS ${name}_mean,
    quantile_disc(${expr}, ${P50}) ${f} / 1000.0 AS ${name}_p50, quantile_disc(${expr}, ${P90}) ${f} / 1000.0 AS ${name}_p90`;
}

function durationObject(row, name) {
  const n = Number(row[`${name}_n`] ?? 0);
  const num = (v) => (v === null || v === undefined || n === 0 ? null : Number(v));
  return { count: n, mean_s: num(row[`${name}_mean`]), median_s: num(row[`${name}_p50`]), p90_s: num(row[`${name}_p90`]) };
}

const ratio = (num, den, scale = 100) => (den > 0 ? (scale * num) / den : null);

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  // CSKPI_BENCH_VERBOSE=1: the time of each statement on stderr.
  const verbose = process.env.CSKPI_BENCH_VERBOSE === '1';
  const started = performance.now();
  const timed = async (sql, f) => {
    const t0 = performance.now();
    const result = await f(sql);
    if (verbose) console.error(`${((performance.now() - t0) / 1000).toFixed(3)} s (at ${((performance.now() - started) / 1000).toFixed(3)} s): ${sql.trim().split('\n')[0].slice(0, 70)}`);
    return result;
  };
  const run = (sql) => timed(sql, (q) => db.run(q));
  const rows = (sql) => timed(sql, async (q) => (await db.runAndReadAll(q)).getRowObjectsJson());
  await run(`SET TimeZone = 'UTC'`);
  if (o.threads) await run(`SET threads = ${o.threads}`);

  if (o.selfTest) {
    const bad = await rows(`
      WITH v AS (SELECT n, unnest(range(n)) * 7 % n AS x FROM range(1, 2001) t(n))
      SELECT n FROM v GROUP BY n
      HAVING quantile_disc(x, ${P50}) <> list_sort(list(x))[(n + 1) // 2]
          OR quantile_disc(x, ${P90}) <> list_sort(list(x))[(9 * n + 9) // 10]`);
    if (bad.length) throw new Error(`quantile_disc differs from nearest rank for n = ${bad.map((r) => r.n).join(', ')}`);
    console.log('self-test: quantile_disc(x, 0.5 / 0.9) = nearest rank for n = 1..2000');
    return;
  }

  // Load: one columnar table per record type (instants as epoch milliseconds, UTC months as
  // date_trunc timestamps: cheaper than formatting a string per row).
  await run(`CREATE TEMP TABLE i AS
    SELECT id, channel, topic, date_trunc('month', created_at) AS month, epoch_ms(created_at) AS c,
           epoch_ms(first_response_at) AS f, epoch_ms(resolved_at) AS r,
           date_trunc('month', resolved_at) AS r_month, contacts, coalesce(reopened, 0) AS reopened
    FROM ${source(o.interactions, interactionColumns)}`);
  await run(`CREATE TEMP TABLE s AS
    SELECT lower(trim(kind)) AS kind, score, epoch_ms(responded_at) AS at_ms, date_trunc('month', responded_at) AS month,
           interaction_id, channel
    FROM ${source(o.surveys, surveyColumns)}`);
  if (o.events) {
    await run(`CREATE TEMP TABLE e AS
      SELECT interaction_id, epoch_ms("at") AS t, lower(trim(type)) AS type, lower(trim(status)) AS status
      FROM ${source(o.events, eventColumns)}`); // rowid = input order (insertion order is preserved)
  }

  // The period (SPEC §2): from = the earliest attribution instant, to = the latest + 1 s;
  // as_of (v3, no --to) = the latest instant recorded + 1 s, never before to: creations,
  // first responses, resolutions, events and survey answers (the bench files have no
  // abandoned calls).
  const [p] = await rows(`
    SELECT least(min_c, min_s) AS from_ms, greatest(max_c, max_s) + 1000 AS to_ms,
           greatest(max_c, max_f, max_r, max_s, max_e) + 1000 AS latest_ms
    FROM (SELECT min(c) AS min_c, max(c) AS max_c, coalesce(max(f), max(c)) AS max_f, coalesce(max(r), max(c)) AS max_r FROM i),
         (SELECT min(at_ms) AS min_s, max(at_ms) AS max_s FROM s),
         (SELECT ${o.events ? 'coalesce(max(t), 0)' : '0'} AS max_e ${o.events ? 'FROM e' : ''})`);
  const from = Number(p.from_ms);
  const to = Number(p.to_ms);
  const asOf = Math.max(to, Number(p.latest_ms));

  const groups = new Map(); // gid|channel|topic|month -> {by, key, metrics}
  const keyOf = (gid, r) => JSON.stringify([gid, gid & 4 ? '*' : r.channel, gid & 2 ? '*' : r.topic, gid & 1 ? '*' : r.month]);
  const group = (r) => {
    const gid = Number(r.gid);
    const k = keyOf(gid, r);
    if (!groups.has(k)) {
      const g = groupings.find((x) => x.gid === gid);
      const key = {};
      // months are grouped as date_trunc('month', …) timestamps ('2026-03-01 00:00:00'): keyed 'YYYY-MM'
      for (const d of g.by) key[d] = d === 'month' && r.month != null ? String(r.month).slice(0, 7) : r[d] ?? null;
      groups.set(k, { by: g.by, key, metrics: {} });
    }
    return groups.get(k).metrics;
  };

  const resolvedCond = `r IS NOT NULL AND r <= ${asOf}`;
  const interactionRows = await rows(`
    SELECT grouping_id(channel, topic, month) AS gid, channel, topic, month, count(*) AS n,
      ${durationSql('fr', 'f - c', `f IS NOT NULL AND f <= ${asOf}`)},
      ${durationSql('res', 'r - c', resolvedCond)},
      count(*) FILTER (WHERE ${resolvedCond} AND channel <> 'self_service' AND contacts IS NOT NULL) AS fcr_n,
      count(*) FILTER (WHERE ${resolvedCond} AND channel <> 'self_service' AND contacts = 1 AND reopened = 0) AS fcr_first,
      count(*) FILTER (WHERE ${resolvedCond}) AS reopen_n,
      count(*) FILTER (WHERE ${resolvedCond} AND reopened >= 1) AS reopen_reopened
    FROM i WHERE c >= ${from} AND c < ${to} AND c <= ${asOf}
    GROUP BY ${groupingSets}`);
  for (const r of interactionRows) {
    const m = group(r);
    m.volume = { count: Number(r.n), resolved: 0 };
    m.first_response = durationObject(r, 'fr');
    m.resolution = durationObject(r, 'res');
    const fcrN = Number(r.fcr_n);
    const fcrFirst = Number(r.fcr_first);
    m.fcr = { resolved: fcrN, first_contact: fcrFirst, rate: ratio(fcrFirst, fcrN) };
    const reN = Number(r.reopen_n);
    const reR = Number(r.reopen_reopened);
    m.reopen = { resolved: reN, reopened: reR, rate: ratio(reR, reN) };
  }

  // resolved: interactions of the group's non-time dimensions resolved in the period (a
  // month group: in that month), whatever their created_at.
  const resolvedRows = await rows(`
    SELECT grouping_id(channel, topic, month) AS gid, channel, topic, month, count(*) AS resolved
    FROM (SELECT channel, topic, r_month AS month FROM i WHERE r >= ${from} AND r < ${to} AND r <= ${asOf})
    GROUP BY ${groupingSets}`);
  for (const r of resolvedRows) {
    const m = group(r);
    m.volume ??= { count: 0, resolved: 0 };
    m.volume.resolved = Number(r.resolved);
  }

  // Surveys: attributed by responded_at; a linked survey inherits its interaction's
  // channel and topic (its own explicit channel wins).
  const surveyRows = await rows(`
    SELECT grouping_id(channel, topic, month) AS gid, channel, topic, month,
      count(*) FILTER (WHERE kind = 'nps') AS nps_n,
      count(*) FILTER (WHERE kind = 'nps' AND score >= 9) AS nps_p,
      count(*) FILTER (WHERE kind = 'nps' AND score BETWEEN 7 AND 8) AS nps_pa,
      count(*) FILTER (WHERE kind = 'nps' AND score <= 6) AS nps_d,
      count(*) FILTER (WHERE kind = 'csat') AS csat_n,
      count(*) FILTER (WHERE kind = 'csat' AND score >= 4) AS csat_sat,
      avg(score) FILTER (WHERE kind = 'csat') AS csat_mean,
      count(*) FILTER (WHERE kind = 'ces') AS ces_n,
      count(*) FILTER (WHERE kind = 'ces' AND score >= 5) AS ces_easy,
      avg(score) FILTER (WHERE kind = 'ces') AS ces_mean
    FROM (SELECT s.kind, s.score, s.month, coalesce(s.channel, i.channel) AS channel, i.topic AS topic
          FROM s LEFT JOIN i ON s.interaction_id = i.id
          WHERE s.at_ms >= ${from} AND s.at_ms < ${to} AND s.at_ms <= ${asOf})
    GROUP BY ${groupingSets}`);
  for (const r of surveyRows) {
    const m = group(r);
    const n = Number(r.nps_n), P = Number(r.nps_p), D = Number(r.nps_d);
    m.nps = { responses: n, promoters: P, passives: Number(r.nps_pa), detractors: D, score: ratio(P - D, n) };
    const cn = Number(r.csat_n), cs = Number(r.csat_sat);
    m.csat = { responses: cn, satisfied: cs, score: ratio(cs, cn), mean: cn ? Number(r.csat_mean) : null };
    const en = Number(r.ces_n), ee = Number(r.ces_easy);
    m.ces = { responses: en, mean: en ? Number(r.ces_mean) : null, easy_share: ratio(ee, en) };
  }

  if (o.events) await eventMetrics(rows, group, asOf, from, to);

  const order = (g) => groupings.findIndex((x) => x.by.join() === g.by.join());
  const cmpKey = (a, b) => {
    for (const d of a.by) {
      const x = a.key[d], y = b.key[d];
      if (x === y) continue;
      if (x === null) return -1;
      if (y === null) return 1;
      return Buffer.compare(Buffer.from(x), Buffer.from(y));
    }
    return 0;
  };
  const list = [...groups.values()].sort((a, b) => order(a) - order(b) || cmpKey(a, b));
  const report = {
    schema: 'cskpi.bench.duckdb/1',
    period: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), as_of: new Date(asOf).toISOString() },
    groups: list,
  };
  const text = JSON.stringify(report, null, 1) + '\n';
  if (o.output) writeFileSync(o.output, text);
  else process.stdout.write(text);
}

// Event histories (SPEC §1): per interaction with events, the time in each status up to
// its resolution (the record's resolved_at, else as_of), the status before the first status
// event being `new` from created_at; and next_reply samples (each customer_message to the
// first later agent_reply). Events are ordered by `at`, then input order. An interaction
// with events only after as_of still has a sample (all of it in `new`).
async function eventMetrics(rows, group, asOf, from, to) {
  const stateRows = await rows(`
    WITH ev AS (  -- events with the row of their interaction (integer keys from here on)
      SELECT i.rowid AS row, e.rowid AS seq, e.t, e.type, e.status FROM e JOIN i ON e.interaction_id = i.id),
    base AS (  -- the interactions of the period with events, and where their clocks stop
      SELECT rowid AS row, c, channel, topic, month, CASE WHEN r IS NOT NULL AND r <= ${asOf} THEN r ELSE ${asOf} END AS stop
      FROM i WHERE c >= ${from} AND c < ${to} AND c <= ${asOf} AND rowid IN (SELECT row FROM ev)),
    st AS (  -- status segments: the implicit 'new' from created_at, then each status event
      SELECT row, c AS t, -1 AS seq, 'new' AS status, stop FROM base
      UNION ALL
      SELECT ev.row, ev.t, ev.seq, ev.status, base.stop FROM ev JOIN base USING (row) WHERE ev.type = 'status' AND ev.t <= ${asOf}),
    seg AS (
      SELECT row, status, greatest(0, least(coalesce(lead(t) OVER (PARTITION BY row ORDER BY t, seq), stop), stop) - t) AS d
      FROM st),
    per AS (
      SELECT row,
        sum(CASE WHEN status IN ('new', 'open', 'on_hold') THEN d ELSE 0 END) AS requester_wait,
        sum(CASE WHEN status IN ('new', 'open') THEN d ELSE 0 END) AS agent_work,
        sum(CASE WHEN status = 'on_hold' THEN d ELSE 0 END) AS on_hold,
        sum(CASE WHEN status = 'pending' THEN d ELSE 0 END) AS pending
      FROM seg GROUP BY row)
    SELECT grouping_id(channel, topic, month) AS gid, channel, topic, month,
      ${durationSql('rw', 'requester_wait', 'true')}, ${durationSql('aw', 'agent_work', 'true')},
      ${durationSql('oh', 'on_hold', 'true')}, ${durationSql('pe', 'pending', 'true')}
    FROM per JOIN base USING (row)
    GROUP BY ${groupingSets}`);
  for (const r of stateRows) {
    const m = group(r);
    m.requester_wait = durationObject(r, 'rw');
    m.agent_work = durationObject(r, 'aw');
    m.on_hold = durationObject(r, 'oh');
    m.pending = durationObject(r, 'pe');
  }
  const replyRows = await rows(`
    WITH ev AS (SELECT interaction_id, t, rowid AS seq, type FROM e WHERE t <= ${asOf} AND type IN ('customer_message', 'agent_reply')),
    nx AS (
      SELECT interaction_id, type, t,
        min(CASE WHEN type = 'agent_reply' THEN t END) OVER (
          PARTITION BY interaction_id ORDER BY t, seq ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS reply_t
      FROM ev),
    samples AS (SELECT interaction_id, reply_t - t AS d FROM nx WHERE type = 'customer_message' AND reply_t IS NOT NULL)
    SELECT grouping_id(channel, topic, month) AS gid, channel, topic, month, ${durationSql('nr', 'd', 'true')}
    FROM samples JOIN i ON i.id = samples.interaction_id
    WHERE i.c >= ${from} AND i.c < ${to} AND i.c <= ${asOf}
    GROUP BY ${groupingSets}`);
  for (const r of replyRows) group(r).next_reply = durationObject(r, 'nr');
}

main().catch((e) => {
  console.error(`report.mjs: ${e.message}`);
  process.exit(1);
});
