import { execFileSync } from 'node:child_process';

/** The CLI end-to-end tests run the built `bin/koda.js`, so build once before all tests. */
export default function setup() {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
