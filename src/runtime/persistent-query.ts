/**
 * A running persistent query (CSAS, CTAS, INSERT INTO): reads each input's partitions from
 * their committed offsets, runs each batch along its input's path in the task of its partition
 * (query-tasks.ts), and commits the output records, repartition records, state changelogs,
 * processing-log records and input offsets in one transaction, so a crash at any point neither
 * loses nor duplicates a record. A repartition topic's records are read back, by the tasks
 * downstream of it, once their transaction has committed. On a log that several processes
 * share (Kafka), the query is a member of its consumer group and runs only the tasks it owns
 * (see query-membership.ts), each task's transaction under that task's id.
 */
import type { FunctionRegistry } from '../functions/types.js';
import { FencedError, type Log, type ProducerRecord, type TaskId } from '../log/log.js';
import type { QueryPlan, SourceNode } from '../planner/plan.js';
import type { SchemaRegistry } from '../serde/schema-registry/registry.js';
import { SinkEncoder } from './operators/sink.js';
import { PROCESSING_LOG_TOPIC } from './processing-log.js';
import { BatchContext, type ProcessingLogListener } from './processing-log-writer.js';
import { type GroupMode, QueryMembership } from './query-membership.js';
import { queryGroup } from './query-names.js';
import { restoreState } from './restore-state.js';
import type { StoreChanges } from './state/changelog-store.js';
import type { QueryStateDir } from './state/query-state-dir.js';
import { nextChunk } from './next-chunk.js';
import { type InternalTopic, QueryTasks } from './query-tasks.js';
import { SourceCursor } from './source-cursor.js';
import { TableMaterialization } from './table-materialization.js';
import { buildTopology, runPath, type Topology } from './topology.js';

export type QueryState = 'RUNNING' | 'ERROR' | 'TERMINATED';

export class PersistentQuery {
  state: QueryState = 'RUNNING';
  error: string | undefined;
  readonly group: string;
  /** Task 0's operators, and the shape every task shares. */
  private topology!: Topology;
  private tasks!: QueryTasks;
  private sink!: SinkEncoder;
  private cursors!: SourceCursor[];
  private membership: QueryMembership | undefined;
  private offsetReset: 'earliest' | 'latest' = 'earliest';
  /** The last step's commit, until the next step or flush() has awaited it. */
  private inflight: Promise<void> | undefined;
  /** The last step wrote repartition records: the next one reads them once they landed. */
  private wroteRepartition = false;

  constructor(
    readonly plan: QueryPlan,
    readonly sql: string,
    private readonly log: Log,
    private readonly functions: FunctionRegistry,
    private readonly onProcessingError?: ProcessingLogListener,
    private readonly registry?: SchemaRegistry,
    /** Where its state stores keep their files; absent: in memory. */
    private readonly stateDir?: QueryStateDir,
  ) {
    this.group = queryGroup(plan.queryId);
    this.build();
  }

  /** Fresh operators and stores, and cursors at no position yet. */
  private build(): void {
    this.topology = this.buildTask(0);
    this.tasks = QueryTasks.single(this.topology);
    this.sink = new SinkEncoder(
      this.plan.sink,
      this.topology.schema,
      this.functions,
      this.registry,
    );
    this.cursors = this.topology.paths.map((p) => new SourceCursor(this.log, p.topic));
  }

  private buildTask(partition: number): Topology {
    return buildTopology(
      this.plan.root,
      this.functions,
      this.plan.queryId,
      this.registry,
      partition,
    );
  }

  /** The state stores of the query's operators, with their changelog topics. */
  stores(): {
    operator: string;
    name: string;
    changelogTopic?: string;
    subTopology: number;
    tasks: number;
  }[] {
    return this.topology.subTopologies.flatMap((sub) =>
      sub.operators.flatMap((op) =>
        (op.stores?.() ?? []).map((s) => ({
          operator: op.name,
          ...s,
          subTopology: sub.id,
          tasks: this.tasks.counts[sub.id]!,
        })),
      ),
    );
  }

  /**
   * What pull queries read of the query's table (read as `node`) when its aggregation's store
   * serves it: on a log this process does not share, where it runs every task. Undefined
   * otherwise (the table is then read from its topic).
   */
  materialization(node: SourceNode): TableMaterialization | undefined {
    if (this.state !== 'RUNNING' || this.membership) return undefined;
    const sinkSub = this.topology.subTopologies.find((s) => s.output === undefined);
    if (!sinkSub) return undefined;
    const served = this.tasks.instances.map((t, i) =>
      this.tasks.serves(i, sinkSub) === 'none' ? undefined : t,
    );
    return TableMaterialization.of(
      this.plan,
      served,
      this.sink,
      node,
      this.functions,
      this.registry,
    );
  }

