// The search's figures for the benchmark (cargo bench --bench province -- N --search), as JSON:
//   index     the search/ folder: bytes, files, the largest file, dict.bin
//   disk      per query kind, thousands of seeded random cold queries run by search.js on the
//             files on disk (search-scan.js): requests and bytes (largest and mean), mismatches
//             against the substring scan
//   browser   with --browser K: K queries of each kind typed in Chromium under Slow 4G
//             (query-cost.mjs), served without gzip: requests, bytes and ms, largest and median
//   pagefind  with --pagefind: Pagefind (pip's pagefind[extended]) indexes the company pages
//             (entities/**) into SITE_DIR/pagefind, its build time, peak memory and size, and
//             the same browser queries against it
//
//   node search-bench.mjs SITE_DIR [--queries N=1200] [--browser K] [--pagefind]
import { createReadStream, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { reference, queries, summary } from './search-scan.js';

function folder(dir) {
  const files = readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => ({ path: path.relative(dir, f), bytes: statSync(f).size }));
  const largest = files.reduce((a, b) => (b.bytes > a.bytes ? b : a), { path: '', bytes: 0 });
  return { bytes: files.reduce((s, f) => s + f.bytes, 0), files: files.length, largest };
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

// A static server without compression, as many bureau servers are.
function serve(dir) {
  const server = http.createServer((req, res) => {
    let file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const size = statSync(file).size;
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': size });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

// Per kind: queries, largest and median requests, bytes and ms, and errors.
function perKind(rows) {
  const kinds = {};
  for (const row of rows) (kinds[row.kind] ??= []).push(row);
  return Object.fromEntries(Object.entries(kinds).map(([kind, list]) => {
    const ok = list.filter((r) => !r.error);
    const figure = (f) => ({ max: Math.max(...ok.map(f)), median: median(ok.map(f)) });
    return [kind, {
      queries: list.length,
      errors: list.filter((r) => r.error).map((r) => `${r.q}: ${r.error}`),
      ...(ok.length ? { requests: figure((r) => r.requests), bytes: figure((r) => r.bytes), ms: figure((r) => r.ms) } : {}),
    }];
  }));
}

async function main() {
  const args = process.argv.slice(2);
  const site = args[0] && path.resolve(args[0]);
  if (!site || site.startsWith('-')) throw new Error('usage: node search-bench.mjs SITE_DIR [--queries N] [--browser K] [--pagefind]');
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i < 0 ? fallback : Number(args[i + 1]);
  };
  const pagefind = args.includes('--pagefind');
  const browserQueries = option('--browser', pagefind ? 3 : 0);
  const out = { index: folder(path.join(site, 'search')) };
  out.index.dict = statSync(path.join(site, 'search/dict.bin')).size;
  out.disk = await summary(site, option('--queries', 1200));
  if (browserQueries > 0) {
    // Lazily: the browser half needs playwright-core (npm ci in tests/browser) and Chromium.
    const { measure, buildPagefind } = await import('./query-cost.mjs');
    const chosen = [];
    const taken = new Map();
    for (const query of queries(reference(site), 600, 11)) {
      if ((taken.get(query.kind) ?? 0) < browserQueries) {
        taken.set(query.kind, (taken.get(query.kind) ?? 0) + 1);
        chosen.push(query);
      }
    }
    if (pagefind) out.pagefind = { build: buildPagefind(site) };
    const server = await serve(site);
    const base = `http://127.0.0.1:${server.address().port}/`;
    try {
      out.browser = perKind(await measure({ base, engine: 'gongshi', queries: chosen }));
      if (pagefind) out.pagefind.browser = perKind(await measure({ base, engine: 'pagefind', queries: chosen }));
    } finally {
      server.close();
    }
  }
  console.log(JSON.stringify(out));
}

main().catch((error) => {
  console.error(`search-bench: ${error.message}`);
  process.exit(1);
});
