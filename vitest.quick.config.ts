import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * `npm run test:quick`, for the edit–test loop: everything but the slowest two kinds, the browser
 * tests (test/e2e, Chromium) and LibreOffice opening the reports and spreadsheets Koda writes.
 * `npm test` runs them all.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, 'test/e2e/**'],
      env: { KODA_TEST_OFFICE: 'skip' },
    },
  }),
);
