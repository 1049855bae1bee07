/**
 * The command topic: every accepted statement that changes the engine (DDL, persistent queries,
 * TERMINATE, types) is appended here, with the properties it ran with and, for queries, the id
 * and plan it was given. Replaying it on start rebuilds the metastore and restarts the queries;
 * a running engine keeps reading it, so statements another process records reach it too.
 */
import type { Log } from '../log/log.js';

export const COMMAND_TOPIC = '_confluent-ksql-default__command_topic';

export interface Command {
  readonly v: 1;
  readonly statement: string;
  /** SET properties in force when the statement ran. */
  readonly properties: Readonly<Record<string, string>>;
  /** For CSAS/CTAS/INSERT INTO: the query's id and its plan (plan-codec JSON). */
  readonly queryId?: string;
  readonly plan?: string;
}

export async function ensureCommandTopic(log: Log): Promise<void> {
  await log.createTopic(COMMAND_TOPIC, {
    // No replication factor: the log's default (Kafka: the broker's default.replication.factor),
    // so that on a replicated cluster the service survives losing a broker.
    partitions: 1,
    config: { 'cleanup.policy': 'delete' },
  });
}

/** The commands from `offset` on, with the offset to read from next. */
export async function readCommandsFrom(
  log: Log,
  offset: number,
): Promise<{ commands: { offset: number; command: Command }[]; next: number }> {
  const commands: { offset: number; command: Command }[] = [];
  let next = Math.max(offset, (await log.startOffsets(COMMAND_TOPIC))[0] ?? 0);
  for (;;) {
    const batch = await log.read(COMMAND_TOPIC, 0, next, 1000);
    if (batch.length === 0) break;
    for (const r of batch) {
      if (r.value) {
        commands.push({
          offset: r.offset,
          command: JSON.parse(r.value.toString('utf8')) as Command,
        });
      }
    }
    next = batch[batch.length - 1]!.offset + 1;
  }
  return { commands, next };
}

/** Appends a command; resolves to its offset. */
export async function appendCommand(log: Log, command: Command): Promise<number> {
  const [at] = await log.append(COMMAND_TOPIC, [
    { key: null, value: Buffer.from(JSON.stringify(command)), timestamp: Date.now(), partition: 0 },
  ]);
  return at!.offset;
}
