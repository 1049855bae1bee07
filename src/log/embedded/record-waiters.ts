/**
 * Sleepers of `waitForRecords`: each waits on a set of topics until a commit touches one of them,
 * its timeout passes, or the log closes.
 */

interface Waiter {
  readonly topics: readonly string[];
  readonly resolve: () => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class RecordWaiters {
  private readonly byTopic = new Map<string, Set<Waiter>>();

  wait(topics: readonly string[], timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter: Waiter = { topics, resolve, timer: undefined };
      for (const topic of topics) {
        let set = this.byTopic.get(topic);
        if (!set) this.byTopic.set(topic, (set = new Set()));
        set.add(waiter);
      }
      waiter.timer = setTimeout(() => this.wake(waiter), Math.max(0, timeoutMs));
    });
  }

  /** Wakes whoever waits on any of `topics`. */
  notify(topics: Iterable<string>): void {
    for (const topic of topics) {
      const set = this.byTopic.get(topic);
      if (set) for (const waiter of [...set]) this.wake(waiter);
    }
  }

  wakeAll(): void {
    for (const set of [...this.byTopic.values()]) for (const waiter of [...set]) this.wake(waiter);
  }

  private wake(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    for (const topic of waiter.topics) {
      const set = this.byTopic.get(topic);
      if (!set) continue;
      set.delete(waiter);
      if (set.size === 0) this.byTopic.delete(topic);
    }
    waiter.resolve();
  }
}
