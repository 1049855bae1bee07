/**
 * Keeps persistent queries running while the prompt waits for input, so CREATE … AS SELECT
 * results appear without a statement to drive them. Paused while a statement runs (statements
 * drive the queries themselves), and reports when a pass takes long (catching up a backlog).
 * Between passes it takes up the statements other processes recorded in the command topic.
 */
import type { Engine } from '../../../engine/engine.js';

export interface BackgroundProgress {
  /** When the current pass over the queries started; undefined when idle. */
  readonly since: number | undefined;
  readonly queries: number;
}

export class BackgroundQueries {
  private loop: Promise<void> | undefined;
  private stopRequested = false;
  private wake: (() => void) | undefined;
  private passStarted: number | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly onChange: () => void,
    private readonly onError: (error: unknown) => void,
    private readonly idleWaitMs = 200,
  ) {}

  get progress(): BackgroundProgress {
    return { since: this.passStarted, queries: this.engine.queries.size };
  }

  resume(): void {
    if (this.loop) return;
    this.stopRequested = false;
    this.loop = this.run().finally(() => {
      this.loop = undefined;
    });
  }

  /** Stops between passes; resolves once no query is being driven. */
  async pause(): Promise<void> {
    this.stopRequested = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopRequested) {
      try {
        // Statements other processes of the service recorded meanwhile (on a shared Kafka).
        if ((await this.engine.applyNewCommands()) > 0) this.onChange();
      } catch (err) {
        this.onError(err);
      }
      if (this.engine.queries.size > 0) {
        this.passStarted = Date.now();
        this.onChange();
        try {
          await this.engine.drain();
        } catch (err) {
          this.onError(err);
        } finally {
          this.passStarted = undefined;
          this.onChange();
        }
      }
      if (this.stopRequested) return;
      await this.idle();
    }
  }

  /** Waits for records on any source topic, for a while, or until paused. */
  private async idle(): Promise<void> {
    const topics = [...new Set(this.engine.metastore.allSources().map((s) => s.topic))];
    const woken = new Promise<void>((resolve) => (this.wake = resolve));
    await Promise.race([this.engine.log.waitForRecords(topics, this.idleWaitMs), woken]);
    this.wake = undefined;
    // A log that answers at once (closed, or busy topics) must not keep the event loop to itself.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
