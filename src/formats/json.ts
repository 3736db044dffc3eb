import { invalid } from '../core/errors.js';

/** A JSON file's value; anything JSON.parse refuses is one line, `import.json`. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalid('import.json', { file });
  }
}
