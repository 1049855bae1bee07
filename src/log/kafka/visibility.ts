/**
 * Read-your-writes on Kafka. A transaction's commit returns before the broker has written its
 * markers, and until then `read_committed` readers do not see its records. The Log notes, per
 * partition, the last stable offset its own writes need, and reads wait (briefly) for it. A
 * partition held back longer (by another producer's open transaction) is not waited for again.
 */
import { sleep } from './kafka-errors.js';
import { partitionKey } from './messages.js';

/** How long reads wait for this process's own committed writes to become visible. */
const WAIT_LIMIT_MS = 10_000;

interface Need {
  readonly end: number;
  /** When a look first found the partition short of `end`. */
  since?: number;
}

export class Visibility {
  private readonly needed = new Map<string, Need>();

  /** Records up to `endExclusive` were committed by this process. */
  expect(topic: string, partition: number, endExclusive: number): void {
    const key = partitionKey(topic, partition);
    if ((this.needed.get(key)?.end ?? -1) < endExclusive)
      this.needed.set(key, { end: endExclusive });
  }

  /** Whether a partition whose last stable offset is `lso` shows all of this process's writes. */
  shows(topic: string, partition: number, lso: number): boolean {
    const key = partitionKey(topic, partition);
    const need = this.needed.get(key);
    if (need === undefined) return true;
    const now = Date.now();
    if (lso >= need.end || (need.since !== undefined && now - need.since > WAIT_LIMIT_MS)) {
      this.needed.delete(key);
      return true;
    }
    need.since ??= now;
    return false;
  }

  /** Runs `look` until what it sees passes `visible`, a little longer apart each time. */
  async until<T>(look: () => Promise<T>, visible: (seen: T) => boolean): Promise<T> {
    let delay = 2;
    for (;;) {
      const seen = await look();
      if (visible(seen)) return seen;
      await sleep(delay);
      delay = Math.min(delay * 2, 100);
    }
  }

  forget(topic: string): void {
    const prefix = partitionKey(topic, 0).slice(0, -1);
    for (const key of [...this.needed.keys()]) if (key.startsWith(prefix)) this.needed.delete(key);
  }
}