  /** The query's sub-topologies: what each reads and writes, and its tasks (EXPLAIN). */
  subTopologies(): { id: number; inputs: string[]; output: string; tasks: number }[] {
    return this.topology.subTopologies.map((s) => ({
      id: s.id,
      inputs: s.paths.map((i) => this.topology.paths[i]!.topic),
      output: s.output ?? this.plan.sink.topic,
      tasks: this.tasks.counts[s.id]!,
    }));
  }

  /** The repartition topics the query writes, once it started. */
  get repartitionTopics(): readonly InternalTopic[] {
    return this.tasks.repartitionTopics;
  }

  /** The topics the query reads: its sources' and its repartition topics. */
  get sourceTopics(): readonly string[] {
    return this.cursors.map((c) => c.topic);
  }

  /** The source topics, which the consumer group hands out (repartition topics follow them). */
  private get externalTopics(): readonly string[] {
    return this.topology.paths.flatMap((p) => (p.node.type === 'source' ? [p.topic] : []));
  }

  /**
   * Whether the sub-topology reading `topic` reads other topics too (a join): its records must
   * then meet theirs in timestamp order, so the step ends to let them land first.
   */
  private meetsOtherInputs(topic: string): boolean {
    const t = this.topology;
    const downstream = t.subTopologies.find((s) =>
      s.paths.some((i) => t.paths[i]!.topic === topic),
    );
    return (downstream?.paths.length ?? 0) > 1;
  }

  /**
   * Whether input `other`'s records are to meet `first`'s in timestamp order: they reach
   * `first`'s sub-topology through another of its inputs (a join's other side, or the source
   * of that side's repartition topic). Records that reach it through `first` itself (a GROUP BY's
   * source and its repartition topic) keep their order in that topic anyway.
   */
  private readonly meet = (other: number, first: number): boolean => {
    const t = this.topology;
    const target = t.paths[first]!.subTopology;
    // Walks from `other` along what each sub-topology writes (its output, and a foreign-key
    // join's subscriptions) to the paths that read it, until one is in `first`'s sub-topology.
    const seen = new Set<number>([other]);
    const queue = [other];
    while (queue.length > 0) {
      const p = queue.shift()!;
      if (t.paths[p]!.subTopology === target) {
        if (p !== first) return true;
        continue;
      }
      const sub = t.subTopologies[t.paths[p]!.subTopology]!;
      for (const topic of [...(sub.output ? [sub.output] : []), ...sub.sideOutputs]) {
        t.paths.forEach((q, i) => {
          if (q.topic === topic && !seen.has(i)) {
            seen.add(i);
            queue.push(i);
          }
        });
      }
    }
    return false;
  };

  private isInternal(path: number): boolean {
    return this.topology.paths[path]!.node.type === 'repartition';
  }

  /**
   * Each path commits under the query's group; a second path over the same topic (a self-join)
   * under a group of its own, so the two readers stay apart.
   */
  private groupOf(path: number): string {
    if (!this.plan.partitioned) return path === 0 ? this.group : `${this.group}-source${path}`;
    const topic = this.topology.paths[path]!.topic;
    const first = this.topology.paths.findIndex((p) => p.topic === topic);
    return first === path ? this.group : `${this.group}-source${path}`;
  }

  /**
   * Loads the committed offsets and restores state; a new query starts where `offsetReset`
   * says and commits that position at once, so a restart never moves it.
   */
  async open(offsetReset: 'earliest' | 'latest'): Promise<void> {
    this.offsetReset = offsetReset;
    if (this.log.subscribe) {
      const log = this.log as Log & Required<Pick<Log, 'subscribe'>>;
      this.membership = await QueryMembership.join(
        log,
        this.group,
        this.externalTopics,
        await this.mode(),
      );
      await this.follow(this.membership);
      return;
    }
    await this.start();
  }

  /**
   * Queries that run as tasks share them among processes: stateless ones, and stateful ones whose
   * every sub-topology runs one task per partition (`QueryTasks.splittable`). Others (a
   * foreign-key join, sources of different partition counts) run in one process, and move whole.
   */
  private async mode(): Promise<GroupMode> {
    if (!this.stateful) return 'spread';
    if (!this.plan.partitioned) return 'whole';
    const tasks = await QueryTasks.prepare(this.topology, this.log, (p) => this.buildTask(p));
    return tasks.splittable ? 'spread' : 'whole';
  }

