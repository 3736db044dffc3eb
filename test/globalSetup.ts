import { execFileSync } from 'node:child_process';

/** The CLI end-to-end tests run the built `bin/koda.js`, and the browser tests the built UI: build once before all tests. */
export default function setup() {
  // Transpile only: type errors are `npm run typecheck`'s to report, not a reason to skip tests.
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--noCheck'], { stdio: 'inherit' });
  // The browser tests (test/e2e) drive the built workbench UI in web/dist.
  // NODE_ENV is 'test' under Vitest; the UI is built as it ships (React's production build).
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
