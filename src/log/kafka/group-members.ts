/**
 * A consumer group as its coordinator has it now (DescribeGroups): whether it is stable, and the
 * partitions each member was assigned in its current generation. A member that lost a task's
 * commit asks this before claiming the task's id again, so that a process out of the group (its
 * session expired, kafkajs not yet rejoined) cannot fence the task's new owner.
 */
import { type Admin, AssignerProtocol } from 'kafkajs';
import type { TopicPartition } from '../log.js';

export interface GroupMembers {
  /** `Stable` once every member has its assignment of the current generation. */
  readonly state: string;
  /** Per member id, the partitions it is assigned. */
  readonly members: ReadonlyMap<string, readonly TopicPartition[]>;
}

export async function describeGroupMembers(admin: Admin, group: string): Promise<GroupMembers> {
  const { groups } = await admin.describeGroups([group]);
  const described = groups.find((g) => g.groupId === group);
  const members = new Map<string, TopicPartition[]>();
  for (const m of described?.members ?? []) {
    const assignment = AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment;
    const tps: TopicPartition[] = [];
    for (const [topic, partitions] of Object.entries(assignment ?? {})) {
      for (const partition of partitions) tps.push({ topic, partition });
    }
    members.set(m.memberId, tps);
  }
  return { state: described?.state ?? 'Dead', members };
}
