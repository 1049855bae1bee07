/** The Log contract on the embedded log, each test in a fresh data directory. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach } from 'vitest';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import { logContract, uniqueNames } from './log-contract.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

logContract({
  name: 'embedded',
  open: () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamsql-contract-'));
    made.push(dir);
    return openEmbeddedLog(dir, { fsync: 'never' });
  },
  unique: uniqueNames(),
});
