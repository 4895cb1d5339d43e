// (e) The 2025 Q3 summary page's tables hold exactly the figures of the JSON report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { REPORT_JSON, TEST_TIMEOUT, launch, guardedContext, visit } from './lib.js';

const QUARTER = '2025Q3';
const PAGE = '/quarters/2025q3/';
const TABLES = { by_category: 'by-category', by_result: 'by-result', by_unit: 'by-unit' };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function reportFigures() {
  if (!REPORT_JSON) throw new Error('REPORT_JSON is not set');
  const report = JSON.parse(readFileSync(REPORT_JSON, 'utf8'));
  const item = (report.items ?? []).find((i) => i.kind === 'quarter' && i.id === QUARTER);
  if (!item) throw new Error(`the report has no item with kind "quarter" and id "${QUARTER}"`);
  if (!item.figures) throw new Error(`the report's ${QUARTER} item has no figures`);
  for (const key of ['total', 'published', 'in_progress', 'joint', 'with_problems']) {
    if (typeof item.figures[key] !== 'number') throw new Error(`figures.${key} of ${QUARTER} is not a number`);
  }
  return item.figures;
}

async function tableRows(page, figure) {
  const table = page.locator(`table[data-figure=${figure}]`);
  if ((await table.count()) === 0) throw new Error(`${PAGE} has no table[data-figure=${figure}]`);
  return table.first().locator('tbody tr').evaluateAll((rows) =>
    rows.map((tr) => ({
      name: tr.querySelector('th[scope=row]')?.textContent.trim() ?? null,
      count: tr.querySelector('td')?.textContent.trim() ?? null,
    })),
  );
}

for (const [key, figure] of Object.entries(TABLES)) {
  test(`figures: table[data-figure=${figure}] on ${PAGE} matches the report's ${key}`, { timeout: TEST_TIMEOUT }, async () => {
    const figures = reportFigures();
    const expected = figures[key];
    assert.ok(Array.isArray(expected), `figures.${key} of ${QUARTER} is not an array`);
    const { context } = await guardedContext(browser);
    try {
      const page = await context.newPage();
      await visit(page, PAGE);
      const rows = await tableRows(page, figure);
      const bad = rows.filter((r) => r.name === null || r.count === null);
      assert.deepEqual(bad, [], `rows without th[scope=row] or td in table[data-figure=${figure}]`);
      const shown = Object.fromEntries(rows.map((r) => [r.name, r.count]));
      assert.equal(rows.length, Object.keys(shown).length, `a name appears twice in table[data-figure=${figure}]`);
      const want = Object.fromEntries(expected.map((e) => [e.name, String(e.count)]));
      assert.deepEqual(shown, want, `table[data-figure=${figure}] (actual) differs from the report's figures.${key} (expected)`);
    } finally {
      await context.close();
    }
  });
}

// The 2025 year page's tables hold exactly the figures of the report's `years`.
const YEAR = 2025;
const YEAR_PAGE = `/years/${YEAR}/`;

function reportYear() {
  if (!REPORT_JSON) throw new Error('REPORT_JSON is not set');
  const report = JSON.parse(readFileSync(REPORT_JSON, 'utf8'));
  const year = (report.years ?? []).find((y) => y.year === YEAR);
  if (!year) throw new Error(`the report's years have no ${YEAR}`);
  return year;
}

async function yearRows(page, figure) {
  const table = page.locator(`table[data-figure=${figure}]`);
  if ((await table.count()) === 0) throw new Error(`${YEAR_PAGE} has no table[data-figure=${figure}]`);
  return table.first().locator('tbody tr').evaluateAll((rows) =>
    rows.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent.trim())),
  );
}

for (const [key, figure] of Object.entries(TABLES)) {
  test(`figures: table[data-figure=${figure}] on ${YEAR_PAGE} matches the report's years[${YEAR}].${key}`, { timeout: TEST_TIMEOUT }, async () => {
    const expected = reportYear()[key];
    const { context } = await guardedContext(browser);
    try {
      const page = await context.newPage();
      await visit(page, YEAR_PAGE);
      const rows = await yearRows(page, figure);
      assert.deepEqual(
        rows.map((r) => [r[0], r[1]]),
        expected.map((e) => [e.name, String(e.count)]),
        `table[data-figure=${figure}] (actual) differs from the report's years[${YEAR}].${key} (expected)`,
      );
    } finally {
      await context.close();
    }
  });
}

test(`figures: table[data-figure=quarters] on ${YEAR_PAGE} matches the report's years[${YEAR}].quarters`, { timeout: TEST_TIMEOUT }, async () => {
  const expected = reportYear().quarters;
  const { context } = await guardedContext(browser);
  try {
    const page = await context.newPage();
    await visit(page, YEAR_PAGE);
    const rows = await yearRows(page, 'quarters');
    assert.deepEqual(
      rows.map((r) => [r[1], r[2], r[4], r[5]]),
      expected.map((q) => [q.total, q.completed, q.published, q.with_problems].map(String)),
    );
  } finally {
    await context.close();
  }
});
