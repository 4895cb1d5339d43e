// A site built from a platform's workbook export (tests/fixtures/platform), as citizens see
// it: the page of one company in a task with several, checked with axe-core, and its links to
// the task's other companies followed both ways. site-checks builds that site and sets
// EXPORT_TASK_URL to the page; without it (a run of the sample only) these tests are skipped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TEST_TIMEOUT, launch, guardedContext } from './lib.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const PAGE = process.env.EXPORT_TASK_URL || '';
const skip = PAGE ? false : 'EXPORT_TASK_URL is not set';

let browser;
before(async () => {
  if (PAGE) browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function open(context, href) {
  const page = await context.newPage();
  const response = await page.goto(href, { waitUntil: 'load' });
  assert.equal(response?.status(), 200, `GET ${href}`);
  return page;
}

test('export: axe finds no violation on a page of a task with several companies', { timeout: TEST_TIMEOUT, skip }, async () => {
  const { context } = await guardedContext(browser, { viewport: { width: 1280, height: 900 } });
  try {
    const page = await open(context, PAGE);
    await page.evaluate(() => document.fonts.ready);
    await page.addScriptTag({ content: AXE_SOURCE });
    const results = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      TAGS,
    );
    const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
    assert.deepEqual(found, [], found.join('\n'));
  } finally {
    await context.close();
  }
});

test("export: a company's page links to the task's other companies, and they link back", { timeout: TEST_TIMEOUT, skip }, async () => {
  const { context, foreign, broken } = await guardedContext(browser, { viewport: { width: 360, height: 800 } });
  try {
    const page = await open(context, PAGE);
    const heading = await page.textContent('#same-task');
    assert.equal(heading.trim(), '同一抽查任务的其他检查对象');
    const others = await page.$$eval('.same-task a', (as) => as.map((a) => a.href));
    assert.equal(others.length, 2, `links: ${others}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the page is ${width}px wide at 360px`);
    for (const href of others) {
      const other = await open(context, href);
      const back = await other.$$eval('.same-task a', (as) => as.map((a) => a.href));
      assert.ok(back.includes(new URL(PAGE).href), `${href} does not link back to ${PAGE}: ${back}`);
      await other.close();
    }
    assert.deepEqual(foreign, [], 'requests left the machine');
    assert.deepEqual(broken, [], 'local requests failed');
  } finally {
    await context.close();
  }
});
