/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { keyFor, partnerKeyFor, startTestApp, TEST_OWNER_KEY, type TestApp } from '../../api/test/support/test-app';
import { launchChromium, seriousViolations, signIn } from './support/console-browser';

/*
 * The web console in a real headless Chromium, against the API serving the built console on
 * PGlite (as `npm start` does): sign-in, All Partners with its filters and the bulk assignment,
 * the chart, clearance and offboarding, roles, the partner's own dashboard, accessibility, and
 * the screenshots of docs/console.md.
 */

const SCREENSHOTS = join(__dirname, '../../../docs/console');
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe('the web console in Chromium', () => {
  let api: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const keys: Record<string, string> = {};

  const ok = async (method: string, url: string, body?: unknown) => {
    const response = await api.request(method, url, body);
    if (response.status >= 300) throw new Error(`setup ${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return response;
  };

  beforeAll(async () => {
    api = await startTestApp('pglite');
    await api.app.listen(0, '127.0.0.1');
    baseUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    for (const [teammateId, name, role] of [
      ['alice', 'Alice Archer', 'teammate'],
      ['bob', 'Bob Baker', 'teammate'],
      ['vera', 'Vera Viewer', 'viewer'],
    ]) {
      await ok('POST', '/v1/teammates', { teammateId, name, email: `${teammateId}@co.example`, role });
    }
    for (const [partnerId, name, type] of [
      ['acme', 'Acme Corp', 'reseller'],
      ['globex', 'Globex', 'referral'],
      ['initech', 'Initech', 'technology'],
      ['umbrella', 'Umbrella', 'affiliate'],
      ['hooli', 'Hooli', 'referral'],
      ['stark', 'Stark Industries', 'reseller'],
      ['wayne', 'Wayne Enterprises', 'reseller'],
    ]) {
      await ok('POST', '/v1/partners', { partnerId, name, contactEmail: `hello@${partnerId}.example`, type });
    }
    for (const partnerId of ['acme', 'globex', 'wayne']) {
      await ok('POST', `/v1/partners/${partnerId}/onboard`, {});
      await ok('POST', `/v1/partners/${partnerId}/enable`, {});
    }
    await ok('POST', '/v1/partners/manager-assignments', { partnerIds: ['acme', 'globex', 'wayne'], managerId: 'alice' });
    await ok('POST', '/v1/partners/acme/commissions', { commissionId: 'c-1', customerId: 'cust-1', saleAmount: usd(120_000), commissionAmount: usd(12_000) });
    await ok('POST', '/v1/partners/globex/commissions', { commissionId: 'c-2', customerId: 'cust-2', saleAmount: usd(80_000), commissionAmount: usd(8_000) });
    await ok('POST', '/v1/partners/acme/commissions', { commissionId: 'c-3', customerId: 'cust-1', saleAmount: usd(30_000), commissionAmount: usd(3_000) });
    await ok('POST', '/v1/partners/wayne/commissions', { commissionId: 'w-1', customerId: 'cust-w', saleAmount: usd(50_000), commissionAmount: usd(5_000) });
    keys.viewer = await keyFor(api, 'vera');
    keys.acme = await partnerKeyFor(api, 'acme');
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  const managerCell = (partnerId: string) => page.locator(`tr[data-partner-id="${partnerId}"] td[data-column="manager"]`);
  const visiblePartnerIds = () => page.locator('tbody tr[data-partner-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-partner-id')));

  it('serves the console at / with caching headers, and keeps /v1 for the API', async () => {
    const index = await fetch(`${baseUrl}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    // Every body read to its end: an unread one keeps its connection busy, and the API's close
    // then waits for it until the keep-alive timeout.
    const script = await fetch(`${baseUrl}${asset}`);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await script.text()).length).toBeGreaterThan(0);
    const deepLink = await fetch(`${baseUrl}/partners?managerId=alice`);
    expect(await deepLink.text()).toBe(html);
    const unknownApi = await fetch(`${baseUrl}/v1/no-such-route`);
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toContain('application/problem+json');
    expect(await unknownApi.json()).toMatchObject({ status: 404 });
  });

  it('signs in with a key, filters All Partners by manager and by Unassigned, and keeps the filter in the URL', async () => {
    await signIn(page, baseUrl, TEST_OWNER_KEY);
    expect(new URL(page.url()).pathname).toBe('/partners');
    await managerCell('acme').filter({ hasText: 'Alice Archer' }).waitFor();
    await expect(managerCell('initech').textContent()).resolves.toBe('Unassigned');

    await page.getByRole('combobox', { name: /^Partner Manager/ }).selectOption('alice');
    await page.waitForURL(/managerId=alice/);
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-partner-id]').length === 3);
    expect(await visiblePartnerIds()).toEqual(['acme', 'globex', 'wayne']);

    await page.getByRole('combobox', { name: /^Partner Manager/ }).selectOption('unassigned');
    await page.waitForURL(/managerId=unassigned/);
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-partner-id]').length === 4);
    expect(await visiblePartnerIds()).toEqual(['hooli', 'initech', 'stark', 'umbrella']);

    // A link opens the same view (in a signed-in tab: the key is kept per tab).
    const shared = page;
    await shared.goto(`${baseUrl}/partners?managerId=unassigned&sort=-name`);
    await shared.waitForFunction(() => document.querySelectorAll('tbody tr[data-partner-id]').length === 4);
    expect(await shared.locator('tbody tr[data-partner-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-partner-id')))).toEqual([
      'umbrella',
      'stark',
      'initech',
      'hooli',
    ]);
  });

  it('sorts by a column header, the money columns by the amount in a currency', async () => {
    await signIn(page, baseUrl, TEST_OWNER_KEY);
    await managerCell('acme').waitFor();
    const revenueHeader = page.getByRole('button', { name: /^Revenue/ });
    await revenueHeader.click();
    await page.waitForURL(/sort=revenue/);
    await revenueHeader.click();
    await page.waitForURL(/sort=-revenue/);
    await page.waitForFunction(() => document.querySelector('tbody tr[data-partner-id]')?.getAttribute('data-partner-id') === 'acme');
    expect((await visiblePartnerIds()).slice(0, 3)).toEqual(['acme', 'globex', 'wayne']);
    await expect(page.getByRole('columnheader', { name: /^Revenue/ }).getAttribute('aria-sort')).resolves.toBe('descending');

    // Nobody earned in euros: every amount is zero, and the order falls back to partner ids, descending.
    await page.getByLabel('Sort amounts in').fill('EUR');
    await page.waitForURL(/currency=EUR/);
    await page.waitForFunction(() => document.querySelector('tbody tr[data-partner-id]')?.getAttribute('data-partner-id') === 'wayne');
    expect(await visiblePartnerIds()).toEqual(['wayne', 'umbrella', 'stark', 'initech', 'hooli', 'globex', 'acme']);
  });

  it('assigns a manager to three selected partners and shows the new manager without a reload', async () => {
    await signIn(page, baseUrl, TEST_OWNER_KEY);
    await managerCell('umbrella').waitFor();
    for (const name of ['Umbrella', 'Hooli', 'Stark Industries']) {
      await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    }
    await page.getByLabel('Manager to assign').selectOption('bob');
    await page.getByRole('button', { name: 'Assign manager' }).click();
    const results = page.getByRole('status', { name: 'Assignment results' });
    await results.waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-result="assigned"]').length === 3);
    for (const partnerId of ['umbrella', 'hooli', 'stark']) {
      await managerCell(partnerId).filter({ hasText: 'Bob Baker' }).waitFor();
    }
    await expect(managerCell('initech').textContent()).resolves.toBe('Unassigned');
    await page.screenshot({ path: join(SCREENSHOTS, 'all-partners.png') });
  });

  it('charts new and total revenue per manager, with a table whose totals are the API figures', async () => {
    await signIn(page, baseUrl, TEST_OWNER_KEY);
    await page.getByRole('link', { name: 'Analytics' }).click();
    const chart = page.getByRole('img', { name: 'Partner Manager Performance' });
    await chart.locator('svg').waitFor();
    const year = new Date().getUTCFullYear();
    const answer = await api.request('GET', `/v1/analytics/manager-performance?from=${year}-01-01&to=${year + 1}-01-01&interval=month&currency=USD&attribution=at-event`);
    const buckets = (answer.body.series as Array<{ buckets: Array<{ newRevenueMinor: number; totalRevenueMinor: number }> }>).flatMap((s) => s.buckets);
    const money = (minor: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(minor / 100);
    expect(buckets.length).toBeGreaterThan(0);
    await expect(page.locator('[data-total="new"]').textContent()).resolves.toBe(money(buckets.reduce((sum, b) => sum + b.newRevenueMinor, 0)));
    await expect(page.locator('[data-total="total"]').textContent()).resolves.toBe(money(buckets.reduce((sum, b) => sum + b.totalRevenueMinor, 0)));
    // Both series of the manager are drawn (bars and a line) and named in the legend.
    await page.waitForFunction(() => {
      const svg = document.querySelector('[aria-label="Partner Manager Performance"] svg');
      const text = svg?.textContent ?? '';
      return text.includes('Alice Archer — new revenue') && text.includes('Alice Archer — total revenue') && svg!.querySelectorAll('path').length > 2;
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'manager-performance.png') });
  });

  it('refuses an offboarding with its blockers shown, then offboards after the payout', async () => {
    await signIn(page, baseUrl, TEST_OWNER_KEY);
    await page.goto(`${baseUrl}/partners/wayne`);
    await page.getByRole('table', { name: 'Blockers to offboarding' }).getByText('w-1').waitFor();
    await page.getByLabel('Reason for offboarding').fill('Program review');
    await page.getByRole('button', { name: 'Offboard', exact: true }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/open financial obligation/i);
    await page.screenshot({ path: join(SCREENSHOTS, 'partner.png') });

    await page.getByRole('button', { name: 'Pay out w-1' }).click();
    await page.getByText('Cleared: nothing blocks offboarding.').waitFor();
    await page.getByLabel('Reason for offboarding').fill('Program review');
    await page.getByRole('button', { name: 'Offboard', exact: true }).click();
    await page.locator('[data-field="status"]', { hasText: 'offboarded' }).waitFor();
  });

  it('offers a viewer no command buttons', async () => {
    await signIn(page, baseUrl, keys.viewer);
    await managerCell('acme').waitFor();
    expect(await page.getByRole('button', { name: 'Assign manager' }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await page.goto(`${baseUrl}/partners/globex`);
    await page.getByRole('heading', { name: 'Globex' }).waitFor();
    for (const name of ['Onboard', 'Enable', 'Offboard', 'Pay out c-2']) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    }
  });

  it("shows a partner key its own dashboard with its manager's name and email, and another partner as not found", async () => {
    await signIn(page, baseUrl, keys.acme);
    expect(new URL(page.url()).pathname).toBe('/portal');
    const manager = page.getByRole('region', { name: 'Your partner manager' });
    await manager.getByText('Alice Archer').waitFor();
    await manager.getByRole('link', { name: 'alice@co.example' }).waitFor();
    await page.getByLabel('Customer name').fill('Jane Customer');
    await page.getByRole('button', { name: 'Refer lead' }).click();
    await page.getByRole('region', { name: 'Your leads' }).getByText('Jane Customer').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'partner-dashboard.png') });

    await page.goto(`${baseUrl}/partners/globex`);
    await page.getByRole('heading', { name: 'Partner not found' }).waitFor();
  });

  it('returns to sign-in on a 401, and signs out', async () => {
    await signIn(page, baseUrl, TEST_OWNER_KEY);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.evaluate(() => sessionStorage.setItem('partnerships.apiKey', 'plk_not_a_real_key'));
    await page.goto(`${baseUrl}/partners`);
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel('API key').fill('plk_not_a_real_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
  });

  it('returns to sign-in by itself when its key is revoked while a page is open', async () => {
    const issued = await api.request('POST', '/v1/api-keys', { name: 'revoked while open', teammateId: 'vera' });
    await signIn(page, baseUrl, issued.body.secret);
    await page.getByRole('status', { name: 'Updates: Live' }).waitFor();
    expect((await api.request('DELETE', `/v1/api-keys/${issued.body.keyId}`, { reason: 'left the team' })).status).toBe(200);
    // An event after the revocation: the stream checks the key again before sending it.
    expect((await api.request('POST', '/v1/partners', { partnerId: 'after-revocation', name: 'Hooli', contactEmail: 'h@hooli.example', type: 'referral' })).status).toBe(201);
    await page.waitForURL(/\/sign-in$/, { timeout: 15_000 });
  });

  it('has no serious or critical accessibility violation on any page', async () => {
    const found: string[] = [];
    const check = async (label: string) => found.push(...(await seriousViolations(page)).map((line) => `${label}: ${line}`));
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('API key').waitFor();
    await check('sign-in');
    await signIn(page, baseUrl, TEST_OWNER_KEY);
    await managerCell('acme').waitFor();
    await check('all partners');
    await page.goto(`${baseUrl}/partners/acme`);
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await check('partner');
    await page.goto(`${baseUrl}/analytics/manager-performance`);
    await page.getByRole('img', { name: 'Partner Manager Performance' }).locator('svg').waitFor();
    await check('analytics');
    await page.goto(`${baseUrl}/projections`);
    await page.getByRole('button', { name: 'Rebuild all-partners' }).waitFor();
    await check('projections');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, baseUrl, keys.acme);
    await page.getByRole('heading', { name: 'Your partner manager' }).waitFor();
    await check('partner dashboard');
    expect(found).toEqual([]);
  });
});
