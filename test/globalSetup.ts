import { execFileSync } from 'node:child_process';

/**
 * The CLI end-to-end tests run the built `bin/koda.js`, and the browser tests the built UI in
 * web/dist: build what changed since the last build before all tests. Transpile only: type
 * errors are `npm run typecheck`'s to report, not a reason to skip tests.
 */
export default function setup() {
  execFileSync('node', ['scripts/build.js', '--no-check'], { stdio: 'inherit' });
}
