package dev.streamsql.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** JSON values as Jackson trees: what a ksqlDB-like JSON format costs on the JVM. */
public final class JsonSerde {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonSerde() {}

  public static Serde<JsonNode> serde() {
    Serializer<JsonNode> serializer =
        (topic, node) -> {
          if (node == null) return null;
          try {
            return MAPPER.writeValueAsBytes(node);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    Deserializer<JsonNode> deserializer =
        (topic, bytes) -> {
          if (bytes == null) return null;
          try {
            return MAPPER.readTree(bytes);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
