/**
 * Opens the log a command asked for (embedded data directory or Kafka) and an engine on it, with
 * the schema registry --schema-registry-url names (default: the log's own).
 */
import { Engine } from '../engine/engine.js';
import { loadExtensions, type ExtensionMessage } from '../functions/extensions/loader.js';
import { builtinRegistry, type MutableFunctionRegistry } from '../functions/registry.js';
import { openEmbeddedLog } from '../log/embedded/embedded-log.js';
import type { Log } from '../log/log.js';
import { RemoteSchemaRegistry } from '../serde/schema-registry/remote-registry.js';
import { stringOption, UsageError, type ParsedArgs } from './args.js';
import {
  embeddedStateDirectory,
  kafkaStateDirectory,
  removeUnusedQueryDirs,
  type StateDirectory,
} from './state-directory.js';

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
    const { serviceLog } = await import('../log/kafka/service-log.js');
    const serviceId = await serviceIdOf(args);
    const { openKafkaLog } = await import('../log/kafka/kafka-log.js');
    return serviceLog(await openKafkaLog({ brokers, serviceId }), serviceId);
  }
  return openEmbeddedLog(dataDir(args), { fsync: 'batch' });
}

async function serviceIdOf(args: ParsedArgs): Promise<string> {
  const { DEFAULT_SERVICE_ID } = await import('../log/kafka/service-log.js');
  const serviceId = stringOption(args, 'service-id') ?? DEFAULT_SERVICE_ID;
  if (!/^[A-Za-z0-9._-]+$/.test(serviceId)) {
    throw new UsageError(`--service-id may hold letters, digits, '.', '_' and '-': ${serviceId}`);
  }
  return serviceId;
}

function dataDir(args: ParsedArgs): string {
  return stringOption(args, 'data-dir') ?? DEFAULT_DATA_DIR;
}

/**
 * Where queries keep their state stores (state-directory.ts): `<data-dir>/state` on the
 * embedded log, `<data-dir>/state/<service-id>` on Kafka (undefined: in memory).
 */
async function stateDirectory(
  args: ParsedArgs,
  onNotice: (m: string) => void,
): Promise<StateDirectory | undefined> {
  if (stringOption(args, 'bootstrap-servers') === undefined) {
    return embeddedStateDirectory(dataDir(args));
  }
  return kafkaStateDirectory(dataDir(args), await serviceIdOf(args), onNotice);
}

export async function openEngine(args: ParsedArgs, onNotice: (m: string) => void): Promise<Engine> {
  const functions = await openFunctions(args, onNotice);
  const log = await openLog(args);
  let state: StateDirectory | undefined;
  try {
    const url = stringOption(args, 'schema-registry-url');
    if (url !== undefined && !/^https?:\/\//.test(url)) {
      throw new UsageError('--schema-registry-url needs an http:// or https:// URL');
    }
    state = await stateDirectory(args, onNotice);
    const engine = await Engine.open({
      log,
      functions,
      onNotice,
      ...(state !== undefined ? { stateDir: state.dir, onClosed: state.release } : {}),
      ...(url !== undefined ? { schemaRegistry: new RemoteSchemaRegistry(url) } : {}),
    });
    if (state !== undefined && log.backend === 'kafka') {
      removeUnusedQueryDirs(state.dir, engine.queries.keys());
    }
    return engine;
  } catch (err) {
    await log.close();
    state?.release();
    throw err;
  }
}

/**
 * The built-in functions plus the user functions of `--extensions-dir` (or ksqlDB's server
 * property name, `--ksql.extension.dir`), loaded before the command topic is replayed so restored
 * queries find them, and watched so that new queries see edited files. A file that fails to load
 * is reported and skipped; the engine starts without it.
 */
async function openFunctions(
  args: ParsedArgs,
  onNotice: (m: string) => void,
): Promise<MutableFunctionRegistry> {
  const functions = builtinRegistry();
  const dir = stringOption(args, 'extensions-dir') ?? stringOption(args, 'ksql.extension.dir');
  if (dir === undefined) return functions;
  let started = false;
  const onMessage = (m: ExtensionMessage): void => {
    if (m.error !== undefined) onNotice(`extensions: ${m.file} was not loaded: ${m.error}`);
    else if (m.removed) onNotice(`extensions: ${m.file} was removed; its functions are gone`);
    else if (started) onNotice(`extensions: reloaded ${m.file} (${m.functions.join(', ')})`);
  };
  await loadExtensions(dir, functions, { watch: true, onMessage });
  started = true;
  return functions;
}
