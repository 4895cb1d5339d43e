// The search index against a plain scan: runs the theme's search.js (its searcher, not the page)
// on a built site's search/ files, read from disk, and compares each answer with a substring
// scan over every company of data/tasks.json. Counts the files and bytes each cold query reads.
//
// As a library: import { reference, queries, search, compare } from './search-scan.js'.
// As a command: node search-scan.js SITE_DIR [QUERIES=2000] prints, per query kind, the
// queries run, mismatches, and the largest and mean requests and bytes of a cold query (JSON).
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const searchJs = require(path.join(here, '../../themes/default/static/search.js'));
const { normalize } = searchJs;

const CODE = /^[0-9A-Za-z]{18}$/;

// The records of a JSON array of objects, one at a time: a province's data/tasks.json is longer
// than the longest string V8 can make.
function* records(file) {
  const bytes = readFileSync(file);
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c) i++;
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      if (depth++ === 1) start = i;
    } else if ((b === 0x7d || b === 0x5d) && --depth === 1) {
      yield JSON.parse(bytes.toString('utf8', start, i + 1));
    }
  }
}

function unescapeHtml(text) {
  return text.replace(/&(?:#x([0-9a-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/gi, (_, hex, dec, name) =>
    hex ? String.fromCodePoint(parseInt(hex, 16))
      : dec ? String.fromCodePoint(Number(dec))
        : { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name.toLowerCase()]);
}

// The company list's order (entities/, then entities/page/2/ ...): each company's place by its
// key (its credit code, or its name when it has none).
export function listOrder(siteDir) {
  const order = new Map();
  const row = /<th scope=row><a href="[^"]*entities\/[^"/]+\/">([^<]*)<\/a><\/th><td>([^<]*)<\/td>/g;
  for (let page = 1; ; page += 1) {
    const file = path.join(siteDir, 'entities', page === 1 ? '' : `page/${page}`, 'index.html');
    if (!existsSync(file)) break;
    for (const [, name, code] of readFileSync(file, 'utf8').matchAll(row)) {
      const c = normalize(unescapeHtml(code));
      order.set(CODE.test(c) ? c.toLowerCase() : `n:${unescapeHtml(name).trim()}`, order.size);
    }
  }
  if (order.size === 0) throw new Error(`no company rows in ${siteDir}/entities/index.html`);
  return order;
}

// Every company of the site as the search sees it: its latest name, code and task ids, and its
// place in the company list.
export function reference(siteDir) {
  const companies = new Map();
  for (const t of records(path.join(siteDir, 'data/tasks.json'))) {
    const key = CODE.test(t.credit_code) ? t.credit_code.toLowerCase() : `n:${t.entity.trim()}`;
    let c = companies.get(key);
    if (!c) companies.set(key, (c = { key, ids: [], latest: t }));
    c.ids.push(t.task_id);
    const l = c.latest;
    if ((t.end ?? '') > (l.end ?? '') || ((t.end ?? '') === (l.end ?? '') && t.task_id > l.task_id)) c.latest = t;
  }
  const order = listOrder(siteDir);
  const missing = [...companies.keys()].filter((key) => !order.has(key));
  if (missing.length) throw new Error(`not in the company list: ${missing.slice(0, 5).join(', ')}`);
  return [...companies.values()].map((c) => ({
    key: c.key,
    position: order.get(c.key),
    name: normalize(c.latest.entity),
    rawName: c.latest.entity,
    code: normalize(c.latest.credit_code),
    ids: c.ids.map(normalize),
  }));
}

// The keys of every company the query finds: any run of its name, its code or a task id.
export function scan(companies, query) {
  const q = normalize(query);
  if (!q) return new Set();
  return new Set(companies
    .filter((c) => c.name.includes(q) || c.code === q || c.ids.includes(q))
    .map((c) => c.key));
}

function keyOf(record) {
  return record[4] ? `n:${record[0].trim()}` : record[1].toLowerCase();
}

// A cold query: a fresh searcher, counting what it reads.
export async function search(siteDir, query) {
  let requests = 0;
  let bytes = 0;
  const searcher = searchJs.create(async (file) => {
    const full = path.join(siteDir, 'search', file);
    requests += 1;
    if (!existsSync(full)) throw new Error(`search/${file} is missing`);
    const data = readFileSync(full);
    bytes += data.length;
    return new Uint8Array(data);
  });
  const found = await searcher.query(query);
  return { ...found, requests, bytes, keys: found.page.map(keyOf) };
}

// What is wrong with `found` for `query`, or null.
export function compare(companies, query, found) {
  const expected = scan(companies, query);
  const q = normalize(query);
  if (found.count !== expected.size) return `count ${found.count}, expected ${expected.size}`;
  const shown = Math.min(expected.size, found.page.length);
  if (found.page.length !== Math.min(expected.size, 20)) return `${found.page.length} shown of ${expected.size}`;
  for (const key of found.keys) if (!expected.has(key)) return `${key} is not a match`;
  if (new Set(found.keys).size !== shown) return 'a company shown twice';
  // The company whose code or task id the query is comes first, then the first of those whose
  // name has it, in list order.
  const byName = found.page.map((r) => normalize(r[0]).includes(q));
  if (byName.some((named, i) => named && i + 1 < byName.length && !byName[i + 1])) {
    return 'a match by code or id after a match by name';
  }
  const named = found.keys.filter((_, i) => byName[i]);
  const first = companies
    .filter((c) => c.name.includes(q))
    .sort((a, b) => a.position - b.position)
    .slice(0, named.length)
    .map((c) => c.key);
  if (named.join() !== first.join()) {
    return `not the first in list order: ${named.slice(0, 3)} ..., expected ${first.slice(0, 3)} ...`;
  }
  return null;
}

// Seeded random queries of each kind: runs of 2 characters, of 3 to 8, whole names, credit
// codes, task ids, and strings no name holds.
export function queries(companies, count, seed = 1) {
  let state = seed >>> 0;
  const random = (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
  const pick = () => companies[random(companies.length)];
  const run = (name, min, max) => {
    const chars = Array.from(name);
    const length = Math.min(chars.length, min + random(max - min + 1));
    const start = random(chars.length - length + 1);
    return chars.slice(start, start + length).join('');
  };
  const withCode = companies.filter((c) => c.code);
  const rare = [...'鼋鼍鳜鲥夔饕餮魍魉魑魅龘麤蠡彧犇猋驫鱻靐'];
  const out = [];
  for (let i = 0; out.length < count; i += 1) {
    const c = pick();
    switch (i % 6) {
      case 0: out.push({ kind: 'two characters', q: run(c.rawName, 2, 2) }); break;
      case 1: out.push({ kind: 'part of a name', q: run(c.rawName, 3, 8) }); break;
      case 2: out.push({ kind: 'whole name', q: c.rawName }); break;
      case 3: if (withCode.length) out.push({ kind: 'credit code', q: withCode[random(withCode.length)].code }); break;
      case 4: out.push({ kind: 'task id', q: c.ids[random(c.ids.length)] }); break;
      default: {
        const q = run(c.rawName, 2, 4) + rare[random(rare.length)];
        out.push({ kind: 'no match', q });
      }
    }
  }
  return out;
}

// Per kind: queries, mismatches (how many, and the first few), requests and bytes (max and mean).
export async function summary(siteDir, n) {
  const companies = reference(siteDir);
  const kinds = {};
  for (const { kind, q } of queries(companies, n)) {
    const found = await search(siteDir, q);
    const k = (kinds[kind] ??= { queries: 0, mismatches: 0, wrong: [], maxRequests: 0, maxBytes: 0, bytes: 0, requests: 0, worst: '' });
    k.queries += 1;
    const problem = compare(companies, q, found);
    if (problem) k.mismatches += 1;
    if (problem && k.wrong.length < 5) k.wrong.push(`${q}: ${problem}`);
    k.requests += found.requests;
    k.bytes += found.bytes;
    k.maxRequests = Math.max(k.maxRequests, found.requests);
    if (found.bytes > k.maxBytes) {
      k.maxBytes = found.bytes;
      k.worst = q;
    }
  }
  for (const k of Object.values(kinds)) {
    k.meanRequests = +(k.requests / k.queries).toFixed(2);
    k.meanBytes = Math.round(k.bytes / k.queries);
    delete k.requests;
    delete k.bytes;
  }
  return { companies: companies.length, kinds };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [siteDir, n = '2000'] = process.argv.slice(2);
  if (!siteDir) {
    console.error('usage: node search-scan.js SITE_DIR [QUERIES]');
    process.exit(2);
  }
  console.log(JSON.stringify(await summary(siteDir, Number(n)), null, 1));
}
