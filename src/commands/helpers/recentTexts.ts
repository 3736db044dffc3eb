import { CodePointIndex } from '../../core/text/codePoints.js';

/** Texts longer than this (code points) are not kept: each would crowd out the rest. */
export const LONGEST_KEPT_TEXT = 2_000_000;

/** How many UTF-16 units all kept texts may hold together (4–8 MB). */
const KEPT_UNITS = 4_000_000;

/**
 * How many sources cut once (and not kept) are remembered, to keep their text on the second cut:
 * the most recent few only. A source cut again only after many others would have left the kept
 * texts again before its next cut (they hold some 50 interviews), its whole text read for nothing.
 */
const CUT_ONCE_SOURCES = 16;

/** A source's text as it was when kept, and its content hash (`sources.text_hash`). */
export interface KeptText {
  hash: string;
  index: CodePointIndex;
}

/**
 * Source texts recently cut from, by source. A save cuts its quote and context out of the
 * source's text: in the database each cut reads the whole text (substr counts code points from
 * the start), 1.8 ms of a coding's 7 ms in a 1,000,000-character transcript (issue 17). A kept
 * text is used only while the stored hash is still its hash (anchor.ts asks the database in the
 * statement that would otherwise cut): an edited, pseudonymised or withdrawn text has another.
 * The least recently cut text goes first. A text is read whole and kept on its second cut only:
 * one coding in each of many documents (from a retrieval list or search hits) cuts each by the
 * database, rather than reading every text to keep it for nothing.
 */
class RecentTexts {
  private readonly kept = new Map<string, KeptText>();
  private readonly cutOnce = new Set<string>();
  private units = 0;

  /** The text kept for source `sourceId`, whatever its hash; it becomes the most recently used. */
  get(sourceId: string): KeptText | undefined {
    const found = this.kept.get(sourceId);
    if (found) {
      this.kept.delete(sourceId);
      this.kept.set(sourceId, found);
    }
    return found;
  }

  /**
   * Whether source `sourceId`'s text is worth reading whole to keep: true when a text of it is
   * kept (it may be an older one) or it was cut once among the last CUT_ONCE_SOURCES sources so
   * cut, false otherwise.
   */
  worthKeeping(sourceId: string): boolean {
    if (this.kept.has(sourceId) || this.cutOnce.delete(sourceId)) return true;
    this.cutOnce.add(sourceId);
    if (this.cutOnce.size > CUT_ONCE_SOURCES) this.cutOnce.delete(this.cutOnce.values().next().value as string);
    return false;
  }

  /** Keeps `text`, whose hash is `hash`, for source `sourceId` (only texts up to LONGEST_KEPT_TEXT). */
  remember(sourceId: string, hash: string, text: string): CodePointIndex {
    const index = new CodePointIndex(text);
    this.forget(sourceId);
    this.kept.set(sourceId, { hash, index });
    this.units += text.length;
    for (const [oldest] of this.kept) {
      if (this.units <= KEPT_UNITS) break;
      this.forget(oldest);
    }
    return index;
  }

  private forget(sourceId: string): void {
    const old = this.kept.get(sourceId);
    if (!old) return;
    this.kept.delete(sourceId);
    this.units -= old.index.text.length;
  }

  /** Drops every kept text: after an erasure (leaveNoCopies.ts), no erased words stay in memory here. */
  clear(): void {
    this.kept.clear();
    this.cutOnce.clear();
    this.units = 0;
  }
}

export const recentTexts = new RecentTexts();
