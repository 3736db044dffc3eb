import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';

/**
 * ASVS V2.1.7: a password found in breach lists, or as easy to guess as one, is refused. zxcvbn
 * (Dropbox's estimator, in its maintained TypeScript port) matches the password against its list
 * of the passwords most common in breaches, keyboard walks, repeats and dates; it scores 0–4 by
 * the guesses an attacker needs. 3 is "safely unguessable" against an online attack slowed as
 * Koda slows sign-ins.
 */
const estimator = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
const LEAST_SCORE = 3;
// The estimate costs time growing with length; beyond this many characters a password has
// no reason to be guessable that its first ones do not show.
const ESTIMATED_CHARACTERS = 64;

/** Whether `pw` is a common or easily guessed password. */
export function isGuessable(pw: string): boolean {
  return estimator.check([...pw].slice(0, ESTIMATED_CHARACTERS).join('')).score < LEAST_SCORE;
}

/** ASVS V2.1.1/V2.1.2/V2.1.7: 12 to 1024 characters, any characters, no composition rules, not guessable. */
export const password = z
  .string()
  .refine((pw) => [...pw].length >= 12 && pw.length <= 1024, { params: { koda: 'account.password-length' }, abort: true })
  .refine((pw) => !isGuessable(pw), { params: { koda: 'account.password-guessable' } });
