import { KodaError } from '../../src/core/errors.js';

/** The KodaError thrown by `run`; fails the test if it throws anything else or nothing. */
export function kodaErrorOf(run: () => unknown): KodaError {
  try {
    run();
  } catch (e) {
    if (e instanceof KodaError) return e;
    throw new Error(`expected a KodaError, got ${String(e)}`);
  }
  throw new Error('expected a KodaError, nothing was thrown');
}
