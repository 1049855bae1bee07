/**
 * Errors from Kafka, as the Log reports them: retrying what a leader change or a broker restart
 * makes fail for a while, and turning the rest into ExecutionErrors that say what was being done.
 */
import { ExecutionError } from '../../common/errors.js';

/** Partition error codes that mean "ask the cluster again where the partition is". */
export const LEADERSHIP_ERROR_CODES: ReadonlySet<number> = new Set([
  3, // UNKNOWN_TOPIC_OR_PARTITION (also while a new topic spreads)
  5, // LEADER_NOT_AVAILABLE
  6, // NOT_LEADER_OR_FOLLOWER
  9, // REPLICA_NOT_AVAILABLE
  13, // NETWORK_EXCEPTION
  74, // FENCED_LEADER_EPOCH
  75, // UNKNOWN_LEADER_EPOCH
]);

export const OFFSET_OUT_OF_RANGE = 1;
export const UNKNOWN_TOPIC_OR_PARTITION = 3;

/** A partition-level error of a response we decode ourselves. */
export class PartitionError extends Error {
  constructor(
    readonly code: number,
    readonly topic: string,
    readonly partition: number,
  ) {
    super(`Kafka error code ${code} for ${topic}/${partition}`);
    this.name = 'PartitionError';
  }
}

/** A failure that asking again is expected to get past (metadata that is not there yet). */
export class TransientError extends Error {
  override readonly name = 'TransientError';
}

interface KafkaJsErrorShape {
  readonly name?: string;
  readonly type?: string;
  readonly retriable?: boolean;
  readonly cause?: unknown;
  readonly message?: string;
}

function shape(err: unknown): KafkaJsErrorShape {
  return typeof err === 'object' && err !== null ? (err as KafkaJsErrorShape) : {};
}

/** The kafkajs error type (`UNKNOWN_TOPIC_OR_PARTITION`, …) of an error or of its cause. */
export function kafkaErrorType(err: unknown): string | undefined {
  const e = shape(err);
  return e.type ?? (e.cause !== undefined && e.cause !== err ? kafkaErrorType(e.cause) : undefined);
}

/**
 * Whether waiting and asking again (after refreshing metadata) may succeed: kafkajs's own rule
 * (`retriable`, true for connection failures, timeouts and leadership changes), and leadership
 * error codes in responses decoded here.
 */
export function isTransient(err: unknown): boolean {
  if (err instanceof PartitionError) return LEADERSHIP_ERROR_CODES.has(err.code);
  if (err instanceof TransientError) return true;
  const e = shape(err);
  if (e.name === 'KafkaJSNumberOfRetriesExceeded' && e.cause !== undefined) {
    return isTransient(e.cause);
  }
  return e.retriable === true && typeof e.name === 'string' && e.name.startsWith('KafkaJS');
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface RetryOptions {
  /** Give up after this long (default 60 s). */
  readonly deadlineMs?: number;
  /** Called before each new attempt, e.g. to refresh metadata; its failures are ignored. */
  readonly beforeRetry?: () => Promise<void>;
}

/**
 * Runs `attempt` until it succeeds, retrying transient failures with backoff (50 ms doubling to
 * 1 s) until the deadline. Other failures, and the last transient one, become ExecutionErrors
 * that start with `what`.
 */
export async function retrying<T>(
  what: string,
  where: ConstructorParameters<typeof ExecutionError>[1],
  attempt: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.deadlineMs ?? 60_000);
  let delay = 50;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (err instanceof ExecutionError) throw err;
      if (!isTransient(err) || Date.now() + delay > deadline) {
        throw new ExecutionError(`${what}: ${messageOf(err)}`, where);
      }
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 1000);
    if (options.beforeRetry) await options.beforeRetry().catch(() => undefined);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
