/**
 * Consumer-group offsets: group → topic → partition → the next offset to read. Held in memory,
 * made durable by the journal (each commit) and the checkpoint file (a snapshot).
 */

/** The JSON form kept in the checkpoint file. */
export type OffsetsSnapshot = Record<string, Record<string, Record<string, number>>>;

export class OffsetsStore {
  private readonly groups = new Map<string, Map<string, Map<number, number>>>();

  set(group: string, topic: string, partition: number, nextOffset: number): void {
    let topics = this.groups.get(group);
    if (!topics) this.groups.set(group, (topics = new Map()));
    let partitions = topics.get(topic);
    if (!partitions) topics.set(topic, (partitions = new Map()));
    partitions.set(partition, nextOffset);
  }

  /** A copy of the group's offsets on `topic`. */
  get(group: string, topic: string): Map<number, number> {
    return new Map(this.groups.get(group)?.get(topic) ?? []);
  }

  /** The topics some group has offsets on. */
  topics(): Set<string> {
    const out = new Set<string>();
    for (const topics of this.groups.values()) for (const topic of topics.keys()) out.add(topic);
    return out;
  }

  /** Forgets every group's offsets on `topic` (the topic was deleted). */
  deleteTopic(topic: string): void {
    for (const [group, topics] of this.groups) {
      topics.delete(topic);
      if (topics.size === 0) this.groups.delete(group);
    }
  }

  snapshot(): OffsetsSnapshot {
    const out: OffsetsSnapshot = {};
    for (const [group, topics] of this.groups) {
      const g: Record<string, Record<string, number>> = (out[group] = {});
      for (const [topic, partitions] of topics) {
        g[topic] = Object.fromEntries([...partitions].map(([p, o]) => [String(p), o]));
      }
    }
    return out;
  }

  static fromSnapshot(snapshot: OffsetsSnapshot): OffsetsStore {
    const store = new OffsetsStore();
    for (const [group, topics] of Object.entries(snapshot)) {
      for (const [topic, partitions] of Object.entries(topics)) {
        for (const [p, o] of Object.entries(partitions)) store.set(group, topic, Number(p), o);
      }
    }
    return store;
  }
}
