import { CodePointIndex } from '../../core/text/codePoints.js';

/** Texts longer than this (code points) are not kept: each would crowd out the rest. */
export const LONGEST_KEPT_TEXT = 2_000_000;

/** How many UTF-16 units all kept texts may hold together (4–8 MB). */
const KEPT_UNITS = 4_000_000;

/**
 * Source texts recently cut from, by their content hash (`sources.text_hash`, sha256 of the
 * text). A save cuts its quote and context out of the source's text: in the database each cut
 * reads the whole text (substr counts code points from the start), 1.8 ms of a coding's 7 ms in a
 * 1,000,000-character transcript (issue 17). Kept by content, an entry can never be stale: an
 * edited, pseudonymised or withdrawn text has another hash, and its old entry is only dropped
 * when room is needed. The least recently cut text goes first.
 */
class RecentTexts {
  private readonly kept = new Map<string, CodePointIndex>();
  private units = 0;

  /** The text whose hash is `hash`, if kept; it becomes the most recently used. */
  get(hash: string): CodePointIndex | undefined {
    const found = this.kept.get(hash);
    if (found) {
      this.kept.delete(hash);
      this.kept.set(hash, found);
    }
    return found;
  }

  /** Keeps `text` under `hash` (the caller read both from one row, and only texts up to LONGEST_KEPT_TEXT). */
  remember(hash: string, text: string): CodePointIndex {
    const index = new CodePointIndex(text);
    if (this.kept.has(hash)) return index;
    this.kept.set(hash, index);
    this.units += text.length;
    for (const [oldest, old] of this.kept) {
      if (this.units <= KEPT_UNITS) break;
      this.kept.delete(oldest);
      this.units -= old.text.length;
    }
    return index;
  }

  /** Drops every kept text: after an erasure (leaveNoCopies.ts), no erased words stay in memory here. */
  clear(): void {
    this.kept.clear();
    this.units = 0;
  }
}

export const recentTexts = new RecentTexts();
