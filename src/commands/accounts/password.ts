import { z } from 'zod';

/** ASVS V2.1.1/V2.1.2: 12 to 1024 characters, any characters, no composition rules. */
export const password = z
  .string()
  .refine((pw) => [...pw].length >= 12 && pw.length <= 1024, { params: { koda: 'account.password-length' } });
