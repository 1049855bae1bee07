/**
 * The tasks of a persistent query. A partitioned plan runs each sub-topology as one task per
 * partition of its inputs (co-partitioned: partition p of every input topic feeds task p), each
 * task with operators and stores of its own: store of task p ↔ partition p of its changelog
 * topic. Repartition topics are created here with the partition count of the source partitions
 * they carry (ksqlDB: the source's; a join's: that of the side read directly, to stay
 * co-partitioned with it); a foreign-key join's subscription topic has the right table's count,
 * its response topic the left table's. A sub-topology whose source topics have different
 * partition counts (a join ksqlDB refuses) cannot be co-partitioned, so it runs as one task over
 * every partition, as a foreign-key join without subscription topics does. A plan from before
 * tasks runs as one task over every partition.
 */
import type { Log } from '../log/log.js';
import type { RepartitionNode } from '../planner/plan.js';
import type { SubTopology, Topology } from './topology.js';

/** An internal topic of a query, as DESCRIBE EXTENDED and the test harness show it. */
export interface InternalTopic {
  readonly name: string;
  readonly partitions: number;
  readonly keyFormat: string;
  readonly valueFormat: string;
}

export class QueryTasks {
  private constructor(
    /** Per sub-topology: how many tasks it runs. */
    readonly counts: readonly number[],
    /** Per sub-topology: one task over every partition of its inputs. */
    private readonly single: readonly boolean[],
    /** Per task partition: the operators of every sub-topology for that partition. */
    readonly instances: readonly Topology[],
    readonly repartitionTopics: readonly InternalTopic[],
    private readonly partitioned: boolean,
    /** The most partitions a source topic of the query has. */
    private readonly sourcePartitions: number,
  ) {}

  /** A plan from before tasks: one topology over every partition. */
  static single(layout: Topology): QueryTasks {
    return new QueryTasks(
      layout.subTopologies.map(() => 1),
      layout.subTopologies.map(() => true),
      [layout],
      [],
      false,
      1,
    );
  }

  /**
   * Creates the repartition topics, counts each sub-topology's tasks and builds every task's
   * operators (`build(p)`: the topology for task partition p; `layout` is task 0's).
   */
  static async prepare(
    layout: Topology,
    log: Log,
    build: (partition: number) => Topology,
  ): Promise<QueryTasks> {
    const partitionsOf = new Map<string, number>();
    for (const path of layout.paths) {
      if (path.node.type !== 'source') continue;
      const info = await log.describeTopic(path.topic);
      partitionsOf.set(path.topic, info?.partitions ?? 1);
    }
    const counts: number[] = [];
    const single: boolean[] = [];
    const internal: InternalTopic[] = [];
    const inputsOf = (sub: SubTopology) => sub.paths.map((i) => layout.paths[i]!);
    for (const sub of layout.subTopologies) {
      // A foreign-key join's subscription topic is written by a later sub-topology: it is made
      // with this one's partition count, so it does not count here.
      const inputs = inputsOf(sub).flatMap((p) => {
        const n = partitionsOf.get(p.topic);
        return n === undefined ? [] : [n];
      });
      const tasks = Math.max(1, ...inputs);
      single[sub.id] = sub.singleTask || new Set(inputs).size > 1;
      counts[sub.id] = single[sub.id] ? 1 : tasks;
      for (const topic of [...(sub.output ? [sub.output] : []), ...sub.sideOutputs]) {
        const downstream = layout.subTopologies.find((d) =>
          inputsOf(d).some((p) => p.topic === topic),
        );
        const direct = downstream
          ? inputsOf(downstream).filter((p) => p.node.type === 'source')
          : [];
        const wanted = direct.length > 0 ? partitionsOf.get(direct[0]!.topic)! : tasks;
        const existing = await log.describeTopic(topic);
        if (!existing) {
          await log.createTopic(topic, {
            partitions: wanted,
            config: { 'cleanup.policy': 'delete' },
          });
        }
        const partitions = existing?.partitions ?? wanted;
        partitionsOf.set(topic, partitions);
        const node = layout.paths.find((p) => p.topic === topic)!.node as RepartitionNode;
        internal.push({
          name: topic,
          partitions,
          keyFormat: node.keyFormat.format,
          valueFormat: node.valueFormat.format,
        });
      }
    }
    const instances = [layout];
    for (let p = 1; p < Math.max(...counts); p++) instances.push(build(p));
    const sources = layout.paths.filter((p) => p.node.type === 'source');
    const sourcePartitions = Math.max(1, ...sources.map((p) => partitionsOf.get(p.topic)!));
    const tasks = new QueryTasks(counts, single, instances, internal, true, sourcePartitions);
    await tasks.createChangelogs(log);
    return tasks;
  }

  /**
   * Whether every sub-topology runs one task per partition, so that the query's tasks can run in
   * different processes (task p: partition p of every sub-topology's inputs). The tasks are
   * handed out by the source topics' partitions, so a repartition topic with more partitions
   * than any source (made before the sources grew or shrank) keeps the query whole. So does a
   * foreign-key join (sub-topologies with side outputs): its subscription protocol runs in tasks
   * of one process, but across processes it is not yet tested on a broker.
   */
  get splittable(): boolean {
    return (
      this.partitioned &&
      !this.single.some(Boolean) &&
      !this.instances[0]!.subTopologies.some((sub) => sub.sideOutputs.length > 0) &&
      Math.max(...this.counts) <= this.sourcePartitions
    );
  }

  /** The topology instance that processes partition `partition` of path `path`'s topic. */
  forChunk(path: number, partition: number): Topology {
    if (!this.partitioned) return this.instances[0]!;
    const sub = this.instances[0]!.paths[path]!.subTopology;
    return this.single[sub] ? this.instances[0]! : this.instances[partition]!;
  }

  /** The task partitions topology instance `index` serves in sub-topology `sub`, if any. */
  serves(index: number, sub: SubTopology): 'all' | 'one' | 'none' {
    if (!this.partitioned) return 'all';
    if (this.single[sub.id]) return index === 0 ? 'all' : 'none';
    return index < this.counts[sub.id]! ? 'one' : 'none';
  }

  /** Changelog topics with one partition per task of the sub-topology that keeps the store. */
  private async createChangelogs(log: Log): Promise<void> {
    const layout = this.instances[0]!;
    for (const sub of layout.subTopologies) {
      for (const op of sub.operators) {
        for (const store of op.stores?.() ?? []) {
          if (!store.changelogTopic || (await log.describeTopic(store.changelogTopic))) continue;
          await log.createTopic(store.changelogTopic, {
            partitions: this.counts[sub.id]!,
            config: { 'cleanup.policy': 'compact' },
          });
        }
      }
    }
  }
}
