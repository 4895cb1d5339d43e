// (c) The search form: a company found by part of its name, nothing found for an unrelated
// string, and without JavaScript the form opens the company list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, launch, guardedContext, sitePath, url, visit } from './lib.js';

const FORM = 'form[role=search]';
const INPUT = `${FORM} input[type=search]`;
const RESULT_LINKS = '#search-results a';
const NAME_KEYS = ['entity', 'entity_name', 'company', 'name'];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

let tasksPromise = null;
function loadTasks() {
  tasksPromise ??= (async () => {
    const response = await fetch(url('/data/tasks.json'));
    if (!response.ok) throw new Error(`GET /data/tasks.json answered HTTP ${response.status}`);
    const tasks = await response.json();
    if (!Array.isArray(tasks) || tasks.length === 0) throw new Error('/data/tasks.json is not a non-empty array');
    const key = NAME_KEYS.find((k) => tasks.some((t) => typeof t?.[k] === 'string' && t[k]));
    if (!key) {
      throw new Error(`no company-name field in /data/tasks.json (looked for ${NAME_KEYS.join(', ')}; ` +
        `keys: ${Object.keys(tasks[0] ?? {}).join(', ')})`);
    }
    return { tasks, key };
  })();
  return tasksPromise;
}

// A company whose name is long enough to have a 4-character middle that few other names share
// (the form lists at most 20 results).
async function pickCompany() {
  const { tasks, key } = await loadTasks();
  const names = [...new Set(tasks.map((t) => t[key]).filter((n) => typeof n === 'string'))];
  for (const name of names) {
    const chars = [...name];
    if (chars.length < 6) continue;
    const start = Math.floor((chars.length - 4) / 2);
    const part = chars.slice(start, start + 4).join('');
    if (/\s/.test(part)) continue;
    if (names.filter((n) => n.includes(part)).length <= 5) return { name, part };
  }
  throw new Error(`no company name in /data/tasks.json (field "${key}") has a distinctive 4-character middle`);
}

// Four characters (random rare CJK ones) that appear in no published field at all.
async function unrelatedString() {
  const { tasks } = await loadTasks();
  const haystack = JSON.stringify(tasks).toUpperCase();
  const pool = [...'鼋鼍鳜鲥夔饕餮魍魉魑魅龘麤蠡彧犇猋驫鱻靐'];
  for (let attempt = 0; attempt < 100; attempt += 1) {
    let s = '';
    for (let i = 0; i < 4; i += 1) s += pool[Math.floor(Math.random() * pool.length)];
    if (!haystack.includes(s)) return s;
  }
  throw new Error('could not make an unrelated string');
}

async function submitQuery(page, query) {
  const input = page.locator(INPUT).first();
  await input.fill('');
  await input.pressSequentially(query);
  await input.press('Enter');
}

test('search: / has form[role=search] with input[type=search]', { timeout: TEST_TIMEOUT }, async () => {
  const { context } = await guardedContext(browser);
  try {
    const page = await context.newPage();
    await visit(page, '/');
    assert.ok(await page.locator(FORM).count() > 0, 'no form[role=search] on /');
    assert.ok(await page.locator(INPUT).count() > 0, 'form[role=search] on / has no input[type=search]');
  } finally {
    await context.close();
  }
});

test('search: 4 characters from the middle of a company name find that company', { timeout: TEST_TIMEOUT }, async () => {
  const { name, part } = await pickCompany();
  console.log(`searching "${part}", expecting "${name}"`);
  const { context } = await guardedContext(browser);
  try {
    const page = await context.newPage();
    await visit(page, '/');
    await submitQuery(page, part);
    await page.waitForSelector(RESULT_LINKS, { timeout: 10_000 }).catch(() => {
      throw new Error(`typing "${part}" (from "${name}") and pressing Enter showed no ${RESULT_LINKS}`);
    });
    const texts = await page.locator(RESULT_LINKS).allInnerTexts();
    assert.ok(
      texts.some((t) => t.includes(name)),
      `query "${part}": no result link contains "${name}"; results: ${JSON.stringify(texts)}`,
    );
  } finally {
    await context.close();
  }
});

test('search: an unrelated 4-character string finds nothing', { timeout: TEST_TIMEOUT }, async () => {
  const query = await unrelatedString();
  console.log(`searching "${query}", expecting no result`);
  const { context } = await guardedContext(browser);
  try {
    const page = await context.newPage();
    await visit(page, '/');
    await submitQuery(page, query);
    // Let the search finish: the index loaded and the results/status settled.
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
    await page.waitForTimeout(800);
    const texts = await page.locator(RESULT_LINKS).allInnerTexts();
    assert.deepEqual(texts, [], `query "${query}" should find nothing, got ${JSON.stringify(texts)}`);
  } finally {
    await context.close();
  }
});

test('search: without JavaScript, submitting the form opens a page under /entities/', { timeout: TEST_TIMEOUT }, async () => {
  const { context } = await guardedContext(browser, { javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await visit(page, '/');
    const input = page.locator(INPUT).first();
    await input.fill('有限公司');
    const [response] = await Promise.all([
      page.waitForNavigation({ timeout: 10_000 }),
      input.press('Enter'),
    ]);
    const path = sitePath(page.url());
    assert.ok(path && path.startsWith('/entities/'), `the form led to ${page.url()}, not to a page under /entities/`);
    assert.equal(response?.status(), 200, `${page.url()} answered HTTP ${response?.status()}`);
  } finally {
    await context.close();
  }
});