  /** Whether the query keeps state: joins, table sources, stores. */
  private get stateful(): boolean {
    const t = this.topology;
    return (
      t.paths.length > 1 ||
      t.paths.some((p) => p.tableSource !== undefined) ||
      t.operators.some((op) => op.restore !== undefined || op.changelog !== undefined)
    );
  }

  /**
   * Applies a change of the tasks owned: restarts from the committed offsets, with fresh state
   * restored from the changelogs of the tasks owned now.
   */
  private async follow(membership: QueryMembership): Promise<boolean> {
    if (!(await membership.reclaim())) return false;
    if (!membership.takeChange()) return true;
    if (membership.mode === 'whole' || this.stateful) this.build();
    const tasks = membership.tasks();
    for (const [i, cursor] of this.cursors.entries()) {
      // A repartition topic belongs to the query: its partition p to task p's owner (in `whole`
      // mode, the owner of the query reads all of it).
      cursor.owned = !this.isInternal(i)
        ? membership.partitions(cursor.topic)
        : membership.mode === 'spread'
          ? tasks
          : membership.active
            ? undefined
            : new Set();
    }
    if (membership.active) await this.start();
    return true;
  }

  /**
   * The transaction of a task: task p's (spread), under partition p of the first source topic
   * that has one, or the whole query's (partition 0).
   */
  private taskOf(partition: number): TaskId | undefined {
    const membership = this.membership;
    if (!membership) return undefined;
    if (membership.mode === 'whole') {
      return { group: this.group, topic: this.cursors[0]!.topic, partition: 0 };
    }
    return { group: this.group, topic: membership.taskTopic(partition), partition };
  }

  private async start(): Promise<void> {
    if (this.plan.partitioned) {
      this.tasks = await QueryTasks.prepare(this.topology, this.log, (p) => this.buildTask(p));
    }
    const offsetReset = this.offsetReset;
    const owns = (i: number, partition: number) => {
      const owned = this.cursors[i]!.owned;
      return !owned || owned.has(partition);
    };
    const fresh: { i: number; partition: number; offset: number }[] = [];
    for (const [i, cursor] of this.cursors.entries()) {
      const committed = await this.log.committedOffsets(this.groupOf(i), cursor.topic);
      // A repartition topic holds only what the query wrote: all of it is to be read.
      await cursor.startAt(this.isInternal(i) ? 'earliest' : offsetReset, committed);
      cursor.positions.forEach((offset, partition) => {
        if (!committed.has(partition) && owns(i, partition)) fresh.push({ i, partition, offset });
      });
    }
    // A partition seen for the first time starts where offsetReset says, committed at once.
    const spread = this.membership?.mode === 'spread';
    for (const group of spread ? fresh.map((f) => [f]) : [fresh]) {
      if (group.length === 0) continue;
      // A fenced commit gives up the task it was for (see step).
      this.lastPartition = group[0]!.partition;
      const tx = this.log.transaction(this.taskOf(this.lastPartition));
      for (const { i, partition, offset } of group) {
        tx.commitOffset(this.groupOf(i), { topic: this.cursors[i]!.topic, partition }, offset);
      }
      await tx.commit();
    }
    const owned = spread && this.plan.partitioned ? this.membership!.tasks() : undefined;
    await restoreState(
      this.tasks,
      this.log,
      this.cursors.map((c) => c.positions),
      owned ? (task) => owned.has(task) : undefined,
      this.stateDir,
    );
  }

  /**
   * Processes the next chunks of input, up to about `maxRecords`, and commits them in one
   * transaction; returns how many input records it consumed. The commit is left in flight, so
   * that the next step computes while the log syncs it: the next step (or `flush`) awaits it
   * before opening its own transaction, so transactions stay one at a time and in order, and a
   * failed commit fails the query before anything after it is committed.
   */
  async step(maxRecords = 5000): Promise<number> {
    if (this.state !== 'RUNNING') return 0;
    const membership = this.membership;
    if (!membership) return this.stepTask(maxRecords, false);
    try {
      if (!(await this.follow(membership)) || !membership.active) return 0;
      return await this.stepTask(maxRecords, membership.mode === 'spread');
    } catch (err) {
      if (!(err instanceof FencedError)) throw err;
      // Another process took the task, or its commit failed: its state here is stale.
      membership.lost(this.lastPartition);
      return 0;
    }
  }

  private lastPartition = 0;

