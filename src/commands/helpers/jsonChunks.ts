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
