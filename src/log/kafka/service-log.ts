/**
 * A service id on a shared Kafka cluster, as ksqlDB's `ksql.service.id`: the engine names its
 * internal topics and groups for the default service (`default_`: the command topic
 * `_confluent-ksql-default__command_topic`, query groups and changelogs
 * `_confluent-ksql-default_query_…`, the processing log `default_ksql_processing_log`), and this
 * Log puts them under another id (`_confluent-ksql-ID_command_topic`, …) on the cluster. User
 * topics keep their names. Processes with one service id share streams, tables and queries;
 * processes with different ids do not meet, even with the same query ids.
 */
import type { Log } from '../log.js';
import { type LogNaming, RenamedLog } from './renamed-log.js';

export const DEFAULT_SERVICE_ID = 'default_';
const INTERNAL = '_confluent-ksql-';
const DEFAULT_INTERNAL = `${INTERNAL}${DEFAULT_SERVICE_ID}`;
const PROCESSING_LOG = 'ksql_processing_log';
const DEFAULT_PROCESSING_LOG = `${DEFAULT_SERVICE_ID}${PROCESSING_LOG}`;

/** The names of `serviceId`'s internal topics and groups. */
export function serviceNaming(serviceId: string): LogNaming {
  const internal = `${INTERNAL}${serviceId}`;
  const processingLog = `${serviceId}${PROCESSING_LOG}`;
  const rename = (name: string) => {
    if (name === DEFAULT_PROCESSING_LOG) return processingLog;
    if (name.startsWith(DEFAULT_INTERNAL)) return internal + name.slice(DEFAULT_INTERNAL.length);
    return name;
  };
  return {
    topic: rename,
    group: rename,
    shown: (name) => {
      if (name === processingLog) return DEFAULT_PROCESSING_LOG;
      if (name.startsWith(internal)) return DEFAULT_INTERNAL + name.slice(internal.length);
      // Another service's internal topics would alias this one's under the default names.
      if (name === DEFAULT_PROCESSING_LOG || name.startsWith(DEFAULT_INTERNAL)) return undefined;
      return name;
    },
  };
}

/** `log` as seen by the engine of service `serviceId` (itself for the default service). */
export function serviceLog(log: Log, serviceId: string): Log {
  if (serviceId === DEFAULT_SERVICE_ID) return log;
  return new RenamedLog(log, serviceNaming(serviceId));
}
