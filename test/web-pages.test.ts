import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputLineSchema, inputToItem } from '../src/cli/jsonl-input.js';
import { devItem } from './helpers/corpus.js';
import { startServe, type ServeProcess } from './helpers/serve.js';

/** What the page scripts below read in the browser (the test compiles without the DOM library). */
interface InPage {
  Chart: { getChart(id: string): { data: { datasets: { label: string; data: unknown[]; storywatchMarks?: boolean }[] } } };
  document: { documentElement: { lang: string; dir: string }; body: unknown };
  getComputedStyle(element: unknown): { direction: string };
}

/** Debian's chromium (installed by .ci/run when missing); no browser is downloaded. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TOKEN = 'status-token-for-the-browser-test';
const DATES = ['2024-01-29', '2024-01-19', '2024-01-18', '2024-01-17', '2024-01-16'];
/** Set STORYWATCH_SCREENSHOTS=1 to refresh docs/screenshots/ from this run. */
const SHOTS = process.env.STORYWATCH_SCREENSHOTS === '1' ? 'docs/screenshots' : null;

/** A real off-story item of the labeled corpus (the Asian Cup in Qatar, January 2024: Iran, no crisis), served next to the seeds. */
function offStoryItem() {
  const line = inputLineSchema.parse(devItem('ip-451394ff42'));
  const item = inputToItem(line, new Date());
  if (!item.ok) throw new Error(item.error.message);
  return item.value;
}

/** Issue 15, as a person would use it: the timeline page and the status page in a real headless Chromium, against `serve` after the seed replay. */
describe('the story timeline and status pages in Chromium', () => {
  let serve: ServeProcess;
  let browser: Browser;
  const offsite: string[] = [];

  beforeAll(async () => {
    serve = await startServe({ STORYWATCH_STATUS_TOKEN: TOKEN }, [offStoryItem()]);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    await serve.stop();
  });

  /** A page in `locale` that records every request leaving 127.0.0.1 (there must be none: no CDN). */
  const open = async (locale: string, path: string): Promise<Page> => {
    const page = await browser.newPage({ locale, viewport: { width: 1100, height: 900 } });
    page.on('request', (r) => {
      if (!r.url().startsWith(serve.base) && !r.url().startsWith('data:')) offsite.push(r.url());
    });
    await page.goto(`${serve.base}${path}`);
    return page;
  };

  it('shows the five dated developments with their sources and languages, and a chart with five development marks', async () => {
    const page = await open('en-US', '/stories/iran-pakistan-2024');
    const developments = page.locator('li.development');
    expect(await developments.locator('h2 time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')))).toEqual(DATES);
    for (const d of await developments.all()) {
      expect(await d.locator('li.source').count()).toBeGreaterThan(0);
      expect(await d.locator('blockquote').textContent()).not.toBe('');
    }
    const languages = await page.locator('li.source .lang').allTextContents();
    expect(new Set(languages)).toEqual(new Set(['Vietnamese', 'English', 'Arabic', 'Chinese']));
    await page.waitForFunction(() => 'Chart' in globalThis);
    const chart = await page.evaluate(() => {
      const c = (globalThis as unknown as InPage).Chart.getChart('sources-chart');
      return {
        marks: c.data.datasets.find((d) => d.storywatchMarks)?.data.length,
        stacks: c.data.datasets.filter((d) => !d.storywatchMarks).map((d) => d.label),
      };
    });
    expect(chart.marks).toBe(5);
    expect(new Set(chart.stacks)).toEqual(new Set(['Vietnamese', 'English', 'Arabic', 'Chinese']));
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/timeline-en.png`, fullPage: true });
    expect(offsite).toEqual([]);
  });

  it('filters by kind and date range without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${serve.base}/stories/iran-pakistan-2024?from=2024-01-17&to=2024-01-19`);
    expect(await page.locator('li.development h2 time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')))).toEqual([
      '2024-01-19',
      '2024-01-18',
      '2024-01-17',
    ]);
    const strike = await page.locator('li.development[id] >> nth=-1').getAttribute('data-kind');
    await page.selectOption('select[name=kind]', strike ?? '');
    await page.fill('input[name=from]', '');
    await page.fill('input[name=to]', '');
    await page.click('form.filter button[type=submit]');
    const kinds = await page.locator('li.development').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-kind')));
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set([strike]));
    await context.close();
  });

  it('renders the page right to left in Arabic, with ICU dates and language names', async () => {
    const page = await open('ar', '/stories/iran-pakistan-2024');
    const direction = await page.evaluate(() => {
      const w = globalThis as unknown as InPage;
      return [w.document.documentElement.lang, w.document.documentElement.dir, w.getComputedStyle(w.document.body).direction];
    });
    expect(direction).toEqual(['ar', 'rtl', 'rtl']);
    expect(await page.locator('header .summary').textContent()).toMatch(/^التطورات: 5 · المصادر: \d+ · اللغات: 4$/);
    expect(await page.locator('li.development h2 time').first().textContent()).toMatch(/يناير/);
    expect(await page.locator('li.source .lang').allTextContents()).toContain('العربية');
    // Kinds and actors in Arabic too: the taxonomy's labels and ICU's country names.
    for (const text of [...(await page.locator('li.development .kind').allTextContents()), ...(await page.locator('li.development .actors').allTextContents())])
      expect(text).toMatch(/^[\u0600-\u06FF\s·/]+$/);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/timeline-ar.png`, fullPage: false });
  });

  it('refuses the status page without the token or with a wrong one, and signs in with the right one', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-wrong-token' }] as Record<string, string>[]) {
      const res = await fetch(`${serve.base}/status`, { headers });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toMatch(/Seeds/);
    }
    expect((await fetch(`${serve.base}/status`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const page = await open('en-US', '/status');
    await page.fill('input[name=token]', 'not-the-token-at-all');
    await page.click('button[type=submit]');
    expect(await page.locator('[role=alert]').textContent()).toMatch(/not the status token/);
    await page.fill('input[name=token]', TOKEN);
    await page.click('button[type=submit]');
    expect(page.url()).toBe(`${serve.base}/status`);
    expect(await page.locator('section:has(h2:text("Feeds")) td').allTextContents()).toContain('Seeds');
    expect(await page.locator('section:has(h2:text("Outbox")) .backlog').textContent()).toBeTruthy();
  });

  it('explains why an off-story item next to the seeds was not delivered, with its reasons', async () => {
    const page = await open('en-US', '/status');
    await page.fill('input[name=token]', TOKEN);
    await page.click('button[type=submit]');
    await page.fill('input[name=q]', 'Asian Cup');
    await page.click('form[action="/status"] button[type=submit]');
    const trace = page.locator('li.trace');
    expect(await trace.count()).toBe(1);
    const story = trace.locator('li.story-trace[data-story="iran-pakistan-2024"]');
    expect(await story.getAttribute('data-matched')).toBe('false');
    expect(await story.locator('.decision').textContent()).toMatch(/^not matched \(score /);
    expect(await story.locator('ul.reasons li').count()).toBeGreaterThan(0);
    expect(await story.textContent()).toMatch(/no development; no alert/);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/status.png`, fullPage: true });
    const seed = await (await fetch(`${serve.base}/status?q=Jaish`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(seed).toMatch(/data-matched="true"[\s\S]*source of D\d+ 2024-01-16/);
  });
});
