package dev.streamsql.bench;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/** Topic administration for the bench: create, count records, delete a run's topics. */
public final class Topics implements AutoCloseable {
  private final Admin admin;

  public Topics(String bootstrap) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    this.admin = Admin.create(props);
  }

  /** Creates a one-partition topic unless it exists. */
  public void create(String topic) throws InterruptedException, ExecutionException {
    try {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) throw e;
    }
  }

  /** The end offset of partition 0: how many records a one-partition topic has received. */
  public long endOffset(String topic) throws InterruptedException, ExecutionException {
    TopicPartition tp = new TopicPartition(topic, 0);
    return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
  }

  /** Deletes every topic whose name starts with `prefix`; returns how many. */
  public int deleteWithPrefix(String prefix) throws InterruptedException, ExecutionException {
    Set<String> names =
        admin.listTopics().names().get().stream().filter(n -> n.startsWith(prefix)).collect(Collectors.toSet());
    if (!names.isEmpty()) admin.deleteTopics(names).all().get();
    return names.size();
  }

  @Override
  public void close() {
    admin.close();
  }
}
