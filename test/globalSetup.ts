import { execFileSync } from 'node:child_process';

/** The CLI end-to-end tests run the built `bin/koda.js`, so build once before all tests. */
export default function setup() {
  // Transpile only: type errors are `npm run typecheck`'s to report, not a reason to skip tests.
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--noCheck'], { stdio: 'inherit' });
}
