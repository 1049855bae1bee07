/**
 * The task-grouping assignment, without a broker: partition p of every topic of a query's group
 * goes to one member (co-partitioned inputs meet in one process), balanced and sticky, and
 * through the kafkajs assigner's metadata and assignment encoding.
 */
import { AssignerProtocol, type Cluster } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { assignTasks, type TaskAssignment } from '../../../src/log/kafka/task-assignment.js';
import {
  decodeOwnedTasks,
  encodeOwnedTasks,
  taskAssigner,
} from '../../../src/log/kafka/task-assigner.js';

/** The task numbers each member got, read off its partitions of every topic. */
function tasksOf(assignment: TaskAssignment): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [member, topics] of assignment) {
    out.set(
      member,
      [...new Set(Object.values(topics).flat())].sort((a, b) => a - b),
    );
  }
  return out;
}

/** Every partition of every topic is assigned to exactly one member. */
function expectComplete(assignment: TaskAssignment, partitions: Map<string, number>): void {
  for (const [topic, count] of partitions) {
    const owners = [...assignment.values()].flatMap((a) => a[topic] ?? []);
    expect(owners.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, p) => p));
  }
}

describe('assignTasks', () => {
  it('gives partition p of every co-partitioned topic to the same member', () => {
    const partitions = new Map([
      ['orders', 4],
      ['customers', 4],
    ]);
    const members = ['c', 'a', 'b'].map((memberId) => ({ memberId, owned: [] }));
    const assignment = assignTasks(members, partitions);
    expectComplete(assignment, partitions);
    for (const topics of assignment.values()) {
      expect(topics['orders']).toEqual(topics['customers']);
    }
    const counts = [...tasksOf(assignment).values()].map((t) => t.length).sort();
    expect(counts).toEqual([1, 1, 2]);
  });

  it('keeps the tasks members own where the balance allows', () => {
    const partitions = new Map([['src', 6]]);
    const before = assignTasks(
      [
        { memberId: 'm1', owned: [] },
        { memberId: 'm2', owned: [] },
      ],
      partitions,
    );
    const owned = tasksOf(before);
    // A third member joins: each of the first two gives up one task, and keeps the rest.
    const after = tasksOf(
      assignTasks(
        [
          { memberId: 'm1', owned: owned.get('m1')! },
          { memberId: 'm2', owned: owned.get('m2')! },
          { memberId: 'm0', owned: [] },
        ],
        partitions,
      ),
    );
    for (const id of ['m1', 'm2']) {
      expect(after.get(id)).toHaveLength(2);
      for (const task of after.get(id)!) expect(owned.get(id)).toContain(task);
    }
    expect(after.get('m0')).toHaveLength(2);
  });

  it('hands a member that left all of its tasks to the members that remain', () => {
    const partitions = new Map([
      ['left', 4],
      ['right', 4],
    ]);
    const after = assignTasks(
      [
        { memberId: 'survivor', owned: [1, 3] },
        { memberId: 'newcomer', owned: [] },
      ],
      partitions,
    );
    expect(tasksOf(after).get('survivor')).toEqual([1, 3]);
    expect(tasksOf(after).get('newcomer')).toEqual([0, 2]);
    expect(tasksOf(assignTasks([{ memberId: 'survivor', owned: [1, 3] }], partitions))).toEqual(
      new Map([['survivor', [0, 1, 2, 3]]]),
    );
  });

  it('gives a task two members report (a zombie) to one of them only', () => {
    const partitions = new Map([['src', 2]]);
    const assignment = assignTasks(
      [
        { memberId: 'b', owned: [0, 1] },
        { memberId: 'a', owned: [0] },
      ],
      partitions,
    );
    expectComplete(assignment, partitions);
    expect(tasksOf(assignment)).toEqual(
      new Map([
        ['a', [0]],
        ['b', [1]],
      ]),
    );
  });

  it('assigns partitions a topic has to the owner of their task when counts differ', () => {
    // A table of 2 partitions repartitioned to 4 to meet a stream of 4: tasks 0–3.
    const partitions = new Map([
      ['stream', 4],
      ['table', 2],
    ]);
    const assignment = assignTasks(
      [
        { memberId: 'a', owned: [] },
        { memberId: 'b', owned: [] },
      ],
      partitions,
    );
    expectComplete(assignment, partitions);
    for (const topics of assignment.values()) {
      expect(topics['table']).toEqual(topics['stream']!.filter((p) => p < 2));
    }
  });

  it('ignores reported tasks the topics do not have, and keeps counts within one', () => {
    const partitions = new Map([['src', 5]]);
    const assignment = assignTasks(
      [
        { memberId: 'a', owned: [0, 1, 2, 3, 4, 9, -1] },
        { memberId: 'b', owned: [] },
      ],
      partitions,
    );
    expectComplete(assignment, partitions);
    const tasks = tasksOf(assignment);
    expect(tasks.get('a')).toEqual([0, 1, 2]);
    expect(tasks.get('b')).toEqual([3, 4]);
  });
});

describe('taskAssigner (kafkajs)', () => {
  const cluster = {
    findTopicPartitionMetadata: (topic: string) =>
      Array.from({ length: topic === 'a' ? 4 : 2 }, (_, partitionId) => ({ partitionId })),
  } as unknown as Cluster;

  it('round-trips owned tasks through member metadata', () => {
    expect(decodeOwnedTasks(encodeOwnedTasks([3, 0, 7]))).toEqual([3, 0, 7]);
    expect(decodeOwnedTasks(undefined)).toEqual([]);
  });

  it('assigns whole tasks to members from their metadata, sticking to what they own', async () => {
    const owned = new Map([
      ['m1', [2, 3]],
      ['m2', []],
    ]);
    const members = [...owned].map(([memberId, tasks]) => {
      const assigner = taskAssigner(() => tasks)({ cluster, groupId: 'g', logger: undefined! });
      return {
        memberId,
        memberMetadata: assigner.protocol({ topics: ['a', 'b'] }).metadata,
      };
    });
    const assigner = taskAssigner(() => [])({ cluster, groupId: 'g', logger: undefined! });
    const out = await assigner.assign({ members, topics: ['a', 'b'] });
    const decoded = new Map(
      out.map((m) => [
        m.memberId,
        AssignerProtocol.MemberAssignment.decode(m.memberAssignment)!.assignment,
      ]),
    );
    expect(decoded.get('m1')).toEqual({ a: [2, 3], b: [] });
    expect(decoded.get('m2')).toEqual({ a: [0, 1], b: [0, 1] });
  });
});
