import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import { scratchDir } from './helpers.js';

describe('data directory lock', () => {
  it('refuses a second open of the same directory, naming it and the holder', async () => {
    const dir = scratchDir();
    const log = await openEmbeddedLog(dir, { fsync: 'never' });
    expect(fs.readFileSync(path.join(dir, 'LOCK'), 'utf8').trim()).toBe(String(process.pid));
    const second = openEmbeddedLog(dir, { fsync: 'never' });
    await expect(second).rejects.toThrow(dir);
    await expect(openEmbeddedLog(dir)).rejects.toThrow(/already open by this process/);
    await log.close();
    expect(fs.existsSync(path.join(dir, 'LOCK'))).toBe(false);
    const again = await openEmbeddedLog(dir, { fsync: 'never' });
    await again.close();
  });

  it('names another live process holding the lock', async () => {
    const dir = scratchDir();
    const holder = process.ppid;
    fs.writeFileSync(path.join(dir, 'LOCK'), `${holder}\n`);
    await expect(openEmbeddedLog(dir)).rejects.toThrow(`already open by process ${holder}`);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = scratchDir();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.writeFileSync(path.join(dir, 'LOCK'), `${gone}\n`);
    const log = await openEmbeddedLog(dir, { fsync: 'never' });
    expect(fs.readFileSync(path.join(dir, 'LOCK'), 'utf8').trim()).toBe(String(process.pid));
    await log.close();
  });
});
