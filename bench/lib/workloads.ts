/**
 * The four workloads, as SQL for the engine: the source declarations (shared) and, per
 * workload, the persistent query whose drain is timed, with the topic it writes. The naive
 * loops in naive.ts and the Kafka Streams application do the same work by hand.
 */

export type WorkloadName =
  'project_filter' | 'tumbling_count' | 'stream_table_join' | 'pull_lookup';

export const THROUGHPUT_WORKLOADS = [
  'project_filter',
  'tumbling_count',
  'stream_table_join',
] as const;
export type ThroughputWorkload = (typeof THROUGHPUT_WORKLOADS)[number];

/** Topic names on the embedded log (Kafka runs prefix them). */
export interface BenchTopics {
  readonly pageviews: string;
  readonly users: string;
  readonly profiles: string;
}

export const EMBEDDED_TOPICS: BenchTopics = {
  pageviews: 'pageviews',
  users: 'users',
  profiles: 'profiles',
};

/** The columns of a pageviews stream. */
export const PAGEVIEW_COLUMNS = `USER_ID VARCHAR KEY, VIEWTIME BIGINT, PAGE_ID VARCHAR, URL VARCHAR,
  REFERRER VARCHAR, REGION VARCHAR, DURATION_MS INT, STATUS INT`;

/**
 * Declares the sources over the bench's topics; `suffix` keeps names apart on a shared broker,
 * where the profiles topic is not loaded (`withProfiles` false).
 */
export function sourcesSql(topics: BenchTopics, suffix = '', withProfiles = true): string {
  return `
SET 'auto.offset.reset' = 'earliest';
CREATE STREAM PAGEVIEWS${suffix} (${PAGEVIEW_COLUMNS}) WITH (KAFKA_TOPIC = '${topics.pageviews}', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'JSON');
CREATE TABLE USERS${suffix} (
  USER_ID VARCHAR PRIMARY KEY, NAME VARCHAR, REGION VARCHAR, LEVEL INT
) WITH (KAFKA_TOPIC = '${topics.users}', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'JSON');
${withProfiles ? profilesSql(topics, suffix) : ''}`;
}

function profilesSql(topics: BenchTopics, suffix: string): string {
  return `CREATE STREAM PROFILES${suffix} (
  PROFILE_ID VARCHAR KEY, REGION VARCHAR, LEVEL INT
) WITH (KAFKA_TOPIC = '${topics.profiles}', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'JSON');
`;
}

/** Workload (a)'s query over another stream (the latency run's). */
export function projectFilterSql(source: string, sink: string, topic = sink): string {
  return `CREATE STREAM ${sink} WITH (KAFKA_TOPIC = '${topic}') AS
  SELECT USER_ID, PAGE_ID, URL, DURATION_MS FROM ${source}
  WHERE STATUS = 200 AND DURATION_MS > 1000 EMIT CHANGES;`;
}

/** The persistent query of a workload and the sink it creates (its topic named after it unless given). */
export function querySql(
  workload: ThroughputWorkload | 'profiles_table',
  sink: string,
  suffix = '',
  topic = sink,
): string {
  switch (workload) {
    case 'project_filter':
      return projectFilterSql(`PAGEVIEWS${suffix}`, sink, topic);
    case 'tumbling_count':
      return `CREATE TABLE ${sink} WITH (KAFKA_TOPIC = '${topic}') AS
  SELECT USER_ID, COUNT(*) AS VIEWS FROM PAGEVIEWS${suffix}
  WINDOW TUMBLING (SIZE 1 MINUTE) GROUP BY USER_ID EMIT CHANGES;`;
    case 'stream_table_join':
      return `CREATE STREAM ${sink} WITH (KAFKA_TOPIC = '${topic}') AS
  SELECT P.USER_ID AS USER_ID, P.PAGE_ID, P.DURATION_MS, U.NAME, U.REGION, U.LEVEL
  FROM PAGEVIEWS${suffix} P JOIN USERS${suffix} U ON P.USER_ID = U.USER_ID EMIT CHANGES;`;
    case 'profiles_table':
      return `CREATE TABLE ${sink} WITH (KAFKA_TOPIC = '${topic}') AS
  SELECT PROFILE_ID, LATEST_BY_OFFSET(REGION) AS REGION, LATEST_BY_OFFSET(LEVEL) AS LEVEL
  FROM PROFILES${suffix} GROUP BY PROFILE_ID EMIT CHANGES;`;
  }
}

/** The pull query of workload (d). */
export function pullSql(table: string, profileId: string): string {
  return `SELECT * FROM ${table} WHERE PROFILE_ID = '${profileId}';`;
}

/** Whether a pageview passes workload (a)'s filter: the same predicate as the SQL above. */
export function passesFilter(value: { status: number; duration_ms: number }): boolean {
  return value.status === 200 && value.duration_ms > 1000;
}
