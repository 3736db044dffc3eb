/** One server-sent event as a browser's EventSource hands it over. */
export interface SseEvent {
  type: string;
  /** Parsed JSON, read freely by the tests. */
  data: any;
}

/**
 * A client of a project's live updates over real HTTP, as a browser's EventSource: it keeps every
 * event in order, tells each to `onEvent`, and waits for the one a test expects.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  /** Settles when the stream ends, by the server or by `close`. */
  ended: Promise<void> = Promise.resolve();
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly onEvent: (event: SseEvent) => void,
  ) {}

  /** Connects and returns once the server said it is connected. */
  static async open(
    url: string,
    onEvent: (event: SseEvent) => void = () => {},
    headers: Record<string, string> = {},
  ): Promise<SseClient> {
    const res = await fetch(url, { headers });
    if (!res.ok || !res.body) throw new Error(`events stream answered ${res.status}`);
    const client = new SseClient(res.body.getReader(), onEvent);
    const first = new TextDecoder().decode((await client.reader.read()).value);
    if (!first.startsWith(': connected')) throw new Error(`unexpected start of stream: ${first}`);
    client.ended = client.pump(first.slice(first.indexOf('\n\n') + 2));
    return client;
  }

  private async pump(start: string) {
    const decoder = new TextDecoder();
    let buffer = start;
    for (;;) {
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() as string;
      for (const block of blocks) this.take(block);
      const { value, done } = await this.reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
    }
  }

  private take(block: string) {
    const lines = block.split('\n');
    const type = lines.find((l) => l.startsWith('event: '))?.slice('event: '.length);
    const data = lines.find((l) => l.startsWith('data: '))?.slice('data: '.length);
    if (!type || data === undefined) return; // a comment (": ping")
    const event = { type, data: JSON.parse(data) };
    this.events.push(event);
    this.onEvent(event);
    for (const wake of this.waiters) wake();
  }

  /** The events of one type, in the order they came. */
  of(type: string): SseEvent[] {
    return this.events.filter((e) => e.type === type);
  }

  /** Resolves when `ready` holds of the events so far; fails after `withinMs` (generous: not a speed test). */
  until(ready: (events: SseEvent[]) => boolean, withinMs = 10_000): Promise<void> {
    if (ready(this.events)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no such event within ${withinMs} ms; got ${JSON.stringify(this.events.map((e) => e.type))}`));
      }, withinMs);
      const check = () => {
        if (!ready(this.events)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  close(): Promise<void> {
    return this.reader.cancel().catch(() => {});
  }
}
