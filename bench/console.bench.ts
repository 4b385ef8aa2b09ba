/**
 * The console in a real headless Chromium (Debian's chromium, as the browser tests use), against
 * the product started as `npm start` starts it (dist/apps/api/src/main.js serving the built console):
 *
 * 1. First paint: `SEED_DEMO=1` on a fresh PGlite directory (50 partners). Each of BENCH_PAINTS
 *    loads opens All Partners in a new browser context (empty cache, key already in the tab's
 *    session) and takes the time from navigation start to the frame that shows the 50 rows,
 *    measured in the page (performance.now() on a requestAnimationFrame poll). Target < 1 s.
 * 2. 100,000 partners on PostgreSQL: the seed's program (about 21 events per partner) bulk-loaded
 *    into a fresh schema, the product started on it and left to project the log, ANALYZE (what
 *    autovacuum would have done by then). Then, signed in as the owner, a fixed script of distinct
 *    actions on All Partners (no answer comes from the console's cache): next page, each manager,
 *    Unassigned, each status and type, text searches, every sortable column both ways. For each
 *    action: the answer (the /v1/partners request's duration in the browser's Resource Timing) and
 *    action → rendered (until the table shows the answer's rows). Target p95 < 200 ms.
 *
 *   npm run bench:console
 *
 * Env: BENCH_PARTNERS (100000), BENCH_PAINTS (10), BENCH_DATABASE_URL, CHROMIUM_PATH.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { createSqlClient } from '@partnerships/event-store';
import { launchChromium } from '../apps/console/test/support/console-browser';
import { BENCH_DATABASE_URL, median, percentile, saveResults } from './bench-report';
import { SchemaJanitor, envNumber, progress, seedInChild } from './support/bench-harness';
import { freePort, startApiProcess, type ApiProcess } from '../apps/api/test/support/api-process';

// The few browser globals the in-page functions use (this file compiles without the DOM library).
declare const document: { querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }> };
declare const sessionStorage: { setItem(key: string, value: string): void };
declare const location: { readonly search: string };
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: unknown, options: { childList: boolean; subtree: boolean }): void;
}
declare const window: { actionAt?: number; rowsChangedAt?: number; addEventListener(type: string, listener: () => void, options: { capture: boolean }): void };
interface PerformanceResourceTiming {
  readonly startTime: number;
  readonly responseEnd?: number;
}

const PARTNERS = envNumber('BENCH_PARTNERS', 100_000);
const PAINTS = envNumber('BENCH_PAINTS', 10);
const OWNER_KEY = 'bench-console-owner-key-0123456789';
const TARGET_PAINT_MS = 1_000;
const TARGET_P95_MS = 200;
const ROWS_SELECTOR = 'tbody tr[data-partner-id]';

const round = (ms: number) => Number(ms.toFixed(1));

/** The product as `npm start` runs it (the built console included), on a free loopback port. */
async function startProduct(env: Record<string, string>): Promise<ApiProcess> {
  return startApiProcess({ ...env, HOST: '127.0.0.1', PORT: String(await freePort()) });
}

