/** Names ksqlDB gives a query's consumer group and internal topics, which streamsql keeps. */

/** The consumer group (Kafka Streams application id) of a persistent query. */
export function queryGroup(queryId: string): string {
  return `_confluent-ksql-default_query_${queryId}`;
}

/** The internal topic of a repartition step, as ksqlDB names it (`…-Join-left-repartition`). */
export function repartitionTopic(queryId: string, step: string): string {
  return `${queryGroup(queryId)}-${step}-repartition`;
}
