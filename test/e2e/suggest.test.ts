import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { suggestFixture } from '../commands/suggestFixture.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, signInAs, startServer } from './browser.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;
let project = '';
let code = '';

const FUNDING = 'Finansieringen är kortsiktig och pengarna tar slut.';

describe.skipIf(!hasChromium)('find more like this in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer(async (ctx) => {
      project = (await suggestFixture(ctx)).p;
      code = (await ctx.store.db.selectFrom('codes').select('id').where('name', '=', 'finansiering').executeTakeFirstOrThrow())
        .id;
    });
    ({ page } = await newPage(browser));
  });
  afterEach(async () => {
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
    await server.close();
  });

  it('lists suggestions with their words marked; accepting one codes it in the suggestions layer, rejecting from the keyboard hides another', async () => {
    await page.goto(`${server.url}/#/p/${project}/code/${code}`);
    await page.getByRole('button', { name: 'Find more like this', exact: true }).click();
    const list = page.getByRole('list', { name: 'Suggestions, best first' });
    await list.waitFor();
    await expect.poll(() => page.getByText('Nothing leaves the machine.', { exact: false }).count()).toBe(1);
    const item = list.getByRole('listitem').filter({ hasText: FUNDING });
    expect(await item.locator('mark').allTextContents()).toContain('pengarna');
    expect(await seriousViolations(page)).toEqual([]);

    await item.getByRole('button', { name: /^Accept: albin/u }).click();
    await expect.poll(() => list.getByRole('listitem').filter({ hasText: FUNDING }).count()).toBe(0);
    // It now shows among the code's segments, by the layer "suggestions".
    await expect
      .poll(async () => (await retrieveSegments(server.ctx, { project, coder: 'suggestions' })).map((s) => s.text))
      .toEqual([FUNDING]);
    const coded = page.locator('section.group:not(.suggestions) li', { hasText: FUNDING });
    await expect.poll(() => coded.count()).toBe(1);
    expect(await coded.textContent()).toContain('suggestions');

    // From the keyboard: the first suggestion's Accept button focused, R rejects it.
    const first = list.getByRole('listitem').first();
    const text = (await first.locator('blockquote').textContent()) ?? '';
    await first.getByRole('button', { name: /^Accept: /u }).focus();
    await page.keyboard.press('r');
    await expect.poll(() => list.getByRole('listitem').filter({ hasText: text }).count()).toBe(0);
    await expect
      .poll(async () => (await server.store.db.selectFrom('suggestion_decisions').select('decision').execute()).length)
      .toBe(2);
  });

  it('is not offered to a viewer, who may read the code’s segments but not code', async () => {
    const offered = async (name: string, role: 'coder' | 'viewer') => {
      await signInAs(page.context(), server, name, role);
      await page.goto(`${server.url}/#/p/${project}/code/${code}`);
      // A fresh load: a change of the address's # alone would keep the last person's page.
      await page.reload();
      await page.getByRole('button', { name: 'Quotes (Word)', exact: true }).waitFor();
      // The role comes with the project list: once nothing is loading, the page shows what it will.
      await page.waitForLoadState('networkidle');
      return page.getByRole('button', { name: 'Find more like this', exact: true }).count();
    };
    expect(await offered('cora', 'coder')).toBe(1);
    expect(await offered('vera', 'viewer')).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
