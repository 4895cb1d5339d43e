// The cost of one COLD search query, as a citizen on a phone sees it: how many requests, how many
// bytes and how many milliseconds the search itself takes, for the site's own search (gongshi)
// or a Pagefind index of the same site, in headless Chromium with Slow 4G network emulation.
//
//   node query-cost.mjs --base URL --engine gongshi|pagefind --queries FILE.json
//                       [--out RESULT.json] [--no-throttle]
//   node query-cost.mjs --build-pagefind SITE_DIR
//
// FILE.json: [{"kind": "name-part", "q": "达创阻燃"}, ...]. Prints (and writes to --out) one
// object a query: {kind, q, requests, bytes, wire_bytes, ms, count, results, fetched[, error]}.
// Library use: import { measure } from './query-cost.mjs'; await measure({base, engine, queries, throttle}).
//
// How it measures. Each query gets a fresh browser context (empty cache and storage) in a
// Chromium launched by Playwright (which gives it a fresh temporary --user-data-dir), with
// CDP Network.setCacheDisabled. The page `base` loads first, unthrottled, until the network is
// idle; then Network.emulateNetworkConditions applies Slow 4G (150 ms latency, 200000 B/s down,
// 93750 B/s up; DevTools' own preset scales these by 0.9 and 3.75) and the window opens:
// only requests SENT after that count, whatever their URL (no file name is assumed).
//   requests    responses received in the window
//   bytes       encoded (as sent: gzip if the server compresses) body bytes: the sum of CDP
//               Network.dataReceived encodedDataLength, or Content-Length where Chromium reports
//               no body (a worker's own script); wire_bytes adds the response headers, as
//               DevTools' "transferred" (loadingFinished encodedDataLength)
//   ms          gongshi: from the input event (`fill`, one event) to #search-status starting
//               with 找到/没有找到, timed inside the page (includes the script's 250 ms debounce);
//               pagefind: from starting `import(pagefind.js)` to having the first 20 data()
//   count       gongshi: first integer in the status (0 for 没有找到); pagefind: results.length
//   results     result paths relative to base, e.g. /entities/9144.../
//   fetched     [path, bytes] of each response in the window
// A query that fails or times out (30 s) gets an `error` and the figures measured so far.
//
// --build-pagefind SITE_DIR runs `python3 -m pagefind --site SITE_DIR --glob 'entities/**/*.html'`
// (installing pip's pagefind[extended] if missing) and prints {seconds, peak_kb, bytes, files}:
// wall time, peak RSS (from /usr/bin/time, else null), and the size of SITE_DIR/pagefind.
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };
const TIMEOUT = 30_000;
const MAX_RESULTS = 20;

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const found = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('no Chromium: set CHROMIUM_PATH or install chromium');
  return found;
}

/** Path of `href` relative to `base` (`/entities/x/`), or the full URL if it is elsewhere. */
function relPath(href, base) {
  const u = new URL(href, base);
  const b = new URL(base);
  return u.origin === b.origin && u.pathname.startsWith(b.pathname) ? `/${u.pathname.slice(b.pathname.length)}` : u.href;
}

/**
 * Records, through CDP, every request sent once `log.open` is set, by the page or its workers.
 * Pagefind fetches from a Web Worker, whose requests the page's Network domain does not report
 * (though the page's throttling does apply to them: checked at 20000 B/s, same times with or
 * without it set on the worker), so workers are auto-attached, paused at start, in non-flat
 * sessions (Playwright's CDPSession cannot address flat child sessions), and get the same settings.
 */
