/** `streamsql --help`. */
export const HELP = `streamsql — ksqlDB's SQL over a log, without a JVM cluster

Usage:
  streamsql                          interactive shell (statements from stdin when it is not a terminal)
  streamsql run FILE.sql             run a script; exits when every query has caught up
  streamsql -e "SQL; SQL"            run statements given on the command line
  streamsql start                    run the persistent queries of a data directory until stopped
  streamsql test FILE.json…          run ksqlDB query-validation-test files
  streamsql test --sql-file S --input-file I --output-file O
                                     run a ksql-test-runner test
  streamsql topic produce TOPIC      write records, one JSON object {"key","value","timestamp"} per line
  streamsql topic print TOPIC        read records as JSON lines
  streamsql topic list               list topics with partitions and record counts

Options:
  --data-dir DIR                     the embedded log's directory (default ./streamsql-data); on
                                     Kafka, where state stores are kept (DIR/state/SERVICE_ID)
  --bootstrap-servers HOST:PORT      use Apache Kafka instead of the embedded log
  --service-id ID                    Kafka: ksqlDB's ksql.service.id (default default_); processes
                                     with one id share its command topic, streams and queries
  --extensions-dir DIR               load user functions from the .js/.ts modules in DIR (also
                                     --ksql.extension.dir); see examples/extensions/README.md
  --schema-registry-url URL          use an external Confluent-compatible schema registry for AVRO,
                                     PROTOBUF and JSON_SR (default: the log's own, in its _schemas topic)
  --schema-registry-port N           start: serve the registry's REST API on 127.0.0.1:N (0: any port)
  --output table|json                how rows are printed (json: one object per line on stdout)
  --follow                           keep running after catching up (push queries, PRINT, run)
  --file F                           topic produce: read records from F instead of stdin
  --key-format F, --value-format F   topic produce: formats (default: those of the stream or table
                                     declared on the topic, else KAFKA string key, JSON value)
  --partitions N                     topic produce: partitions when the topic is created (default 1)
  --from-beginning, --limit N        topic print: where to start, how many records
  -h, --help                         this help
  -V, --version                      the version
`;
