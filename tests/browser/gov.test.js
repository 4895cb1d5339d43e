// (g) The government-site conventions (政府网站发展指引, issue 16.6): the footer items of
// [site], the 大字版 large-text mode (axe-clean, no horizontal scroll at 360 px, remembered;
// without JavaScript the page reflows at browser zoom), and the company list in pinyin order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { KINDS, TEST_TIMEOUT, launch, discoverPages, guardedContext, listing, pathOf, url, visit } from './lib.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const STORAGE_KEY = 'gongshi-large-text';

let browser;
let pages;
before(async () => {
  browser = await launch();
  pages = await discoverPages(browser);
});
after(async () => {
  await browser?.close();
});

/** A context whose pages open in large-text mode, as after a click on 大字版 on an earlier visit. */
async function largeTextContext(options) {
  const guarded = await guardedContext(browser, options);
  await guarded.context.addInitScript((key) => {
    try {
      window.localStorage.setItem(key, '1');
    } catch {
      // about:blank has no storage
    }
  }, STORAGE_KEY);
  return guarded;
}

/** The page's width and its outermost elements past `width`. */
function overflow(page, width) {
  return page.evaluate((width) => {
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      const parent = el.parentElement && el.parentElement.getBoundingClientRect();
      if (r.right > width + 0.5 && r.width > 0 && (!parent || parent.right <= width + 0.5)) {
        wide.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right edge at ${Math.round(r.right)}px)`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  }, width);
}

test('footer: 主办单位, 网站标识码, ICP and 公网安备 numbers with their registries, and the badge', { timeout: TEST_TIMEOUT }, async () => {
  const { context } = await guardedContext(browser, { viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await visit(page, '/');
    const footer = page.locator('footer');
    const text = await footer.innerText();
    assert.match(text, /主办单位：\S+/);
    assert.match(text, /网站标识码：\w{10}/);
    const icp = footer.getByRole('link', { name: /ICP备/ });
    assert.equal(await icp.getAttribute('href'), 'https://beian.miit.gov.cn/');
    assert.ok(await icp.isVisible());
    const police = footer.getByRole('link', { name: /公网安备/ });
    assert.match(await police.getAttribute('href'), /^https:\/\/beian\.mps\.gov\.cn\/#\/query\/webSearch\?code=\d{14}$/);
    const badge = footer.getByRole('link', { name: '党政机关网站标识' });
    assert.match(await badge.getAttribute('href'), /^https?:\/\//);
    const loaded = await badge.locator('img').evaluate((img) => img.complete && img.naturalWidth > 0);
    assert.ok(loaded, 'the badge image loads');
  } finally {
    await context.close();
  }
});

test('large text: 大字版 switches every page to larger text, is announced as pressed, and is remembered', { timeout: TEST_TIMEOUT }, async () => {
  const { context } = await guardedContext(browser, { viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await visit(page, '/');
    const button = page.getByRole('button', { name: '大字版' });
    assert.ok(await button.isVisible(), 'the button shows with JavaScript');
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const standard = await rootSize();
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    assert.ok(await rootSize() >= standard * 1.2, `root font ${await rootSize()}px, standard ${standard}px`);
    // remembered: another page opens large, before its first paint (the class is set in <head>)
    const early = [];
    page.on('console', (m) => early.push(m.text()));
    await page.addInitScript(() => {
      document.addEventListener('readystatechange', () => {
        if (document.readyState === 'interactive') console.log(`class-at-interactive:${document.documentElement.className}`);
      }, { once: true });
    });
    await visit(page, pathOf(pages, KINDS.find((k) => k.key === 'entities')));
    assert.ok(early.some((t) => t === 'class-at-interactive:large-text'), early.join('\n'));
    assert.equal(await page.getByRole('button', { name: '大字版' }).getAttribute('aria-pressed'), 'true');
    assert.ok(await rootSize() >= standard * 1.2);
    // and switched back
    await page.getByRole('button', { name: '大字版' }).click();
    await page.reload();
    assert.equal(await rootSize(), standard);
    assert.equal(await page.getByRole('button', { name: '大字版' }).getAttribute('aria-pressed'), 'false');
  } finally {
    await context.close();
  }
});

for (const kind of KINDS) {
  test(`large text: axe finds no violation on the ${kind.label}`, { timeout: TEST_TIMEOUT }, async () => {
    const path = pathOf(pages, kind);
    const { context } = await largeTextContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await visit(page, path);
      assert.equal(await page.evaluate(() => document.documentElement.className), 'large-text');
      await page.evaluate(() => document.fonts.ready);
      await page.addScriptTag({ content: AXE_SOURCE });
      const results = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        TAGS,
      );
      const found = results.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
      assert.deepEqual(found, [], `${path} in large text:\n${listing(found)}`);
    } finally {
      await context.close();
    }
  });

  test(`large text at 360px: no horizontal scroll on the ${kind.label}`, { timeout: TEST_TIMEOUT }, async () => {
    const path = pathOf(pages, kind);
    const { context } = await largeTextContext({ viewport: { width: 360, height: 800 } });
    try {
      const page = await context.newPage();
      await visit(page, path);
      await page.evaluate(() => document.fonts.ready);
      const layout = await overflow(page, 360);
      assert.ok(layout.scrollWidth <= 360, `${path}: scrollWidth ${layout.scrollWidth}\n${listing(layout.wide)}`);
    } finally {
      await context.close();
    }
  });

  // Browser zoom without JavaScript: 1280 px at 400% is 320 CSS px (WCAG 1.4.10, reflow).
  test(`no JavaScript, zoomed to 320 CSS px: no horizontal scroll and no dead button on the ${kind.label}`, { timeout: TEST_TIMEOUT }, async () => {
    const path = pathOf(pages, kind);
    const { context } = await guardedContext(browser, { viewport: { width: 320, height: 800 }, deviceScaleFactor: 4, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await visit(page, path);
      assert.equal(await page.getByRole('button', { name: '大字版' }).count(), 0, 'hidden without JavaScript');
      const layout = await overflow(page, 320);
      assert.ok(layout.scrollWidth <= 320, `${path}: scrollWidth ${layout.scrollWidth}\n${listing(layout.wide)}`);
    } finally {
      await context.close();
    }
  });
}

// The first letter of a Chinese character's pinyin, from Chromium's own pinyin collation (ICU),
// independent of the crate gongshi sorts with: the first character of each letter's group.
const LETTER_STARTS = '阿八嚓哒妸发旮哈讥咔垃妈拏噢妑七呥仨他穵夕丫帀';
const LETTERS = 'abcdefghjklmnopqrstwxyz';

test('pinyin order: the company list, across its pages, is in the order of pinyin letters, not of code points', { timeout: TEST_TIMEOUT }, async () => {
  const { context } = await guardedContext(browser, { viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const names = [];
    for (let n = 1; ; n++) {
      const response = await page.goto(url(n === 1 ? '/entities/' : `/entities/page/${n}/`));
      if (!response || response.status() !== 200) break;
      names.push(...await page.$$eval('main a[href*="entities/"]', (as) => as
        .filter((a) => !/\/page\/\d+\/$|\/entities\/$/.test(a.getAttribute('href')) && !a.closest('nav'))
        .map((a) => a.textContent.trim())));
    }
    assert.ok(names.length > 100, `${names.length} companies listed`);
    const inverted = await page.evaluate(({ names, starts, letters }) => {
      const collator = new Intl.Collator('zh-u-co-pinyin');
      const letter = (ch) => {
        if (!/\p{Script=Han}/u.test(ch)) return null;
        let found = null;
        for (let i = 0; i < starts.length; i++) if (collator.compare(ch, starts[i]) >= 0) found = letters[i];
        return found;
      };
      const out = [];
      for (let i = 1; i < names.length; i++) {
        const [a, b] = [[...names[i - 1]], [...names[i]]];
        let k = 0;
        while (k < a.length && k < b.length && a[k] === b[k]) k++;
        if (k === a.length || k === b.length) continue;
        const [la, lb] = [letter(a[k]), letter(b[k])];
        if (la && lb && la > lb) out.push(`${names[i - 1]} (${a[k]} ${la}) before ${names[i]} (${b[k]} ${lb})`);
      }
      return out;
    }, { names, starts: LETTER_STARTS, letters: LETTERS });
    assert.deepEqual(inverted, [], `out of pinyin order:\n${listing(inverted)}`);
    const byCodePoint = [...names].sort();
    assert.notDeepEqual(names, byCodePoint, 'the list is in pinyin order, not in code-point order');
  } finally {
    await context.close();
  }
});
