// (b) Every page kind at 360 px wide: no horizontal scroll, and no request to any host
// other than the local server (nor a local request that fails, e.g. a missing stylesheet).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, TEST_TIMEOUT, launch, discoverPages, guardedContext, listing, pathOf, visit } from './lib.js';

const WIDTH = 360;

let browser;
let pages;
before(async () => {
  browser = await launch();
  pages = await discoverPages(browser);
});
after(async () => {
  await browser?.close();
});

// One visit per kind, shared by its two tests.
const visits = new Map();
function visitNarrow(kind) {
  if (!visits.has(kind.key)) {
    visits.set(kind.key, (async () => {
      const path = pathOf(pages, kind);
      const { context, foreign, broken } = await guardedContext(browser, { viewport: { width: WIDTH, height: 800 } });
      try {
        const page = await context.newPage();
        await visit(page, path);
        await page.evaluate(() => document.fonts.ready);
        await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
        const layout = await page.evaluate((width) => {
          const describe = (el) => {
            let s = el.tagName.toLowerCase();
            if (el.id) s += `#${el.id}`;
            if (typeof el.className === 'string' && el.className.trim()) s += `.${el.className.trim().split(/\s+/).join('.')}`;
            return s;
          };
          const wide = [];
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > width + 0.5 && r.width > 0) {
              const parent = el.parentElement && el.parentElement.getBoundingClientRect();
              // report the outermost overflowing elements only
              if (!parent || parent.right <= width + 0.5) wide.push(`${describe(el)} (right edge at ${Math.round(r.right)}px)`);
            }
          }
          return { scrollWidth: document.documentElement.scrollWidth, wide };
        }, WIDTH);
        return { path, layout, foreign: [...foreign], broken: [...broken] };
      } finally {
        await context.close();
      }
    })());
  }
  return visits.get(kind.key);
}

for (const kind of KINDS) {
  test(`360px: no horizontal scroll on the ${kind.label}`, { timeout: TEST_TIMEOUT }, async () => {
    const { path, layout } = await visitNarrow(kind);
    assert.ok(
      layout.scrollWidth <= WIDTH,
      `${path} at ${WIDTH}px: document.documentElement.scrollWidth = ${layout.scrollWidth}; ` +
        `elements sticking out:\n${listing(layout.wide)}`,
    );
  });

  test(`requests: the ${kind.label} asks no host but the local server`, { timeout: TEST_TIMEOUT }, async () => {
    const { path, foreign } = await visitNarrow(kind);
    assert.deepEqual(foreign, [], `${path} requested other hosts:\n${listing(foreign)}`);
  });

  test(`requests: every local request of the ${kind.label} succeeds`, { timeout: TEST_TIMEOUT }, async () => {
    const { path, broken } = await visitNarrow(kind);
    assert.deepEqual(broken, [], `${path}: requests that failed:\n${listing(broken)}`);
  });
}
