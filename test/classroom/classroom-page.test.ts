/**
 * The classroom end to end on loopback: the real server process, three learners running the real
 * `run tour --yes --classroom …`, and the instructor's page in headless Chromium (playwright-core).
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenTourPack, HAS_CHROMIUM, learnerRun, openChromium, serveRoom, type ServedRoom } from '../helpers/classroom.js';
import { tempDir } from '../helpers/lessons.js';

const XSS_NAME = '<img src=x onerror=alert(1)>';

describe.skipIf(!HAS_CHROMIUM)('the classroom in a browser (Chromium)', () => {
  let room: ServedRoom;
  let browser: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    room = await serveRoom(path.join(tempDir('mw-room-'), 'room'));
    ({ context: browser, page } = await openChromium(tempDir('mw-chromium-')));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(room.page);
    await page.locator('#connection', { hasText: 'live' }).waitFor();
    // Every row's event count the page shows, as it changes: proof it changes live, without a reload.
    // (A string: the tests are compiled without the DOM's types.)
    await page.evaluate(`
      window.seen = [];
      new MutationObserver(() => {
        for (const row of document.querySelectorAll('#rows tr')) window.seen.push(row.dataset.learner + ':' + row.dataset.events);
      }).observe(document.getElementById('rows'), { childList: true });
    `);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    room?.process.kill('SIGTERM');
  });

  it('shows three learners running the tour, live; a raised hand first; a shared failure; a name as text; the message reaching a learner', async () => {
    const homes = { ada: tempDir('mw-ada-'), grace: tempDir('mw-grace-'), xss: tempDir('mw-xss-') };
    const join = (name: string) => ['--classroom', room.url, '--code', room.code, '--name', name];
    const runs = await Promise.all([
      learnerRun(['run', 'tour', '--yes', ...join('Ada')], homes.ada),
      learnerRun(['run', 'tour', '--yes', ...join('Grace')], homes.grace),
      learnerRun(['--lessons', brokenTourPack(), 'run', 'tour', '--yes', ...join(XSS_NAME)], homes.xss),
    ]);
    expect(runs.map((run) => run.status)).toEqual([0, 0, 1]);

    // Rows appear, each with its lesson finished; the page followed them step by step.
    const rows = page.locator('#rows tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    await page.locator('#rows tr', { hasText: 'Ada' }).locator('.now', { hasText: 'lesson passed' }).waitFor();
    await page.locator('#rows tr', { hasText: 'Grace' }).locator('.now', { hasText: 'lesson passed' }).waitFor();
    expect(await page.locator('#rows tr', { hasText: 'Ada' }).locator('.cell.passed').count()).toBe(8);
    const seen = (await page.evaluate('window.seen')) as string[];
    const adaId = await page.locator('#rows tr', { hasText: 'Ada' }).getAttribute('data-learner');
    const adaCounts = new Set(seen.filter((entry) => entry.startsWith(`${adaId}:`)));
    expect(adaCounts.size).toBeGreaterThan(3);

    // The name that is HTML is shown as its text: no image, no script ran.
    const xssRow = page.locator('#rows tr').filter({ has: page.locator('.name', { hasText: XSS_NAME }) });
    expect(await xssRow.locator('.name').textContent()).toBe(XSS_NAME);
    expect(await page.locator('#rows img').count()).toBe(0);
    await expect.poll(() => xssRow.locator('.now').textContent()).toBe('lesson failed');

    // Grace raises her hand: her row comes first.
    const hand = await learnerRun(['classroom', 'hand', ...join('Grace')], homes.grace);
    expect(hand.status).toBe(0);
    await expect.poll(() => rows.first().locator('.name').textContent(), { timeout: 5000 }).toBe('Grace');
    expect(await rows.first().getAttribute('class')).toContain('hand');

    // The failing learner shares the failure: the instructor opens it in the side panel.
    const share = await learnerRun(['classroom', 'share', ...join(XSS_NAME)], homes.xss);
    expect(share.status).toBe(0);
    const open = xssRow.locator('button.open-shared');
    await open.waitFor({ timeout: 5000 });
    await open.click();
    await page.locator('#panel').waitFor({ state: 'visible' });
    expect(await page.locator('#panel-check').textContent()).toContain('matches');
    expect(await page.locator('#panel-actual').textContent()).toContain('Goodbye from the runner');
    expect(await page.locator('#panel-output').textContent()).toContain('Goodbye from the runner');

    // The instructor's message reaches a learner's next run, said in plain mode.
    await page.fill('#message', 'Lesson 1 starts at 11:00 <b>sharp</b>');
    await page.click('#message-form button');
    await page.locator('#announcement', { hasText: 'Lesson 1 starts at 11:00 <b>sharp</b>' }).waitFor();
    const next = await learnerRun(['run', 'tour', '--yes', '--to', 'hello', ...join('Ada')], homes.ada);
    expect(next.stderr).toContain('classroom: from the instructor: Lesson 1 starts at 11:00 <b>sharp</b>');

    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
