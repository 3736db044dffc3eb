import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../reliability/server.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koda-stop-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('koda serve stopping', () => {
  it('stops on SIGTERM even while a request is under way, once the grace period is over', async () => {
    const port = await freePort();
    const { KODA_DATABASE_URL: _database, ...env } = process.env;
    const args = ['bin/koda.js', '--data', join(dir, 'data'), 'serve', '--port', String(port), '--no-demo', '--stop-grace', '1'];
    const child = spawn(process.execPath, args, { env: { ...env, KODA_LANG: 'en' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    child.stdout.on('data', (d: Buffer) => {
      printed += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 600 && !printed.includes('Koda is running at'); i++) await sleep(100);
      expect(printed).toContain('Koda is running at');
      // A same-site upload whose body never finishes: the server is waiting for it when told to stop.
      const socket = connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.on('error', () => {});
      socket.write(
        `POST /api/session/local HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nx-koda-csrf: 1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"name":`,
      );
      await sleep(300);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await closed;
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});
