// bench/duckdb/compare.mjs: checks that cskpi's report and DuckDB's (report.mjs) agree.
//
//   node compare.mjs CSKPI.json DUCKDB.json
//
// The periods must be the same instants. For every group DuckDB computed (overall, channel, topic, month, channel × month) and
// every metric field it computed, cskpi's report must hold the same group and value:
// counts and order statistics (median_s, p90_s) equal, means, scores and rates within
// 1e-9 relative (1e-9 absolute near 0), null where the other is null. The groups must be
// the same set on both sides (cskpi's other groupings and metrics are not compared).
// Exit 0 and one summary line when everything agrees; exit 1 naming up to 20 differences.
import { readFileSync } from 'node:fs';

const [cskpiPath, duckPath] = process.argv.slice(2);
if (!cskpiPath || !duckPath) {
  console.error('usage: node compare.mjs CSKPI.json DUCKDB.json');
  process.exit(1);
}
const cskpi = JSON.parse(readFileSync(cskpiPath, 'utf8'));
const duck = JSON.parse(readFileSync(duckPath, 'utf8'));

const id = (g) => JSON.stringify([g.by, g.by.map((d) => g.key[d] ?? null)]);
const exactFields = new Set(['count', 'median_s', 'p90_s', 'responses', 'promoters', 'passives', 'detractors',
  'satisfied', 'resolved', 'first_contact', 'reopened']);

const problems = [];
let compared = 0;
const differ = (what) => problems.push(what);

function same(field, a, b) {
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== 'number' || typeof b !== 'number') return false;
  if (exactFields.has(field)) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

// The period both computed from the data (SPEC §2).
for (const f of ['from', 'to', 'as_of']) {
  const a = Date.parse(cskpi.period?.[f]);
  const b = Date.parse(duck.period?.[f]);
  if (!(a === b)) differ(`period.${f}: cskpi ${cskpi.period?.[f]}, DuckDB ${duck.period?.[f]}`);
}

const byDuck = new Map(duck.groups.map((g) => [id(g), g]));
const groupings = new Set(duck.groups.map((g) => JSON.stringify(g.by)));
const byCskpi = new Map(cskpi.groups.filter((g) => groupings.has(JSON.stringify(g.by))).map((g) => [id(g), g]));
for (const k of byCskpi.keys()) if (!byDuck.has(k)) differ(`group ${k}: only in cskpi`);
for (const [k, dg] of byDuck) {
  const cg = byCskpi.get(k);
  if (!cg) {
    differ(`group ${k}: only in DuckDB`);
    continue;
  }
  for (const [metric, fields] of Object.entries(dg.metrics)) {
    const cm = cg.metrics[metric];
    for (const [field, dv] of Object.entries(fields)) {
      // cskpi may leave out a metric object whose inputs are absent (SPEC §4): zero counts then.
      const cv = cm === undefined ? (typeof dv === 'number' && exactFields.has(field) ? 0 : null) : cm[field];
      ++compared;
      if (!same(field, cv, dv)) differ(`group ${k} ${metric}.${field}: cskpi ${cv}, DuckDB ${dv}`);
    }
  }
}

if (problems.length) {
  console.error(`compare: cskpi and DuckDB DISAGREE (${problems.length} differences of ${compared} values):`);
  for (const p of problems.slice(0, 20)) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`compare: cskpi and DuckDB agree on ${compared} values in ${byDuck.size} groups`);
