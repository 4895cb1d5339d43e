// Shared helpers for the browser checks of the built site (run by .ci/site-checks).
//
// Environment (set by .ci/site-checks):
//   BASE_URL        the local server serving the built site, e.g. http://127.0.0.1:8123/
//   REPORT_JSON     the JSON report of that build (`gongshi build --format json`)
//   SITE_DIR        the built site's folder
//   SITE_BASE_URL   optional: the site's configured production base_url; requests to it are
//                   answered from the local server (so a page that links there still renders),
//                   but they are still recorded as requests to a foreign host
//   CHROMIUM_PATH   optional: the Chromium binary (default /usr/bin/chromium)
//   SCREENSHOT_DIR  optional: where screenshots.test.js saves PNGs
import { chromium } from 'playwright-core';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set (run bash .ci/site-checks)`);
  return value;
}

function withSlash(url) {
  return url.endsWith('/') ? url : `${url}/`;
}

export const BASE_URL = withSlash(required('BASE_URL'));
export const ORIGIN = new URL(BASE_URL).origin;
export const SITE_BASE_URL = process.env.SITE_BASE_URL ? withSlash(process.env.SITE_BASE_URL) : '';
export const REPORT_JSON = process.env.REPORT_JSON || '';
export const SITE_DIR = process.env.SITE_DIR || '';
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || '';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Time limits, so that a hanging page fails its test instead of the whole run.
export const NAV_TIMEOUT = 20_000;
export const TEST_TIMEOUT = 90_000;

/** An absolute URL on the local server for a site path such as `/entities/`. */
export function url(path) {
  return new URL(path.replace(/^\//, ''), BASE_URL).href;
}

/** The site path (`/tasks/x/`) of a URL on the local server, or null for another origin. */
export function sitePath(href) {
  const u = new URL(href);
  if (u.origin !== ORIGIN) return null;
  const basePath = new URL(BASE_URL).pathname;
  return u.pathname.startsWith(basePath) ? `/${u.pathname.slice(basePath.length)}` : null;
}

export function isLocal(href) {
  if (/^(data|blob|about):/.test(href)) return true;
  try {
    return new URL(href).origin === ORIGIN;
  } catch {
    return false;
  }
}

// Playwright starts Chromium with a fresh temporary --user-data-dir of its own.
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/**
 * A browser context that never lets a request leave this machine. Every request to another
 * host is recorded in `foreign` and aborted, except that requests under SITE_BASE_URL are
 * answered from the local server (still recorded). Local requests that fail or answer 400 or
 * more are recorded in `broken`.
 */
export async function guardedContext(browser, options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  context.setDefaultNavigationTimeout(NAV_TIMEOUT);
  context.setDefaultTimeout(NAV_TIMEOUT);
  const foreign = [];
  const broken = [];
  context.on('request', (request) => {
    const href = request.url();
    if (!isLocal(href)) foreign.push(href);
  });
  context.on('response', (response) => {
    if (isLocal(response.url()) && response.status() >= 400) broken.push(`${response.url()} → HTTP ${response.status()}`);
  });
  context.on('requestfailed', (request) => {
    if (isLocal(request.url())) broken.push(`${request.url()} → ${request.failure()?.errorText ?? 'failed'}`);
  });
  await context.route(
    (u) => !isLocal(u.href),
    async (route) => {
      const href = route.request().url();
      if (SITE_BASE_URL && href.startsWith(SITE_BASE_URL)) {
        try {
          const response = await route.fetch({ url: url(href.slice(SITE_BASE_URL.length)) });
          await route.fulfill({ response });
          return;
        } catch {
          // fall through to abort
        }
      }
      await route.abort('blockedbyclient');
    },
  );
  return { context, foreign, broken };
}

/** Opens a site path and fails unless the server answered 200. */
export async function visit(page, path, waitUntil = 'load') {
  const response = await page.goto(url(path), { waitUntil });
  if (!response) throw new Error(`GET ${path}: no response`);
  if (response.status() !== 200) {
    throw new Error(`GET ${path} answered HTTP ${response.status()} (page missing from the build?)`);
  }
  return response;
}

/** The site paths of every link on the current page, in document order. */
export async function linkPaths(page) {
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
  return hrefs.map(sitePath).filter((p) => p !== null);
}

// The page kinds of the site. A kind either has a fixed path, or is the first link on the
// page `from` whose path matches `pattern`.
export const KINDS = [
  { key: 'home', label: 'home /', path: '/' },
  { key: 'task', label: 'task page', from: '/', pattern: /^\/tasks\/[^/]+\/$/, what: '/tasks/<slug>/' },
  { key: 'quarter', label: 'quarter page', from: '/', pattern: /^\/quarters\/[^/]+\/$/, what: '/quarters/<yyyy>q<n>/' },
  { key: 'year', label: 'year page', from: '/', pattern: /^\/years\/[^/]+\/$/, what: '/years/<yyyy>/' },
  { key: 'entities', label: 'company list /entities/', path: '/entities/' },
  { key: 'entity', label: 'company page', from: '/entities/', pattern: /^\/entities\/(?!page\/)[^/]+\/$/, what: '/entities/<id>/' },
  { key: 'units', label: 'unit list /units/', path: '/units/' },
  { key: 'unit', label: 'unit page', from: '/units/', pattern: /^\/units\/[^/]+\/$/, what: '/units/<slug>/' },
  { key: 'about', label: 'content page /about/', path: '/about/' },
  { key: '404', label: 'not-found page /404.html', path: '/404.html' },
  { key: 'entities-page-2', label: 'paginated list /entities/page/2/', path: '/entities/page/2/' },
  // The sample's one withdrawn result (tools/make_sample.py): linked from no list, by design.
  { key: 'withdrawn', label: 'withdrawn result page', path: '/tasks/ps-2025-q2-0005/' },
  // The sample's one corrected result (data/published.csv's revision row): its 更正记录.
  { key: 'corrected', label: 'corrected result page', path: '/tasks/ps-2025-q3-0012/' },
];

let discovery = null;

/**
 * Finds an example path of every page kind. Returns a Map key → {path} or {error}; a kind
 * that cannot be found fails only its own tests.
 */
export function discoverPages(browser) {
  discovery ??= (async () => {
    const found = new Map();
    const { context } = await guardedContext(browser);
    try {
      const page = await context.newPage();
      const linksOn = new Map();
      for (const kind of KINDS) {
        if (kind.path) {
          found.set(kind.key, { path: kind.path });
          continue;
        }
        if (!linksOn.has(kind.from)) {
          try {
            await visit(page, kind.from);
            linksOn.set(kind.from, await linkPaths(page));
          } catch (error) {
            linksOn.set(kind.from, error);
          }
        }
        const links = linksOn.get(kind.from);
        const path = Array.isArray(links) ? links.find((p) => kind.pattern.test(p)) : undefined;
        if (path) {
          found.set(kind.key, { path });
        } else {
          const why = Array.isArray(links) ? `no link to ${kind.what} found on ${kind.from}` : links.message;
          found.set(kind.key, { error: `cannot find a ${kind.label}: ${why}` });
        }
      }
    } finally {
      await context.close();
    }
    return found;
  })();
  return discovery;
}

/** The example path of a kind, or throws the reason it has none. */
export function pathOf(pages, kind) {
  const entry = pages.get(kind.key);
  if (!entry || entry.error) throw new Error(entry?.error ?? `no ${kind.label}`);
  return entry.path;
}

/** Shortens a list for an assertion message. */
export function listing(items, max = 15) {
  const shown = items.slice(0, max).map((item) => `  - ${item}`);
  if (items.length > max) shown.push(`  … and ${items.length - max} more`);
  return shown.join('\n');
}
