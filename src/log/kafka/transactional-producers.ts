/**
 * The transactional producers of a Kafka Log, one per transactional id, all on the shared
 * cluster. A task's transactions (its output records with its input offset, see
 * `kafka-transaction.ts`) use an id made from its consumer group and input partition, so that
 * whichever process takes the task over next fences this one (Kafka Streams' `exactly_once`
 * before KIP-447). Other transactions take one of a few ids of this process. Work on one id is
 * serialized; a producer that failed (other than transiently, its transaction aborted) is
 * dropped, and the next use initializes the id again, which aborts whatever transaction the
 * failed one left open.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Producer, Transaction } from 'kafkajs';
import { isTransient } from './kafka-errors.js';
import { type ClusterHandle, producerOn } from './kafkajs-internals.js';

export interface TransactionalProducerOptions {
  /** Prefix of every transactional id (the service id). */
  readonly prefix: string;
  /** Transactions still open after this long are aborted by the broker (default 30 s). */
  readonly transactionTimeoutMs?: number;
  /** How many transactions not tied to a task may run at once (default 4). */
  readonly sharedSlots?: number;
}

/** Work to do in one transaction on a producer initialized for its id; it ends the transaction. */
export type TransactionWork<T> = (txn: Transaction, id: string) => Promise<T>;

const MAX_ID_LENGTH = 200;
/** Retries of a send within a transaction, long enough for a leader to move. */
const SEND_RETRY = { retries: 12, initialRetryTime: 100, maxRetryTime: 2000 };

export class TransactionalProducers {
  private readonly producers = new Map<string, Promise<Producer>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly instance = randomUUID();
  private readonly freeShared: string[] = [];
  private readonly sharedWaiters: ((id: string) => void)[] = [];
  private closed = false;

  constructor(
    private readonly handle: ClusterHandle,
    private readonly options: TransactionalProducerOptions,
  ) {
    const slots = options.sharedSlots ?? 4;
    for (let i = 0; i < slots; i++) this.freeShared.push(`${options.prefix}-${this.instance}-${i}`);
  }

  /** The transactional id of the task that reads `topic`/`partition` for `group`. */
  taskId(group: string, topic: string, partition: number): string {
    const id = `${this.options.prefix}-${group}-${topic}-${partition}`;
    if (id.length <= MAX_ID_LENGTH) return id;
    const digest = createHash('sha256').update(id).digest('hex').slice(0, 32);
    return `${id.slice(0, MAX_ID_LENGTH - 33)}-${digest}`;
  }

  /** Runs `work` in a transaction of the given id, after that id's earlier work. */
  run<T>(id: string, work: TransactionWork<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.runNow(id, work));
    this.queues.set(id, next);
    const forget = () => {
      if (this.queues.get(id) === next) this.queues.delete(id);
    };
    next.then(forget, forget);
    return next;
  }

  /** Runs `work` in a transaction of one of this process's own ids. */
  async runShared<T>(work: TransactionWork<T>): Promise<T> {
    const id =
      this.freeShared.pop() ??
      (await new Promise<string>((resolve) => this.sharedWaiters.push(resolve)));
    try {
      return await this.run(id, work);
    } finally {
      const waiter = this.sharedWaiters.shift();
      if (waiter) waiter(id);
      else this.freeShared.push(id);
    }
  }

  /**
   * Initializes the id now (fencing any other producer of it and settling the transaction it
   * left), unless this process already holds it.
   */
  async claim(id: string): Promise<void> {
    await this.run(id, (txn) => txn.abort());
  }

  /** Whether this process holds a producer of the id (it need not initialize the id again). */
  holds(id: string): boolean {
    return this.producers.has(id);
  }

  /** Drops the producer of an id; the next use initializes the id again. */
  discard(id: string): void {
    this.producers.delete(id);
  }

  /** Whether the error says another producer of the same id took over (fenced this one). */
  static isFenced(err: unknown): boolean {
    const code = (err as { code?: unknown } | null)?.code;
    const type = (err as { type?: unknown } | null)?.type;
    return code === 47 || code === 90 || type === 'INVALID_PRODUCER_EPOCH';
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.queues.values()]);
    this.producers.clear();
  }

  private async runNow<T>(id: string, work: TransactionWork<T>): Promise<T> {
    const producer = await this.producerFor(id);
    let txn: Transaction | undefined;
    try {
      txn = await producer.transaction();
      const result = await work(txn, id);
      if (txn.isActive()) throw new Error('a transaction was left open by its work');
      return result;
    } catch (err) {
      const ended = txn?.isActive()
        ? await txn.abort().then(
            () => true,
            () => false,
          )
        : true;
      // A producer whose transaction ended after a transient failure keeps its epoch, so that a
      // retry of a task's transaction cannot fence a process that took the task over meanwhile.
      if (!ended || !isTransient(err)) this.discard(id);
      throw err;
    }
  }

  private producerFor(id: string): Promise<Producer> {
    if (this.closed) return Promise.reject(new Error('the Kafka log is closed'));
    let producer = this.producers.get(id);
    if (!producer) {
      producer = this.create(id);
      this.producers.set(id, producer);
      producer.catch(() => {
        if (this.producers.get(id) === producer) this.producers.delete(id);
      });
    }
    return producer;
  }

  private async create(id: string): Promise<Producer> {
    // Not `idempotent`: that would also fetch a producer id for sends outside transactions,
    // which these producers never make; their transactions are idempotent all the same.
    const producer = producerOn(this.handle, {
      idempotent: false,
      retry: SEND_RETRY,
      transactionalId: id,
      transactionTimeout: this.options.transactionTimeoutMs ?? 30_000,
    });
    await producer.connect();
    // Starting and ending an empty transaction initializes the id (InitProducerId) at once.
    const txn = await producer.transaction();
    await txn.abort();
    return producer;
  }
}
