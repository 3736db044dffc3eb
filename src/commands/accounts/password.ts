import { createRequire } from 'node:module';
import type * as ZxcvbnCore from '@zxcvbn-ts/core';
import type * as ZxcvbnCommon from '@zxcvbn-ts/language-common';
import { z } from 'zod';

const require = createRequire(import.meta.url);
let estimator: ZxcvbnCore.ZxcvbnFactory | undefined;

/**
 * ASVS V2.1.7: a password found in breach lists, or as easy to guess as one, is refused. zxcvbn
 * (Dropbox's estimator, in its maintained TypeScript port) matches the password against its list
 * of the passwords most common in breaches, keyboard walks, repeats and dates; it scores 0–4 by
 * the guesses an attacker needs. 3 is "safely unguessable" against an online attack slowed as
 * Koda slows sign-ins. Built on the first password checked: its dictionaries took about 6 MiB of heap
 * that the server carried from its start though few ever set a password (issue 17 item 3);
 * required, so that the check stays synchronous (a zod refinement).
 */
function passwordEstimator(): ZxcvbnCore.ZxcvbnFactory {
  if (!estimator) {
    const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as typeof ZxcvbnCore;
    const { dictionary, adjacencyGraphs } = require('@zxcvbn-ts/language-common') as typeof ZxcvbnCommon;
    estimator = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  }
  return estimator;
}
const LEAST_SCORE = 3;
// The estimate costs time growing with length; beyond this many characters a password has
// no reason to be guessable that its first ones do not show.
const ESTIMATED_CHARACTERS = 64;

/** Whether `pw` is a common or easily guessed password. */
export function isGuessable(pw: string): boolean {
  return passwordEstimator().check([...pw].slice(0, ESTIMATED_CHARACTERS).join('')).score < LEAST_SCORE;
}

/** ASVS V2.1.1/V2.1.2/V2.1.7: 12 to 1024 characters, any characters, no composition rules, not guessable. */
export const password = z
  .string()
  .refine((pw) => [...pw].length >= 12 && pw.length <= 1024, { params: { koda: 'account.password-length' }, abort: true })
  .refine((pw) => !isGuessable(pw), { params: { koda: 'account.password-guessable' } });
