// (f) Screenshots of every page kind at 360x800 and 1280x900, for a person to look at.
// Only when SCREENSHOT_DIR is set.
import { test, before, after } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KINDS, SCREENSHOT_DIR, TEST_TIMEOUT, launch, discoverPages, guardedContext, pathOf, visit } from './lib.js';

const SIZES = [{ width: 360, height: 800 }, { width: 1280, height: 900 }];
const skip = SCREENSHOT_DIR ? false : 'SCREENSHOT_DIR not set';

let browser;
let pages;
before(async () => {
  if (skip) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  browser = await launch();
  pages = await discoverPages(browser);
});
after(async () => {
  await browser?.close();
});

for (const kind of KINDS) {
  test(`screenshots: ${kind.label}`, { skip, timeout: TEST_TIMEOUT }, async () => {
    const path = pathOf(pages, kind);
    for (const viewport of SIZES) {
      const { context } = await guardedContext(browser, { viewport });
      try {
        const page = await context.newPage();
        await visit(page, path);
        await page.evaluate(() => document.fonts.ready);
        const file = join(SCREENSHOT_DIR, `${kind.key}-${viewport.width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`saved ${file} (${path})`);
      } finally {
        await context.close();
      }
    }
  });
}
