import { yieldToEventLoop } from '../../store/eventLoop.js';

/** Items serialised per chunk: about half a megabyte of segments, a few milliseconds' work. */
const ITEMS_PER_CHUNK = 1_000;

/**
 * A JSON array written a chunk at a time with a turn of the event loop between chunks: the text
 * of `JSON.stringify(items)`, without holding the server for the second that 200,000 segments
 * (95 MB) take to write in one go (issue 13). `perChunk` is for tests.
 */
export async function* jsonArrayChunks(items: readonly unknown[], perChunk = ITEMS_PER_CHUNK): AsyncGenerator<string> {
  if (items.length === 0) yield '[]';
  for (let i = 0; i < items.length; i += perChunk) {
    if (i > 0) await yieldToEventLoop();
    // As in JSON.stringify of an array, an item with no JSON form (undefined, a function) is null.
    const part = items.slice(i, i + perChunk).map((item) => JSON.stringify(item) ?? 'null');
    yield `${i === 0 ? '[' : ','}${part.join(',')}${i + perChunk >= items.length ? ']' : ''}`;
  }
}

/**
 * An object as JSON with its long list `key` written as `jsonArrayChunks` does, after the other
 * fields: what `JSON.stringify(value)` gives when `key` is the last field (a source's turns:
 * 200,000 turns of a subtitle file are 30 MB of JSON).
 */
export async function* jsonObjectChunks<T extends object>(value: T, key: keyof T & string): AsyncGenerator<string> {
  const { [key]: list, ...rest } = value;
  const head = JSON.stringify(rest);
  yield `${head.slice(0, -1)}${head === '{}' ? '' : ','}${JSON.stringify(key)}:`;
  yield* jsonArrayChunks(list as unknown[]);
  yield '}';
}
