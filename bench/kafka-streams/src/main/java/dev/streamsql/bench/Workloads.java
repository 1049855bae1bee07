package dev.streamsql.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.WindowedSerdes;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The bench's three workloads as Kafka Streams topologies, each the equivalent of streamsql's
 * query: (a) project and filter, (b) a tumbling one-minute count per user with every update
 * emitted (the record cache is disabled in the config), (c) pageviews joined to the users table.
 */
public final class Workloads {
  private static final Serde<String> KEYS = Serdes.String();
  private static final Serde<JsonNode> JSON = JsonSerde.serde();

  private Workloads() {}

  /** `seen` counts the source records read, `firstNanos` is set when the first one is. */
  public static Topology build(
      String workload, String pageviews, String users, String sink, AtomicLong seen, AtomicLong firstNanos) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, JsonNode> views =
        builder.stream(pageviews, Consumed.with(KEYS, JSON))
            .peek(
                (k, v) -> {
                  if (seen.getAndIncrement() == 0) firstNanos.set(System.nanoTime());
                });
    switch (workload) {
      case "project_filter" ->
          views
              .filter((k, v) -> v.path("status").asInt() == 200 && v.path("duration_ms").asInt() > 1000)
              .mapValues(
                  v -> {
                    ObjectNode out = JsonSerde.MAPPER.createObjectNode();
                    out.set("PAGE_ID", v.get("page_id"));
                    out.set("URL", v.get("url"));
                    out.set("DURATION_MS", v.get("duration_ms"));
                    return (JsonNode) out;
                  })
              .to(sink, Produced.with(KEYS, JSON));
      case "tumbling_count" ->
          views
              .groupByKey(Grouped.with(KEYS, JSON))
              .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofHours(24)))
              .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("views-per-minute"))
              .toStream()
              .mapValues(
                  n -> {
                    ObjectNode out = JsonSerde.MAPPER.createObjectNode();
                    out.put("VIEWS", n);
                    return (JsonNode) out;
                  })
              .to(
                  sink,
                  Produced.with(
                      WindowedSerdes.timeWindowedSerdeFrom(String.class, Duration.ofMinutes(1).toMillis()),
                      JSON));
      case "stream_table_join" -> {
        KTable<String, JsonNode> table = builder.table(users, Consumed.with(KEYS, JSON));
        views
            .join(
                table,
                (v, u) -> {
                  ObjectNode out = JsonSerde.MAPPER.createObjectNode();
                  out.set("PAGE_ID", v.get("page_id"));
                  out.set("DURATION_MS", v.get("duration_ms"));
                  out.set("NAME", u.get("name"));
                  out.set("REGION", u.get("region"));
                  out.set("LEVEL", u.get("level"));
                  return (JsonNode) out;
                })
            .to(sink, Produced.with(KEYS, JSON));
      }
      default -> throw new IllegalArgumentException("unknown workload " + workload);
    }
    return builder.build();
  }
}
