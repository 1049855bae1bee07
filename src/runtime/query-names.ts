/** Names ksqlDB gives a query's consumer group and internal topics, which streamsql keeps. */

/** The consumer group (Kafka Streams application id) of a persistent query. */
export function queryGroup(queryId: string): string {
  return `_confluent-ksql-default_query_${queryId}`;
}
