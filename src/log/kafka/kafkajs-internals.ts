/**
 * The parts of kafkajs 2.2 that its public API does not expose, typed here in one place: its
 * `Cluster` (metadata, leaders, broker connections), and producers and an admin client built on
 * a cluster we hold. We need them because the Log reads a partition from any offset on demand
 * (a Fetch request to the leader, decoded by us so that headers keep their order and batch
 * boundaries are known), and because a kafkajs cluster that once looked at a topic fails every
 * metadata refresh after that topic is deleted unless the topic is dropped from its targets.
 * kafkajs is plain CommonJS without `exports`, so its files load with `require`.
 */
import { createRequire } from 'node:module';
import type { Admin, Producer, RetryOptions } from 'kafkajs';

const require = createRequire(import.meta.url);

/** kafkajs's log levels (its `logLevel` enum). */
export const KAFKAJS_LOG_LEVELS = { NOTHING: 0, ERROR: 1, WARN: 2, INFO: 4, DEBUG: 5 } as const;

export interface KafkaPartitionMetadata {
  readonly partitionId: number;
  readonly leader: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

/** A request as kafkajs's connections send it: an encoder and a decoder of the response. */
export interface ProtocolRequest<T> {
  readonly request: {
    readonly apiKey: number;
    readonly apiVersion: number;
    readonly apiName: string;
    encode(): Promise<unknown>;
  };
  readonly response: {
    decode(payload: Buffer): Promise<T>;
    parse(decoded: T): Promise<T>;
  };
  readonly requestTimeout?: number;
}

export interface FetchRequestArgs {
  readonly isolationLevel: number;
  readonly rackId: string;
  readonly maxWaitTime: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly topics: readonly {
    readonly topic: string;
    readonly partitions: readonly {
      readonly partition: number;
      readonly fetchOffset: string;
      readonly maxBytes: number;
    }[];
  }[];
}

interface RequestDefinition {
  readonly versions: readonly string[];
}

export interface KafkaBroker {
  readonly nodeId: number;
  lookupRequest(
    apiKey: number,
    definition: RequestDefinition,
  ): (args: FetchRequestArgs) => ProtocolRequest<unknown>;
  readonly connectionPool: { send<T>(request: ProtocolRequest<T>): Promise<T> };
  listOffsets(args: {
    isolationLevel: number;
    topics: readonly {
      topic: string;
      partitions: readonly { partition: number; timestamp: number }[];
    }[];
  }): Promise<{
    responses: readonly {
      topic: string;
      partitions: readonly { partition: number; offset: string; errorCode: number }[];
    }[];
  }>;
}

export interface KafkaCluster {
  readonly targetTopics: Set<string>;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  isConnected(): boolean;
  addMultipleTargetTopics(topics: readonly string[]): Promise<void>;
  refreshMetadata(): Promise<void>;
  refreshMetadataIfNecessary(): Promise<void>;
  findTopicPartitionMetadata(topic: string): readonly KafkaPartitionMetadata[];
  /** Leader node id → partitions it leads. */
  findLeaderForPartitions(
    topic: string,
    partitions: readonly number[],
  ): Readonly<Record<string, number[]>>;
  findBroker(args: { nodeId: string | number }): Promise<KafkaBroker>;
}

export interface ClusterOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logLevel: number;
  readonly connectionTimeout?: number;
  readonly requestTimeout?: number;
  readonly retry?: RetryOptions;
}

interface RootLogger {
  namespace(name: string): unknown;
}

type LogCreator = (level: number) => (entry: unknown) => void;

const { createLogger } = require('kafkajs/src/loggers/index.js') as {
  createLogger(options: { level: number; logCreator: LogCreator }): RootLogger;
};
const LoggerConsole = require('kafkajs/src/loggers/console.js') as LogCreator;
const socketFactory = require('kafkajs/src/network/socketFactory.js') as () => unknown;
const ClusterClass = require('kafkajs/src/cluster/index.js') as new (
  options: Record<string, unknown>,
) => KafkaCluster;
const createProducer = require('kafkajs/src/producer/index.js') as (
  options: Record<string, unknown>,
) => Producer;
const createAdmin = require('kafkajs/src/admin/index.js') as (
  options: Record<string, unknown>,
) => Admin;
const requests = require('kafkajs/src/protocol/requests/index.js') as {
  requests: { Fetch: RequestDefinition };
};
const apiKeys = require('kafkajs/src/protocol/requests/apiKeys.js') as { Fetch: number };

/** A compression codec as kafkajs registers them (`CompressionCodecs[type] = () => codec`). */
export interface CompressionCodec {
  decompress(buffer: Buffer): Promise<Buffer>;
}

/**
 * kafkajs's registry of compression codecs, the object it exports as `CompressionCodecs` (which
 * Node's ESM loader does not expose as a named export): codecs users register for kafkajs
 * (snappy, lz4, zstd) serve our record decoding too.
 */
export const COMPRESSION_CODECS = (
  require('kafkajs/src/protocol/message/compression/index.js') as {
    Codecs: Record<number, (() => CompressionCodec) | undefined>;
  }
).Codecs;

export const FETCH_API_KEY = apiKeys.Fetch;
export const FETCH_REQUEST: RequestDefinition = requests.requests.Fetch;

/** A kafkajs cluster with its own logger: the connections and metadata of one client. */
export interface ClusterHandle {
  readonly cluster: KafkaCluster;
  readonly logger: RootLogger;
  readonly retry: RetryOptions | undefined;
}

export function createCluster(options: ClusterOptions): ClusterHandle {
  const logger = createLogger({ level: options.logLevel, logCreator: LoggerConsole });
  const cluster = new ClusterClass({
    logger,
    socketFactory: socketFactory(),
    brokers: [...options.brokers],
    clientId: options.clientId,
    connectionTimeout: options.connectionTimeout ?? 3000,
    requestTimeout: options.requestTimeout ?? 30000,
    enforceRequestTimeout: true,
    metadataMaxAge: 300000,
    retry: options.retry,
    allowAutoTopicCreation: false,
    maxInFlightRequests: null,
    isolationLevel: 1,
    instrumentationEmitter: null,
    offsets: new Map(),
  });
  return { cluster, logger, retry: options.retry };
}

export interface ProducerOptions {
  /** Initializes a producer id at `connect` and numbers its batches (transactions always do). */
  readonly idempotent: boolean;
  readonly retry?: RetryOptions;
  readonly transactionalId?: string;
  readonly transactionTimeout?: number;
}

/**
 * A producer on a cluster we hold. Records always carry their partition (chosen by
 * `partitionForKey`), so its partitioner only reads it back. Disconnecting it disconnects the
 * cluster: producers that share a cluster are dropped, not disconnected.
 */
export function producerOn(handle: ClusterHandle, options: ProducerOptions): Producer {
  return createProducer({
    cluster: handle.cluster,
    logger: handle.logger,
    createPartitioner:
      () =>
      ({ message }: { message: { partition?: number } }) =>
        message.partition ?? 0,
    idempotent: options.idempotent,
    retry: options.retry,
    transactionalId: options.transactionalId,
    transactionTimeout: options.transactionTimeout,
  });
}

/** An admin client on a cluster we hold. */
export function adminOn(handle: ClusterHandle): Admin {
  return createAdmin({ cluster: handle.cluster, logger: handle.logger, retry: handle.retry });
}

/** Logs nothing: the Log reports failures by throwing, with kafkajs's message in them. */
export const SILENT = KAFKAJS_LOG_LEVELS.NOTHING;