async function networkLog(context, page) {
  const cdp = await context.newCDPSession(page);
  const log = { open: false, conditions: null, requests: new Map() };
  // Request ids are unique across the page and its workers, and one request's events can be
  // split between them (a worker's own script: sent by the page, finished in the worker).
  const get = (e) => log.requests.get(e.requestId);
  const on = {
    'Network.requestWillBeSent': (e) => {
      if (log.open && !get(e)) log.requests.set(e.requestId, { url: e.request.url, headers: 0, data: 0, length: 0, finished: 0, done: false });
    },
    'Network.responseReceived': (e) => get(e) && Object.assign(get(e), {
      status: e.response.status, headers: e.response.encodedDataLength || 0, length: contentLength(e.response.headers),
    }),
    'Network.responseReceivedExtraInfo': (e) => {
      const r = get(e);
      if (r) Object.assign(r, { status: r.status ?? e.statusCode, length: r.length || contentLength(e.headers) });
    },
    'Network.dataReceived': (e) => get(e) && (get(e).data += e.encodedDataLength),
    'Network.loadingFinished': (e) => get(e) && Object.assign(get(e), { finished: e.encodedDataLength, done: true }),
    'Network.loadingFailed': (e) => get(e) && Object.assign(get(e), { failed: e.errorText, done: true }),
  };
  for (const [method, handle] of Object.entries(on)) cdp.on(method, handle);
  let nextId = 1;
  const sendTo = (sessionId, method, params = {}) =>
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: nextId++, method, params }) });
  cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    const m = JSON.parse(message);
    if (on[m.method]) on[m.method](m.params);
  });
  cdp.on('Target.attachedToTarget', async ({ sessionId, waitingForDebugger }) => {
    try {
      // Commands run in order within a session, so the worker resumes only after these.
      await sendTo(sessionId, 'Network.enable');
      await sendTo(sessionId, 'Network.setCacheDisabled', { cacheDisabled: true });
      if (log.conditions) await sendTo(sessionId, 'Network.emulateNetworkConditions', log.conditions);
    } finally {
      if (waitingForDebugger) await sendTo(sessionId, 'Runtime.runIfWaitingForDebugger').catch(() => {});
    }
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  log.throttle = (conditions) => cdp.send('Network.emulateNetworkConditions', (log.conditions = conditions));
  return log;
}

function contentLength(headers = {}) {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === 'content-length');
  return key ? Number(headers[key]) || 0 : 0;
}

// Body: the encoded bytes of its dataReceived events; Chromium reports none for a worker's own
// script (and only the headers at loadingFinished), so then its Content-Length.
const body = (r) => r.data || r.length;
const wire = (r) => (r.finished >= body(r) ? r.finished : r.finished + body(r));

function tally(log, base) {
  const all = [...log.requests.values()];
  const rs = all.filter((r) => r.status !== undefined);
  return {
    requests: rs.length,
    bytes: rs.reduce((s, r) => s + body(r), 0),
    wire_bytes: rs.reduce((s, r) => s + wire(r), 0),
    fetched: all.map((r) => [relPath(r.url, base), r.failed ?? body(r)]),
  };
}

async function queryGongshi(page, q) {
  const input = page.locator('form[role=search] input[type=search]').first();
  await page.evaluate(() => {
    const status = document.getElementById('search-status');
    window.__qc = { t0: null, t1: null };
    document.querySelector('form[role=search] input[type=search]')
      .addEventListener('input', () => { window.__qc.t0 ??= performance.now(); }, { capture: true });
    new MutationObserver(() => {
      const text = status.textContent.trim();
      // 查询暂不可用: the script's own message when its fetch failed; ends the wait at once.
      if (window.__qc.t1 === null && /^(找到|没有找到|查询暂不可用)/.test(text)) window.__qc.t1 = performance.now();
    }).observe(status, { childList: true, characterData: true, subtree: true });
  });
  await input.fill(q);
  await page.waitForFunction(() => window.__qc.t1 !== null, null, { timeout: TIMEOUT, polling: 50 });
  return page.evaluate(() => {
    const text = document.getElementById('search-status').textContent.trim();
    if (!/^(找到|没有找到)/.test(text)) throw new Error(`search failed: ${text}`);
    return {
      ms: window.__qc.t1 - window.__qc.t0,
      count: text.startsWith('没有找到') ? 0 : Number((text.match(/\d+/) ?? [NaN])[0]),
      results: [...document.querySelectorAll('#search-results a')].map((a) => a.href),
    };
  });
}

async function queryPagefind(page, q, base) {
  return page.evaluate(async ({ base, q, max }) => {
    const t0 = performance.now();
    const pf = await import(`${base}pagefind/pagefind.js`);
    await pf.options({});
    const r = await pf.search(q);
    const data = await Promise.all(r.results.slice(0, max).map((x) => x.data()));
    return { ms: performance.now() - t0, count: r.results.length, results: data.map((d) => new URL(d.url, base).href) };
  }, { base, q, max: MAX_RESULTS });
}

