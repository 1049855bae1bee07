package dev.streamsql.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Runs one workload from the beginning of its input until its sink topic holds the expected
 * number of records (or the input is all read and the sink stops growing), and reports the time.
 */
public final class Runner {
  private static final long TIMEOUT_MS = 600_000;

  private Runner() {}

  public static String run(String bootstrap, String prefix, String workload, long expected, long inputRecords)
      throws Exception {
    String sink = prefix + "ks-" + workload;
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, prefix + "ks-app-" + workload);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("ks-bench-").toString());
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // Batches as large as the harness's loader uses, so that neither side is held back by tiny
    // produce requests (Kafka Streams' defaults: 16 KiB batches, 100 ms linger).
    props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 512 * 1024);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
    AtomicLong seen = new AtomicLong();
    AtomicLong firstNanos = new AtomicLong();
    try (Topics topics = new Topics(bootstrap)) {
      topics.create(sink);
      KafkaStreams streams =
          new KafkaStreams(
              Workloads.build(workload, prefix + "pageviews", prefix + "users", sink, seen, firstNanos), props);
      long start = System.nanoTime();
      streams.start();
      long outputs = 0;
      long lastGrowth = System.nanoTime();
      while (true) {
        Thread.sleep(50);
        long now = System.nanoTime();
        long end = topics.endOffset(sink);
        if (end != outputs) lastGrowth = now;
        outputs = end;
        if (outputs >= expected) break;
        if (seen.get() >= inputRecords && now - lastGrowth > 3_000_000_000L) break;
        if (now - start > TIMEOUT_MS * 1_000_000L) throw new IllegalStateException("timed out");
      }
      long done = System.nanoTime();
      streams.close(Duration.ofSeconds(30));
      streams.cleanUp();
      double seconds = (done - start) / 1e9;
      double processing = (done - firstNanos.get()) / 1e9;
      return String.format(
          "{\"workload\":\"%s\",\"records\":%d,\"outputRecords\":%d,\"seconds\":%.3f,"
              + "\"processingSeconds\":%.3f,\"recordsPerS\":%.1f}",
          workload, seen.get(), outputs, seconds, processing, inputRecords / seconds);
    }
  }
}
