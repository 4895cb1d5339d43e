// (d) The company list is paginated with rel=next / rel=prev links and aria-current.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, launch, guardedContext, sitePath, visit } from './lib.js';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('pagination: /entities/ → rel=next → /entities/page/2/ (aria-current 2) → rel=prev → /entities/', { timeout: TEST_TIMEOUT }, async () => {
  const { context } = await guardedContext(browser);
  try {
    const page = await context.newPage();
    await visit(page, '/entities/');
    const nav = page.locator('nav[aria-label]:has(a[rel=next])');
    assert.ok(await nav.count() > 0, '/entities/ has no nav[aria-label] containing a[rel=next]');

    const next = nav.first().locator('a[rel=next]').first();
    const [response] = await Promise.all([page.waitForNavigation(), next.click()]);
    assert.equal(sitePath(page.url()), '/entities/page/2/', `rel=next on /entities/ led to ${page.url()}`);
    assert.equal(response?.status(), 200, `${page.url()} answered HTTP ${response?.status()}`);

    const pager = page.locator('nav[aria-label]:has([aria-current=page]):has(a[rel=prev])');
    assert.ok(await pager.count() > 0, '/entities/page/2/ has no nav[aria-label] with [aria-current=page] and a[rel=prev]');
    const current = (await pager.first().locator('[aria-current=page]').first().innerText()).trim();
    assert.equal(current, '2', `[aria-current=page] on /entities/page/2/ shows "${current}"`);

    await Promise.all([page.waitForNavigation(), pager.first().locator('a[rel=prev]').first().click()]);
    const back = sitePath(page.url());
    assert.ok(
      back === '/entities/' || back === '/entities/index.html' || back === '/entities/page/1/',
      `rel=prev on /entities/page/2/ led to ${page.url()}, not back to /entities/`,
    );
  } finally {
    await context.close();
  }
});