async function measureOne(browser, { base, engine, throttle }, { kind, q }) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  context.setDefaultTimeout(TIMEOUT);
  const row = { kind, q, requests: 0, bytes: 0, wire_bytes: 0, ms: null, count: null, results: [] };
  try {
    const page = await context.newPage();
    const log = await networkLog(context, page);
    await page.goto(base, { waitUntil: 'networkidle' });
    if (throttle) await log.throttle(SLOW_4G);
    log.open = true;
    try {
      const r = engine === 'pagefind' ? await queryPagefind(page, q, base) : await queryGongshi(page, q);
      Object.assign(row, { ms: Math.round(r.ms), count: r.count, results: r.results.map((h) => relPath(h, base)) });
      // Let late responses finish (e.g. a body still arriving when the results showed).
      const deadline = Date.now() + 5_000;
      while ([...log.requests.values()].some((x) => !x.done) && Date.now() < deadline) await page.waitForTimeout(100);
    } catch (error) {
      row.error = String(error.message ?? error).split('\n')[0];
    }
    Object.assign(row, tally(log, base));
  } finally {
    await context.close();
  }
  return row;
}

/** Measures each query cold; returns one object a query (see the header). */
export async function measure({ base, engine, queries, throttle = true }) {
  if (!['gongshi', 'pagefind'].includes(engine)) throw new Error(`unknown engine ${engine}`);
  const baseUrl = base.endsWith('/') ? base : `${base}/`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, timeout: 60_000 });
  try {
    const rows = [];
    for (const query of queries) rows.push(await measureOne(browser, { base: baseUrl, engine, throttle }, query));
    return rows;
  } finally {
    await browser.close();
  }
}

function dirSize(dir) {
  const files = readdirSync(dir, { recursive: true }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
  return { bytes: files.reduce((sum, f) => sum + statSync(f).size, 0), files: files.length };
}

/** Builds SITE_DIR/pagefind; returns {seconds, peak_kb, bytes, files}. */
export function buildPagefind(siteDir) {
  const run = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run('python3', ['-m', 'pagefind', '--version']).status !== 0) {
    const pip = ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'pagefind[extended]'];
    if (run('python3', pip).status !== 0) run('python3', [...pip, '--break-system-packages', '--user']);
    if (run('python3', ['-m', 'pagefind', '--version']).status !== 0) throw new Error('cannot install pagefind[extended] with pip');
  }
  const args = ['-m', 'pagefind', '--site', siteDir, '--glob', 'entities/**/*.html'];
  const tmp = mkdtempSync(join(tmpdir(), 'query-cost-'));
  const timeFile = join(tmp, 'time');
  const started = process.hrtime.bigint();
  const timed = existsSync('/usr/bin/time');
  const r = timed ? run('/usr/bin/time', ['-o', timeFile, '-f', '%e %M', 'python3', ...args]) : run('python3', args);
  let seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let peakKb = null;
  if (timed && existsSync(timeFile)) {
    // The last line (earlier ones, if any, say the command failed).
    const [s, kb] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
    if (Number.isFinite(s)) seconds = s;
    if (Number.isFinite(kb)) peakKb = kb;
  }
  rmSync(tmp, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`pagefind failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { seconds, peak_kb: peakKb, ...dirSize(join(siteDir, 'pagefind')) };
}

function parseArgs(argv) {
  const opts = { throttle: true };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--no-throttle') opts.throttle = false;
    else if (['--base', '--engine', '--queries', '--out', '--build-pagefind'].includes(a) && i + 1 < argv.length) {
      opts[a.slice(2).replace('-', '_')] = argv[(i += 1)];
    } else throw new Error(`unknown or incomplete argument: ${a}`);
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.build_pagefind) return console.log(JSON.stringify(buildPagefind(opts.build_pagefind)));
  if (!opts.base || !opts.engine || !opts.queries) throw new Error('usage: see the header of query-cost.mjs');
  const queries = JSON.parse(readFileSync(opts.queries, 'utf8'));
  const rows = await measure({ base: opts.base, engine: opts.engine, queries, throttle: opts.throttle });
  const text = JSON.stringify(rows, null, 2);
  if (opts.out) writeFileSync(opts.out, `${text}\n`);
  console.log(text);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`query-cost: ${error.message}`);
    process.exit(1);
  });
}
