package dev.streamsql.bench;

import java.nio.file.Path;

/**
 * The Kafka Streams bench application, driven by the Node.js harness:
 *
 * <pre>
 *   produce BOOTSTRAP PREFIX FILE                         load the bench's records
 *   run     BOOTSTRAP PREFIX WORKLOAD EXPECTED INPUT      run one workload, print JSON
 *   delete  BOOTSTRAP PREFIX                              delete the run's topics
 * </pre>
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    if (args.length < 2) usage();
    String bootstrap = args[1];
    switch (args[0]) {
      case "produce" -> {
        if (args.length != 4) usage();
        long t0 = System.nanoTime();
        long n = Loader.load(bootstrap, args[2], Path.of(args[3]));
        System.out.printf("{\"records\":%d,\"seconds\":%.3f}%n", n, (System.nanoTime() - t0) / 1e9);
      }
      case "run" -> {
        if (args.length != 6) usage();
        System.out.println(
            Runner.run(bootstrap, args[2], args[3], Long.parseLong(args[4]), Long.parseLong(args[5])));
      }
      case "delete" -> {
        if (args.length != 3) usage();
        try (Topics topics = new Topics(bootstrap)) {
          System.out.printf("{\"deleted\":%d}%n", topics.deleteWithPrefix(args[2]));
        }
      }
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println(
        "usage: produce BOOTSTRAP PREFIX FILE | run BOOTSTRAP PREFIX WORKLOAD EXPECTED INPUT | delete BOOTSTRAP PREFIX");
    System.exit(2);
  }
}
