/**
 * Opens the log a command asked for (embedded data directory or Kafka) and an engine on it, with
 * the schema registry --schema-registry-url names (default: the log's own).
 */
import { Engine } from '../engine/engine.js';
import { builtinRegistry } from '../functions/registry.js';
import { openEmbeddedLog } from '../log/embedded/embedded-log.js';
import { openKafkaLog } from '../log/kafka/kafka-log.js';
import type { Log } from '../log/log.js';
import { RemoteSchemaRegistry } from '../serde/schema-registry/remote-registry.js';
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
    const serviceId = stringOption(args, 'service-id');
    return openKafkaLog({ brokers, ...(serviceId === undefined ? {} : { serviceId }) });
  }
  return openEmbeddedLog(stringOption(args, 'data-dir') ?? DEFAULT_DATA_DIR, { fsync: 'batch' });
}

export async function openEngine(args: ParsedArgs, onNotice: (m: string) => void): Promise<Engine> {
  const log = await openLog(args);
  try {
    const url = stringOption(args, 'schema-registry-url');
    if (url !== undefined && !/^https?:\/\//.test(url)) {
      throw new UsageError('--schema-registry-url needs an http:// or https:// URL');
    }
    return await Engine.open({
      log,
      functions: builtinRegistry(),
      onNotice,
      ...(url !== undefined ? { schemaRegistry: new RemoteSchemaRegistry(url) } : {}),
    });
  } catch (err) {
    await log.close();
    throw err;
  }
}
