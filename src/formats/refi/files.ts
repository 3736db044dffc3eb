/**
 * The files of a .qdpx archive, found the way exporters actually name them: `internal://x.txt`
 * as the standard says, a bare `x.txt` (qc), `Sources/X.TXT` in another case (ATLAS.ti's own
 * example). Paths to files outside the archive (`relative://`, `absolute://`) are not looked up.
 */
export interface FoundFile {
  entry: string;
  bytes: Uint8Array;
}

export class ArchiveFiles {
  private readonly byLower = new Map<string, string>();
  private readonly used = new Set<string>();

  constructor(private readonly entries: Map<string, Uint8Array>) {
    for (const name of entries.keys()) this.byLower.set(name.normalize('NFC').toLowerCase(), name);
  }

  /** True for paths naming a file outside the archive. */
  static isExternal(path: string): boolean {
    return /^(relative|absolute|file|https?):\/\//i.test(path.trim());
  }

  /** The file a source path names, or null. */
  resolve(path: string): FoundFile | null {
    const raw = path.trim();
    if (raw === '' || ArchiveFiles.isExternal(raw)) return null;
    const rel = raw.replace(/^internal:\/\//i, '').replace(/^\/+/, '');
    if (rel.split('/').includes('..')) return null;
    const candidates = [`sources/${rel}`, rel];
    for (const c of candidates) {
      const name = this.byLower.get(c.normalize('NFC').toLowerCase());
      if (name) return this.take(name);
    }
    // A path with a folder the exporter made up: match the file name alone, if it is unique.
    const base = (rel.split('/').pop() ?? '').normalize('NFC').toLowerCase();
    const matches = [...this.byLower.entries()].filter(([lower]) => lower.split('/').pop() === base);
    return matches.length === 1 ? this.take((matches[0] as [string, string])[1]) : null;
  }

  /** A Koda export's original beside its text: `sources/<stem>.original.<ext>`. */
  original(textEntry: string): FoundFile | null {
    const stem = textEntry.replace(/\.[^./]*$/, '').toLowerCase();
    for (const [lower, name] of this.byLower) {
      if (lower.startsWith(`${stem}.original.`) && !lower.slice(stem.length + 10).includes('/')) return this.take(name);
    }
    return null;
  }

  private take(name: string): FoundFile {
    this.used.add(name);
    return { entry: name, bytes: this.entries.get(name) as Uint8Array };
  }

  /** Files nothing referred to, hidden files (`.root`) and the project file left out. */
  unused(skip: string): string[] {
    return [...this.entries.keys()].filter((n) => n !== skip && !this.used.has(n) && !(n.split('/').pop() ?? '').startsWith('.'));
  }
}
