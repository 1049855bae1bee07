/**
 * How long a store file may be behind and still catch up from its checkpoint: on Kafka, half the
 * changelog's `delete.retention.ms` (the broker's 24 h default when the topic sets none); on the
 * embedded log, which does not compact, without limit.
 */
import { describe, expect, it } from 'vitest';
import type { Log, TopicInfo } from '../../../src/log/log.js';
import { catchUpWindowMs } from '../../../src/runtime/state/tombstone-retention.js';

function logWith(backend: Log['backend'], config: Record<string, string>): Log {
  const info: TopicInfo = { name: 'c', partitions: 1, replicas: 1, config };
  const stub: Pick<Log, 'backend' | 'describeTopic'> = {
    backend,
    describeTopic: () => Promise.resolve(info),
  };
  return stub as Log;
}

describe('catchUpWindowMs', () => {
  it('is half the changelog’s delete.retention.ms on Kafka', async () => {
    expect(await catchUpWindowMs(logWith('kafka', { 'delete.retention.ms': '60000' }), 'c')).toBe(
      30_000,
    );
  });

  it('assumes the broker’s default when the changelog sets none', async () => {
    expect(await catchUpWindowMs(logWith('kafka', {}), 'c')).toBe(12 * 60 * 60 * 1000);
  });

  it('has no limit on the embedded log', async () => {
    expect(await catchUpWindowMs(logWith('embedded', {}), 'c')).toBeUndefined();
  });
});
