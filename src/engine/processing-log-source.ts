/** Declares KSQL_PROCESSING_LOG, the stream over the processing log topic, on every start. */
import {
  PROCESSING_LOG_COLUMNS,
  PROCESSING_LOG_STREAM,
  PROCESSING_LOG_TOPIC,
} from '../runtime/processing-log.js';
import type { EngineContext } from './engine-context.js';

export async function registerProcessingLog(ctx: EngineContext): Promise<void> {
  // No replication factor: the log's default (Kafka: the broker's default.replication.factor).
  await ctx.log.createTopic(PROCESSING_LOG_TOPIC, { partitions: 1 });
  ctx.metastore.putSource({
    name: PROCESSING_LOG_STREAM,
    sourceType: 'stream',
    topic: PROCESSING_LOG_TOPIC,
    columns: PROCESSING_LOG_COLUMNS,
    keyFormat: { format: 'KAFKA', options: {} },
    valueFormat: { format: 'JSON', options: {} },
    readOnly: true,
    sql: `CREATE STREAM ${PROCESSING_LOG_STREAM} WITH (KAFKA_TOPIC='${PROCESSING_LOG_TOPIC}', VALUE_FORMAT='JSON');`,
  });
}
