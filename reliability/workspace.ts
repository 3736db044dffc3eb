import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The suite's temporary folder: a data folder per attack and the generated files; removed at the end. */
export class Workspace {
  private counter = 0;

  private constructor(readonly root: string) {}

  static async create(): Promise<Workspace> {
    return new Workspace(await mkdtemp(join(tmpdir(), 'koda-reliability-')));
  }

  /** A new empty folder named after its use. */
  async folder(name: string): Promise<string> {
    const dir = join(this.root, `${name}-${++this.counter}`);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /** A fresh data folder holding a copy of `seed` (the store built once by the CLI). */
  async copyOf(seed: string, name: string): Promise<string> {
    const dir = join(this.root, `${name}-${++this.counter}`);
    await cp(seed, dir, { recursive: true });
    return dir;
  }

  dispose(): Promise<void> {
    return rm(this.root, { recursive: true, force: true });
  }
}
