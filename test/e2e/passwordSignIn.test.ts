import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/commands/accounts/addAccount.js';
import { createProject } from '../../src/commands/createProject.js';
import { hasChromium, launchBrowser, newPage, SKIP_REASON, startServer } from './browser.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
const PASSWORD = 'ett långt lösenord för Anna';

describe.skipIf(!hasChromium)('accounts mode in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer(async (ctx) => {
      const anna = await addAccount(ctx, { name: 'Anna', password: PASSWORD });
      await createProject({ ...ctx, actor: anna.name, account: anna }, { name: 'Omega' });
    });
  });
  afterEach(() => server.close());

  it('signs in with name and password, after saying no to a wrong one', async () => {
    const { context, page } = await newPage(browser, 'sv', { signIn: false });
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Vem kodar?' }).count()).toBe(0);
    await page.getByRole('textbox', { name: 'Användarnamn' }).fill('Anna');
    await page.getByLabel('Lösenord').fill('fel lösenord igen och igen');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('link', { name: 'Omega' }).count()).toBe(0);
    await page.getByLabel('Lösenord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByTestId('coder').getByText('Anna').waitFor();
    await page.getByRole('link', { name: 'Omega' }).waitFor();
    await page.reload();
    await page.getByTestId('coder').getByText('Anna').waitFor();
    await context.close();
  });
});

if (!hasChromium) describe('accounts mode in the browser', () => it.skip(SKIP_REASON, () => {}));
