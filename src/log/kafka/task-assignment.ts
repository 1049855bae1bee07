/**
 * How a query's tasks are spread over the members of its consumer group, as plain data (the
 * kafkajs assigner around it is `task-assigner.ts`). A query's tasks are numbered by partition:
 * task p reads partition p of every topic the group subscribes (both sides of a join, a table
 * source with the stream it enriches) and of the query's repartition topics, and keeps the stores
 * on partition p of its changelogs. Kafka Streams' assignor hands out tasks, never single
 * partitions, so that co-partitioned inputs meet in one process; here, too, a member gets a task
 * number with partition p of every subscribed topic that has one.
 *
 * The spread is balanced (member counts differ by at most one) and sticky: a member keeps the
 * tasks it reports owning, up to its share, so that a member joining or leaving moves only the
 * tasks it must (a moved task restores its stores from the changelog). A task that two members
 * report (a zombie that has not yet heard it lost the task) stays with the first by member id.
 */

/** A member of the group, and the task numbers it says it owns now. */
export interface TaskMember {
  readonly memberId: string;
  readonly owned: readonly number[];
}

/** Per member id: per topic, the partitions it is assigned. */
export type TaskAssignment = Map<string, Record<string, number[]>>;

/**
 * Assigns the task numbers 0 … max(partition count) − 1 over `members`; `partitions` gives each
 * subscribed topic's partition count.
 */
export function assignTasks(
  members: readonly TaskMember[],
  partitions: ReadonlyMap<string, number>,
): TaskAssignment {
  const ids = [...new Set(members.map((m) => m.memberId))].sort();
  const out: TaskAssignment = new Map();
  if (ids.length === 0) return out;
  const taskCount = Math.max(0, ...partitions.values());
  const base = Math.floor(taskCount / ids.length);
  let extra = taskCount % ids.length;
  const tasksOf = new Map<string, number[]>(ids.map((id) => [id, []]));
  const taken = new Set<number>();
  const reported = new Map<string, number[]>();
  for (const m of members) {
    reported.set(m.memberId, [...(reported.get(m.memberId) ?? []), ...m.owned]);
  }
  // Sticky first: each member keeps what it owns, up to its share.
  for (const id of ids) {
    const kept = tasksOf.get(id)!;
    const owned = [...new Set(reported.get(id) ?? [])].sort((a, b) => a - b);
    for (const task of owned) {
      if (!Number.isInteger(task) || task < 0 || task >= taskCount || taken.has(task)) continue;
      if (kept.length >= base + (extra > 0 ? 1 : 0)) break;
      if (kept.length === base) extra--;
      kept.push(task);
      taken.add(task);
    }
  }
  // Then the rest, each to the member with the fewest tasks (ties: by member id).
  for (let task = 0; task < taskCount; task++) {
    if (taken.has(task)) continue;
    let least = ids[0]!;
    for (const id of ids) if (tasksOf.get(id)!.length < tasksOf.get(least)!.length) least = id;
    tasksOf.get(least)!.push(task);
  }
  for (const id of ids) {
    const tasks = new Set(tasksOf.get(id)!);
    const assignment: Record<string, number[]> = {};
    for (const [topic, count] of partitions) {
      assignment[topic] = Array.from({ length: count }, (_, p) => p).filter((p) => tasks.has(p));
    }
    out.set(id, assignment);
  }
  return out;
}
