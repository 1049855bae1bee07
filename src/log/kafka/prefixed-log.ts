/**
 * A Log that keeps every topic and consumer group of its user under a prefix of a shared cluster,
 * and shows them without it: several engines (test runs in CI, developers on one broker) can use
 * one Kafka cluster, each with its own command topic, sources and sinks, without meeting.
 */
import type { Log, TopicSpec } from '../log.js';
import { RenamedLog } from './renamed-log.js';
import { checkTopicName } from './topic-admin.js';

export class PrefixedLog extends RenamedLog {
  constructor(
    inner: Log,
    readonly prefix: string,
  ) {
    super(inner, {
      topic: (name) => `${prefix}${name}`,
      shown: (name) => (name.startsWith(prefix) ? name.slice(prefix.length) : undefined),
      group: (name) => `${prefix}${name}`,
    });
    checkTopicName(`${prefix}x`);
  }

  override createTopic(name: string, spec: TopicSpec): Promise<void> {
    checkTopicName(name);
    return super.createTopic(name, spec);
  }
}
