import type { Session } from './session.js';

/** Turns a session action into a commander action (see session.ts withSession). */
export type Wire = (action: (s: Session, ...args: any[]) => Promise<void>) => (...args: any[]) => Promise<void>;
