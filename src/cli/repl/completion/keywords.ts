/** Keywords of ksqlDB's dialect offered by Tab completion, and the words that follow SHOW/LIST. */

export const KEYWORDS: readonly string[] = [
  ...['ADVANCE', 'ALL', 'ALTER', 'AND', 'ARRAY', 'AS', 'ASC', 'ASSERT', 'AT', 'BEGINNING'],
  ...[
    'BETWEEN',
    'BIGINT',
    'BOOLEAN',
    'BY',
    'BYTES',
    'CASE',
    'CAST',
    'CHANGES',
    'COLUMNS',
    'CONNECTOR',
  ],
  ...[
    'CONNECTORS',
    'CREATE',
    'DATE',
    'DECIMAL',
    'DEFINE',
    'DELETE',
    'DESC',
    'DESCRIBE',
    'DISTINCT',
  ],
  ...['DOUBLE', 'DROP', 'ELSE', 'EMIT', 'END', 'EXISTS', 'EXPLAIN', 'EXTENDED', 'FALSE', 'FINAL'],
  ...['FROM', 'FULL', 'FUNCTION', 'FUNCTIONS', 'GRACE', 'GROUP', 'HAVING', 'HEADER', 'HEADERS'],
  ...['HOPPING', 'IF', 'IN', 'INNER', 'INSERT', 'INT', 'INTEGER', 'INTERVAL', 'INTO', 'IS', 'JOIN'],
  ...[
    'KEY',
    'LEFT',
    'LIKE',
    'LIMIT',
    'LIST',
    'MAP',
    'NOT',
    'NULL',
    'ON',
    'OR',
    'OUTER',
    'PARTITION',
  ],
  ...[
    'PARTITIONS',
    'PAUSE',
    'PERIOD',
    'PRIMARY',
    'PRINT',
    'PROPERTIES',
    'QUERIES',
    'QUERY',
    'REPLACE',
  ],
  ...[
    'RESUME',
    'RETENTION',
    'RIGHT',
    'RUN',
    'SCHEMA',
    'SCRIPT',
    'SELECT',
    'SESSION',
    'SET',
    'SHOW',
  ],
  ...[
    'SINK',
    'SIZE',
    'SOURCE',
    'STREAM',
    'STREAMS',
    'STRING',
    'STRUCT',
    'TABLE',
    'TABLES',
    'TERMINATE',
  ],
  ...[
    'THEN',
    'TIME',
    'TIMESTAMP',
    'TOPIC',
    'TOPICS',
    'TRUE',
    'TUMBLING',
    'TYPE',
    'TYPES',
    'UNDEFINE',
  ],
  ...['UNSET', 'VALUES', 'VARCHAR', 'VARIABLES', 'WHEN', 'WHERE', 'WINDOW', 'WITH', 'WITHIN'],
  ...['DAYS', 'HOURS', 'MINUTES', 'SECONDS', 'MILLISECONDS'],
  // WITH (…) properties
  ...['KAFKA_TOPIC', 'KEY_FORMAT', 'VALUE_FORMAT', 'FORMAT', 'TIMESTAMP_FORMAT', 'REPLICAS'],
  ...['VALUE_DELIMITER', 'WRAP_SINGLE_VALUE', 'KEY_SCHEMA_ID', 'VALUE_SCHEMA_ID'],
];

/** What SHOW and LIST list. */
export const SHOW_TARGETS: readonly string[] = [
  ...['STREAMS', 'TABLES', 'QUERIES', 'TOPICS', 'FUNCTIONS', 'PROPERTIES', 'VARIABLES', 'TYPES'],
  ...['CONNECTORS', 'EXTENDED', 'ALL'],
];

/** What DESCRIBE takes besides a source name. */
export const DESCRIBE_TARGETS: readonly string[] = ['EXTENDED', 'FUNCTION', 'STREAMS', 'TABLES'];

/** Formats, offered inside `FORMAT='…'` values. */
export const FORMATS: readonly string[] = [
  'JSON',
  'JSON_SR',
  'AVRO',
  'PROTOBUF',
  'PROTOBUF_NOSR',
  'DELIMITED',
  'KAFKA',
  'NONE',
];