async function api<T>(product: ApiProcess, path: string): Promise<T> {
  const response = await fetch(`${product.url}${path}`, { headers: { authorization: `Bearer ${OWNER_KEY}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Until every projection is live with nothing left to apply; prints the progress. */
async function projectionsLive(product: ApiProcess): Promise<void> {
  for (;;) {
    const { items } = await api<{ items: { name: string; state: string; lag: number }[] }>(product, '/v1/projections');
    if (items.some((item) => item.state === 'failed')) throw new Error(`a projection failed: ${JSON.stringify(items)}`);
    if (items.every((item) => item.state === 'live' && item.lag === 0)) return;
    progress(`  projecting: ${items.map((item) => `${item.name} ${item.state} lag ${item.lag.toLocaleString('en')}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
}

async function signedInPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript((key) => {
    sessionStorage.setItem('partnerships.apiKey', key);
    // When the user's action reached the page (the first click, input or change after a reset):
    // Playwright's own checks before it clicks are not the console's latency.
    for (const type of ['click', 'input', 'change']) {
      window.addEventListener(type, () => (window.actionAt ??= performance.now()), { capture: true });
    }
    // When the table's rows last changed in the DOM (the frame that paints them follows).
    let shown = '';
    new MutationObserver(() => {
      const rows = Array.from(document.querySelectorAll('tbody tr[data-partner-id]')).map((row) => row.getAttribute('data-partner-id'));
      if (rows.join('\n') !== shown) {
        shown = rows.join('\n');
        window.rowsChangedAt = performance.now();
      }
    }).observe(document, { childList: true, subtree: true });
  }, OWNER_KEY);
  return context.newPage();
}

/** In-page time (ms since navigation start) when the table came to hold at least `rows` rows. */
function rowsShownAt(page: Page, rows: number): Promise<number> {
  return page
    .waitForFunction(
      ([selector, count]) => (document.querySelectorAll(selector as string).length >= (count as number) ? (window.rowsChangedAt as number) : false),
      [ROWS_SELECTOR, rows] as const,
      { polling: 'raf', timeout: 30_000 },
    )
    .then((handle) => handle.jsonValue() as Promise<number>);
}

interface PaintResult {
  readonly startMs: number;
  readonly paintsMs: readonly number[];
  readonly firstContentfulPaintsMs: readonly number[];
  /** The last load's entries: request or paint, start–end in ms since navigation start. */
  readonly waterfall: readonly string[];
}

async function firstPaint(browser: Browser): Promise<PaintResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-console-'));
  const started = performance.now();
  const product = await startProduct({ SEED_DEMO: '1', DATA_DIR: dataDir, AUTH_BOOTSTRAP_KEY: OWNER_KEY, LOG_LEVEL: 'warn' });
  const startMs = performance.now() - started;
  try {
    await projectionsLive(product);
    const paintsMs: number[] = [];
    const firstContentfulPaintsMs: number[] = [];
    let waterfall: string[] = [];
    for (let i = 0; i < PAINTS; i++) {
      const page = await signedInPage(browser);
      await page.goto(`${product.url}/partners`);
      paintsMs.push(await rowsShownAt(page, 50));
      firstContentfulPaintsMs.push(
        await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN),
      );
      if (i === PAINTS - 1) {
        // Where the time of a load goes: each request's start and end, in ms since navigation start.
        waterfall = await page.evaluate(() =>
          performance.getEntries().map((entry) => {
            const timing = entry as unknown as PerformanceResourceTiming;
            const path = entry.name.startsWith('http') ? new URL(entry.name).pathname : entry.name;
            return `${path} ${Math.round(timing.startTime)}–${Math.round(timing.responseEnd ?? timing.startTime)}`;
          }),
        );
      }
      await page.context().close();
    }
    return { startMs, paintsMs, firstContentfulPaintsMs, waterfall };
  } finally {
    await product.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface ActionTiming {
  readonly action: string;
  readonly kind: string;
  readonly answerMs: number;
  readonly renderedMs: number;
  readonly rows: number;
  readonly hasNextPage: boolean;
  /** /v1/partners answers that arrived while the action was timed. */
  readonly requests: number;
}

/**
 * Does one action and times it: the /v1/partners answer it causes (Resource Timing in the page),
 * and the action until the table shows that answer's rows (polled on animation frames).
 */
/** The All Partners filter fields the console keeps in its URL and sends to /v1/partners. */
const FILTER_FIELDS = ['managerId', 'status', 'type', 'tier', 'q', 'sort', 'currency'];

/**
 * The /v1/partners answer an action asked for: the filter of the page's URL after the action, with
 * a cursor for a next page and none otherwise (an answer to an earlier request does not count).
 */
async function answerTo(page: Page, nextPage: boolean, answers: readonly Response[], from: number): Promise<Response> {
  const search = new URLSearchParams(await page.evaluate(() => location.search));
  const wanted = (response: Response) => {
    const params = new URL(response.url()).searchParams;
    return FILTER_FIELDS.every((field) => params.get(field) === search.get(field)) && params.has('cursor') === nextPage;
  };
  for (let waited = 0; waited < 30_000; waited += 5) {
    const found = answers.slice(from).find(wanted);
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no /v1/partners answer for ${search.toString()}`);
}

async function timeAction(page: Page, kind: string, action: string, act: () => Promise<unknown>): Promise<ActionTiming> {
  const answers: Response[] = [];
  const collect = (response: Response) => {
    if (new URL(response.url()).pathname === '/v1/partners') answers.push(response);
  };
  page.on('response', collect);
  await page.evaluate(() => (window.actionAt = undefined));
  try {
    await act();
  } catch (error) {
    const screenshot = join(tmpdir(), 'bench-console-failure.png');
    await page.screenshot({ path: screenshot });
    progress(`${action} failed; the page as it was: ${screenshot}`);
    throw error;
  }
  const response = await answerTo(page, kind === 'next page', answers, 0);
  const body = (await response.json()) as { items: { partnerId: string }[]; nextCursor: string | null };
  const ids = body.items.map((item) => item.partnerId);
  const renderedMs = await page
    .waitForFunction(
      ([selector, expected]) => {
        const shown = Array.from(document.querySelectorAll(selector as string)).map((row) => row.getAttribute('data-partner-id'));
        return shown.join('\n') === (expected as string[]).join('\n') ? (window.rowsChangedAt as number) - (window.actionAt as number) : false;
      },
      [ROWS_SELECTOR, ids] as const,
      { polling: 'raf', timeout: 30_000 },
    )
    .then((handle) => handle.jsonValue() as Promise<number>);
  const answerMs = await page.evaluate((url) => {
    const entries = performance.getEntriesByName(url);
    const entry = entries[entries.length - 1] as unknown as PerformanceResourceTiming | undefined;
    performance.clearResourceTimings();
    return entry?.responseEnd === undefined ? Number.NaN : entry.responseEnd - entry.startTime;
  }, response.url());
  page.off('response', collect);
  // More than one request for one action would be the console asking for something it then drops.
  return { action, kind, answerMs: round(answerMs), renderedMs: round(renderedMs), rows: ids.length, hasNextPage: body.nextCursor !== null, requests: answers.length };
}

async function browseHundredThousand(browser: Browser, product: ApiProcess): Promise<ActionTiming[]> {
  const teammates = (await api<{ items: { teammateId: string; name: string }[] }>(product, '/v1/teammates')).items;
  const firstPage = (await api<{ items: { name: string }[] }>(product, '/v1/partners?limit=200')).items;
  // Three-letter pieces of real names, each searched once.
  const words = firstPage.flatMap((item) => item.name.toLowerCase().split(/[^a-z]+/));
  const searches = [...new Set(words.filter((word) => word.length >= 4).map((word) => word.slice(1, 4)))].slice(0, 20);

  const page = await signedInPage(browser);
  await page.goto(`${product.url}/partners`);
  await rowsShownAt(page, 50);
  const timings: ActionTiming[] = [];
  const run = async (kind: string, action: string, act: () => Promise<unknown>) => {
    const timing = await timeAction(page, kind, action, act);
    timings.push(timing);
    return timing;
    progress(`  ${action.padEnd(48)} answer ${String(timing.answerMs).padStart(7)} ms, rendered ${String(timing.renderedMs).padStart(7)} ms, ${timing.rows} rows`);
  };
  const manager = page.getByRole('combobox', { name: /^Partner Manager/ });
  const nextPage = page.getByRole('button', { name: 'Next page' });

  for (let i = 2; i <= 21; i++) await run('next page', `next page → page ${i}`, () => nextPage.click());
  for (const teammate of teammates) {
    const filtered = await run('filter by manager', `manager ${teammate.teammateId}`, () => manager.selectOption(teammate.teammateId));
    if (filtered.hasNextPage) await run('next page', `manager ${teammate.teammateId}, next page`, () => nextPage.click());
  }
  await run('filter by manager', 'manager: Unassigned', () => manager.selectOption('unassigned'));
  await run('filter by manager', 'manager: any', () => manager.selectOption(''));
  const status = page.getByRole('combobox', { name: /^Status/ });
  for (const value of ['selected', 'onboarded', 'enabled', 'offboarded']) await run('filter by status or type', `status ${value}`, () => status.selectOption(value));
  await run('filter by status or type', 'status: any', () => status.selectOption(''));
  const type = page.getByRole('combobox', { name: /^Type/ });
  for (const value of ['referral', 'reseller', 'technology', 'affiliate']) await run('filter by status or type', `type ${value}`, () => type.selectOption(value));
  await run('filter by status or type', 'type: any', () => type.selectOption(''));
  const search = page.getByRole('searchbox', { name: /^Search/ });
  for (const text of searches) await run('text search', `search "${text}"`, () => search.fill(text));
  await run('text search', 'search cleared', () => search.fill(''));
  for (const column of ['Status', 'Type', 'Tier', 'Partner Manager', 'Leads', 'Revenue', 'Commissions outstanding', 'Last activity', 'Partner']) {
    const header = page.getByRole('button', { name: column, exact: true });
    await run('sort', `sort by ${column}`, () => header.click());
    await run('sort', `sort by ${column}, reversed`, () => header.click());
  }
  await page.context().close();
  return timings;
}

function summarize(values: readonly number[]) {
  return { n: values.length, p50: round(median(values)), p95: round(percentile(values, 95)), max: round(Math.max(...values)) };
}

async function main(): Promise<void> {
  console.log(`bench:console — first paint of the demo (${PAINTS} loads), then ${PARTNERS.toLocaleString('en')} partners on PostgreSQL`);
  const browser = await launchChromium();
  const janitor = new SchemaJanitor(BENCH_DATABASE_URL);
  try {
    progress('first paint: SEED_DEMO=1 on a fresh PGlite directory…');
    const paint = await firstPaint(browser);
    const paintSummary = summarize(paint.paintsMs);
    console.log(
      `first paint of All Partners (50 rows): median ${paintSummary.p50} ms, max ${paintSummary.max} ms over ${PAINTS} cold loads; ` +
        `first contentful paint median ${round(median(paint.firstContentfulPaintsMs))} ms; product start with the demo seed ${round(paint.startMs)} ms`,
    );
    console.log(`  the last load: ${paint.waterfall.join(', ')}`);

    const schema = janitor.name('bench_console');
    progress(`seeding ${PARTNERS.toLocaleString('en')} partners into schema ${schema}…`);
    const seeded = await seedInChild({ databaseUrl: BENCH_DATABASE_URL, schema, partners: PARTNERS });
    console.log(`seeded ${seeded.events.toLocaleString('en')} events`);
    const projectStarted = performance.now();
    const product = await startProduct({ DATABASE_URL: BENCH_DATABASE_URL, DATABASE_SCHEMA: schema, AUTH_BOOTSTRAP_KEY: OWNER_KEY, LOG_LEVEL: 'warn' });
    let timings: ActionTiming[];
    let projectSeconds: number;
    try {
      await projectionsLive(product);
      projectSeconds = (performance.now() - projectStarted) / 1000;
      console.log(`projected by the product in ${projectSeconds.toFixed(1)} s`);
      const client = await createSqlClient({ databaseUrl: BENCH_DATABASE_URL, schema });
      await client.exec('ANALYZE');
      await client.close();
      timings = await browseHundredThousand(browser, product);
    } finally {
      await product.stop();
    }

    const kinds = [...new Set(timings.map((timing) => timing.kind))];
    const byKind = kinds.map((kind) => {
      const of = timings.filter((timing) => timing.kind === kind);
      return { kind, answer: summarize(of.map((t) => t.answerMs)), rendered: summarize(of.map((t) => t.renderedMs)) };
    });
    const all = { kind: 'every action', answer: summarize(timings.map((t) => t.answerMs)), rendered: summarize(timings.map((t) => t.renderedMs)) };
    console.log(`\n${PARTNERS.toLocaleString('en')} partners — ms${' '.repeat(20)}answer p50 / p95 / max      rendered p50 / p95 / max   actions`);
    for (const row of [...byKind, all]) {
      const figures = (s: ReturnType<typeof summarize>) => `${s.p50} / ${s.p95} / ${s.max}`.padEnd(28);
      console.log(`${row.kind.padEnd(44)} ${figures(row.answer)} ${figures(row.rendered)} ${row.answer.n}`);
    }
    const extra = timings.filter((t) => t.requests > 1);
    console.log(`actions that caused more than one /v1/partners request: ${extra.length === 0 ? 'none' : extra.map((t) => `${t.action} (${t.requests})`).join(', ')}`);
    const worst = [...timings].sort((a, b) => b.renderedMs - a.renderedMs).slice(0, 5);
    console.log(`slowest (rendered): ${worst.map((t) => `${t.action} ${t.renderedMs} ms`).join('; ')}`);
    console.log(
      `targets: first paint < ${TARGET_PAINT_MS} ms ${paintSummary.max < TARGET_PAINT_MS ? 'met' : 'NOT met'}; ` +
        `p95 < ${TARGET_P95_MS} ms: answers ${all.answer.p95 < TARGET_P95_MS ? 'met' : 'NOT met'}, rendered ${all.rendered.p95 < TARGET_P95_MS ? 'met' : 'NOT met'}`,
    );
    const saved = saveResults('console', {
      benchmark: 'console',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, browser: browser.version() },
      firstPaint: { loads: PAINTS, ms: paintSummary, firstContentfulPaintMs: round(median(paint.firstContentfulPaintsMs)), lastLoad: paint.waterfall, productStartMs: round(paint.startMs), targetMs: TARGET_PAINT_MS },
      hundredThousand: { partners: PARTNERS, events: seeded.events, projectSeconds: round(projectSeconds), targetP95Ms: TARGET_P95_MS, byKind, all, actions: timings },
    });
    console.log(`saved ${saved}`);
  } finally {
    await browser.close();
    await janitor.dropAll();
    janitor.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
