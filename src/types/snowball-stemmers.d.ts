/** Types of `snowball-stemmers` (a JavaScript port of the Snowball stemmers), which ships none. */
declare module 'snowball-stemmers' {
  export interface Stemmer {
    /** The stem of one lower-case word. */
    stem(word: string): string;
  }
  export function newStemmer(algorithm: string): Stemmer;
  export function algorithms(): string[];
  const snowball: { newStemmer: typeof newStemmer; algorithms: typeof algorithms };
  export default snowball;
}
