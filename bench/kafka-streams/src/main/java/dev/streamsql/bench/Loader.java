package dev.streamsql.bench;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Loads the bench's records (lines of `topic TAB key TAB timestamp TAB json`, written by the
 * Node.js harness from its seeded generator) into one-partition topics named `prefix + topic`.
 */
public final class Loader {
  private Loader() {}

  /** Returns the number of records written. */
  public static long load(String bootstrap, String prefix, Path file) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    long count = 0;
    Set<String> created = new HashSet<>();
    try (Topics topics = new Topics(bootstrap);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props);
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split("\t", 4);
        String topic = prefix + f[0];
        if (created.add(topic)) topics.create(topic);
        byte[] key = f[1].getBytes(StandardCharsets.UTF_8);
        byte[] value = f[3].getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, 0, Long.parseLong(f[2]), key, value));
        count++;
      }
      producer.flush();
    }
    return count;
  }
}
