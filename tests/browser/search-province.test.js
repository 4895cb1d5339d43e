// The search at a province's scale, on a generated site (cargo run --example province-site):
//   1. thousands of random queries give what a substring scan over every company gives;
//   2. cold queries typed in Chromium under Slow 4G read no more than the budget for the site's
//      size, and show the scan's results.
// Runs when PROVINCE_DIR (the built site) and PROVINCE_URL (where it is served) are set, as
// .ci/site-checks sets them for a 10,000-task site. At a million tasks, see README, "Search".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reference, queries, search, compare, scan } from './search-scan.js';
import { measure } from './query-cost.mjs';

const DIR = process.env.PROVINCE_DIR;
const URL_ = process.env.PROVINCE_URL;
const RANDOM_QUERIES = Number(process.env.PROVINCE_QUERIES || 3000);
const BROWSER_QUERIES = Number(process.env.PROVINCE_BROWSER_QUERIES || 3);
const skip = !DIR || !URL_ ? 'PROVINCE_DIR and PROVINCE_URL are not set' : false;

// The budget of a cold query: 100 KB at a million tasks (316,776 companies), scaled to the
// site: 20 KB plus 80 KB in proportion to its companies. At most 4 requests at any size.
export function budget(companies) {
  return { bytes: Math.round(20_000 + 80_000 * Math.min(1, companies / 316_776)), requests: 4 };
}

test('search at scale: random queries give the substring scan\'s answer', { skip, timeout: 600_000 }, async () => {
  const companies = reference(DIR);
  const limit = budget(companies.length);
  const wrong = [];
  const over = [];
  let n = 0;
  for (const { kind, q } of queries(companies, RANDOM_QUERIES, 7)) {
    const found = await search(DIR, q);
    n += 1;
    const problem = compare(companies, q, found);
    if (problem) wrong.push(`${kind} "${q}": ${problem}`);
    if (found.bytes > limit.bytes || found.requests > limit.requests) {
      over.push(`${kind} "${q}": ${found.requests} requests, ${found.bytes} bytes`);
    }
  }
  console.log(`${n} queries over ${companies.length} companies; budget ${limit.bytes} bytes, ${limit.requests} requests`);
  assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${n} queries differ from the scan`);
  assert.deepEqual(over.slice(0, 10), [], `${over.length} of ${n} queries read more than the budget`);
});

test('search at scale: cold queries in Chromium under Slow 4G stay within budget and show the scan\'s results', { skip, timeout: 600_000 }, async () => {
  const companies = reference(DIR);
  const limit = budget(companies.length);
  // A few of each kind, and the heaviest 2-character query: the commonest pair in the names.
  const perKind = new Map();
  for (const query of queries(companies, 600, 11)) {
    const list = perKind.get(query.kind) ?? [];
    if (list.length < BROWSER_QUERIES) list.push(query);
    perKind.set(query.kind, list);
  }
  const pairs = new Map();
  for (const c of companies) {
    const chars = Array.from(c.rawName);
    for (let i = 0; i + 1 < chars.length; i += 1) {
      const pair = chars[i] + chars[i + 1];
      pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
    }
  }
  const commonest = [...pairs].sort((a, b) => b[1] - a[1])[0][0];
  const chosen = [...perKind.values()].flat().concat([{ kind: 'two characters', q: commonest }]);
  const measured = await measure({ base: URL_, engine: 'gongshi', queries: chosen, throttle: true });
  const problems = [];
  for (const m of measured) {
    console.log(`${m.kind.padEnd(16)} ${JSON.stringify(m.q).padEnd(24)} ${m.requests} requests ` +
      `${m.bytes} bytes ${m.ms} ms, ${m.count} found`);
    if (m.error) {
      problems.push(`"${m.q}": ${m.error}`);
      continue;
    }
    if (m.requests > limit.requests || m.bytes > limit.bytes) {
      problems.push(`"${m.q}": ${m.requests} requests, ${m.bytes} bytes (budget ${limit.requests}, ${limit.bytes})`);
    }
    const expected = scan(companies, m.q);
    if (m.count !== expected.size) problems.push(`"${m.q}": the page says ${m.count}, the scan finds ${expected.size}`);
    if (m.results.length !== Math.min(20, expected.size)) {
      problems.push(`"${m.q}": ${m.results.length} links shown of ${expected.size}`);
    }
    for (const href of m.results) {
      const id = href.replace(/^.*\/entities\//, '').replace(/\/$/, '');
      const key = id.startsWith('n-') ? null : id;
      if (key && !expected.has(key)) problems.push(`"${m.q}": ${href} is not a match`);
    }
  }
  assert.deepEqual(problems, []);
});