  /**
   * One transaction over the next chunks; with `oneTask` (tasks spread over processes) only
   * chunks of one task, the first chunk's partition, since a transaction is a task's. A
   * chunk that wrote repartition records for a join ends the transaction: their rows are read
   * back after it commits, in timestamp order with the join's other input, before anything
   * newer is processed.
   */
  private async stepTask(maxRecords: number, oneTask: boolean): Promise<number> {
    if (this.wroteRepartition) {
      this.wroteRepartition = false;
      await this.flush();
    }
    const ctx = new BatchContext(this.plan.queryId, this.onProcessingError);
    const writes: { topic: string; records: ProducerRecord[] }[] = [];
    let chunks = 0;
    const positions = new Map<string, { path: number; partition: number; next: number }>();
    let consumed = 0;
    while (consumed < maxRecords) {
      const chunk = await nextChunk(this.cursors, this.meet);
      if (!chunk || (oneTask && chunks > 0 && chunk.partition !== this.lastPartition)) break;
      chunks++;
      this.lastPartition = chunk.partition;
      const path = this.tasks.forChunk(chunk.path, chunk.partition).paths[chunk.path]!;
      // A foreign-key join's left record waits for its response before the next one.
      const records = path.steps.some((s) => s.op.roundTrips && s.port === 'left')
        ? chunk.records.slice(0, 1)
        : chunk.records;
      const rows = runPath(path, records, ctx);
      const output = path.output;
      if (output) {
        const records = output.encode(rows, ctx);
        if (records.length > 0) writes.push({ topic: output.topic, records });
      } else {
        const records = this.sink.encode(rows, ctx);
        if (records.length > 0) writes.push({ topic: this.plan.sink.topic, records });
      }
      const next = this.cursors[chunk.path]!.advance(chunk.partition, records);
      positions.set(`${chunk.path}/${chunk.partition}`, {
        path: chunk.path,
        partition: chunk.partition,
        next,
      });
      consumed += records.length;
      if (output && rows.length > 0 && this.meetsOtherInputs(output.topic)) {
        this.wroteRepartition = true;
        break;
      }
      // Subscriptions of a foreign-key join: read back by the right side's task before more input.
      const side = path.steps.flatMap((s) => s.op.internalRecords?.() ?? []);
      for (const w of side) if (w.records.length > 0) writes.push(w);
      if (side.some((w) => w.records.length > 0)) {
        this.wroteRepartition = true;
        break;
      }
    }
    if (consumed === 0) return 0;
    // The stores hear when their changes are committed: only then may they write them to disk.
    const landed: NonNullable<StoreChanges['committed']>[] = [];
    for (const task of this.tasks.instances) {
      for (const op of task.operators) {
        for (const changes of op.changelog?.() ?? []) {
          if (changes.records.length > 0) writes.push(changes);
          if (changes.committed) landed.push(changes.committed);
        }
      }
    }
    if (ctx.entries.length > 0)
      writes.push({ topic: PROCESSING_LOG_TOPIC, records: ctx.records() });
    await this.flush();
    const tx = this.log.transaction(this.taskOf(this.lastPartition));
    for (const w of writes) tx.append(w.topic, w.records);
    for (const { path, partition, next } of positions.values()) {
      tx.commitOffset(this.groupOf(path), { topic: this.cursors[path]!.topic, partition }, next);
    }
    const commit = tx.commit().then(() => {
      const writtenEnd = (topic: string, partition: number) => tx.writtenEnd?.(topic, partition);
      for (const committed of landed) committed(writtenEnd);
    });
    // Awaited by the next step or flush(); until then a failure must not count as unhandled.
    commit.catch(() => undefined);
    this.inflight = commit;
    // With other processes in the group, a fenced commit must surface in this step, for its task.
    if (this.membership) await this.flush();
    return consumed;
  }

  /** Waits for the last step's commit; says whether there was one. Throws if it failed. */
  async flush(): Promise<boolean> {
    const commit = this.inflight;
    if (!commit) return false;
    this.inflight = undefined;
    await commit;
    return true;
  }

  async caughtUp(): Promise<boolean> {
    for (const c of this.cursors) if (!(await c.caughtUp())) return false;
    return true;
  }

  /** Leaves the consumer group (TERMINATE): the query's partitions go to no one here. */
  async close(): Promise<void> {
    await this.membership?.close();
    this.membership = undefined;
  }

  /** Writes what its stores committed to their files and closes them (the engine closes). */
  async closeState(): Promise<void> {
    await this.stateDir?.close();
  }

  /** Deletes its state directory (TERMINATE): the changelogs stay the state's record. */
  async removeState(): Promise<void> {
    await this.stateDir?.remove();
  }

  fail(err: unknown): void {
    this.state = 'ERROR';
    this.error = err instanceof Error ? err.message : String(err);
  }
}
