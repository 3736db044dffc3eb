import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { hasChromium, launchBrowser, newPage, SKIP_REASON, startServer } from './browser.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;

describe.skipIf(!hasChromium)('local mode in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer(async (ctx) => {
      await createProject(ctx, { name: 'Omega' });
    });
  });
  afterEach(() => server.close());

  it('asks the name once, shows it as the coder, and remembers it across a reload', async () => {
    const { context, page } = await newPage(browser, 'sv', { signIn: false });
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Vem kodar?' }).waitFor();
    await page.getByRole('textbox', { name: 'Ditt namn' }).fill('Zozan');
    await page.getByRole('button', { name: 'Börja' }).click();
    await page.getByTestId('coder').getByText('Zozan').waitFor();
    await page.getByRole('link', { name: 'Omega' }).waitFor();
    await page.reload();
    await page.getByTestId('coder').getByText('Zozan').waitFor();
    expect(await page.getByRole('heading', { name: 'Vem kodar?' }).count()).toBe(0);
    const account = await server.store.db.selectFrom('accounts').select(['name', 'kind']).execute();
    expect(account).toEqual([{ name: 'Zozan', kind: 'local' }]);
    await context.close();
  });
});

if (!hasChromium) describe('local mode in the browser', () => it.skip(SKIP_REASON, () => {}));
