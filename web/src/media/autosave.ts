/**
 * Autosave of transcription mode, kept apart from React so its promise is testable: text the
 * server acknowledged is never lost, an edit typed while a save runs is saved after it, and a
 * failed save keeps the text and tries again, later and later. A text changed elsewhere since
 * (409) is not retried: only the person can decide whose text wins; nor is a save the server
 * refuses for good (no right to edit, the source gone), which would fail the same way again.
 */

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'retrying' | 'conflict' | 'refused';

/** What a failed save means: another text is there now, the server will not take it, or try again. */
export type SaveFailure = 'conflict' | 'refused' | 'retry';

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface AutosaveOptions {
  /** Saves `text` over the text whose hash is `baseHash`; resolves to the new hash. */
  save(text: string, baseHash: string): Promise<string>;
  failure(error: unknown): SaveFailure;
  onStatus(status: SaveStatus): void;
  timers: Timers;
  /** Quiet time after the last keystroke before a save. */
  delayMs: number;
}

/** Waits before the n-th retry (1, 2, …): 2 s, 4 s, 8 s, … up to 30 s. */
export const retryDelay = (attempt: number) => Math.min(30_000, 1000 * 2 ** attempt);

export class Autosave {
  private latest: string;
  private acknowledged: { text: string; hash: string };
  private saving = false;
  private failures = 0;
  private timer: unknown = null;
  private stopped: 'conflict' | 'refused' | null = null;

  constructor(
    text: string,
    hash: string,
    private readonly options: AutosaveOptions,
  ) {
    this.latest = text;
    this.acknowledged = { text, hash };
  }

  /** The text the server holds, as last acknowledged. */
  get saved(): string {
    return this.acknowledged.text;
  }

  get dirty(): boolean {
    return this.latest !== this.acknowledged.text;
  }

  /** The text changed: saved once typing pauses. */
  edit(text: string): void {
    this.latest = text;
    if (this.stopped) return;
    this.report();
    if (!this.saving && this.failures === 0) this.schedule(this.options.delayMs);
  }

  /** Saves now if anything is unsaved (the field lost the focus, the view is left). */
  flush(): void {
    if (this.stopped || this.saving) return;
    this.cancel();
    void this.run();
  }

  /** After a conflict the person chose to keep their text: save it over `hash`, the text there now. */
  overwrite(hash: string): void {
    this.stopped = null;
    this.acknowledged = { text: this.acknowledged.text, hash };
    this.failures = 0;
    this.flush();
  }

  dispose(): void {
    this.cancel();
  }

  private schedule(ms: number): void {
    this.cancel();
    this.timer = this.options.timers.set(() => {
      this.timer = null;
      void this.run();
    }, ms);
  }

  private cancel(): void {
    if (this.timer !== null) this.options.timers.clear(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    if (!this.dirty) return this.report();
    const text = this.latest;
    this.saving = true;
    this.options.onStatus('saving');
    try {
      const hash = await this.options.save(text, this.acknowledged.hash);
      this.acknowledged = { text, hash };
      this.failures = 0;
    } catch (error) {
      this.saving = false;
      const failure = this.options.failure(error);
      if (failure !== 'retry') {
        this.stopped = failure;
        return this.report();
      }
      this.failures++;
      this.report();
      this.schedule(retryDelay(this.failures));
      return;
    }
    this.saving = false;
    // Typed while the save ran: saved in turn.
    if (this.dirty) void this.run();
    else this.report();
  }

  private report(): void {
    const { stopped, saving, dirty, failures } = this;
    this.options.onStatus(stopped ?? (saving ? 'saving' : !dirty ? 'saved' : failures > 0 ? 'retrying' : 'unsaved'));
  }
}
