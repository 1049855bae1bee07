/** Opens the log a command asked for (embedded data directory or Kafka) and an engine on it. */
import { Engine } from '../engine/engine.js';
import { builtinRegistry } from '../functions/registry.js';
import { openEmbeddedLog } from '../log/embedded/embedded-log.js';
import type { Log } from '../log/log.js';
import { stringOption, UsageError, type ParsedArgs } from './args.js';

export const DEFAULT_DATA_DIR = './streamsql-data';

export async function openLog(args: ParsedArgs): Promise<Log> {
  const bootstrap = stringOption(args, 'bootstrap-servers');
  if (bootstrap !== undefined) {
    const brokers = bootstrap
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    if (brokers.length === 0) {
      throw new UsageError('--bootstrap-servers needs HOST:PORT[,HOST:PORT…]');
    }
    // ksqlDB's ksql.service.id: processes with one id share the command topic and the queries.
    // Loaded only for Kafka: kafkajs is a large CommonJS package, slow to load on every start.
    const { DEFAULT_SERVICE_ID, serviceLog } = await import('../log/kafka/service-log.js');
    const serviceId = stringOption(args, 'service-id') ?? DEFAULT_SERVICE_ID;
    if (!/^[A-Za-z0-9._-]+$/.test(serviceId)) {
      throw new UsageError(`--service-id may hold letters, digits, '.', '_' and '-': ${serviceId}`);
    }
    const { openKafkaLog } = await import('../log/kafka/kafka-log.js');
    return serviceLog(await openKafkaLog({ brokers, serviceId }), serviceId);
  }
  return openEmbeddedLog(stringOption(args, 'data-dir') ?? DEFAULT_DATA_DIR, { fsync: 'batch' });
}

export async function openEngine(args: ParsedArgs, onNotice: (m: string) => void): Promise<Engine> {
  const log = await openLog(args);
  try {
    return await Engine.open({ log, functions: builtinRegistry(), onNotice });
  } catch (err) {
    await log.close();
    throw err;
  }
}
