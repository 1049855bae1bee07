/**
 * A kafkajs partition assigner that hands out a query's tasks rather than single partitions
 * (see `task-assignment.ts`): partition p of every topic of the group goes to one member, so
 * the co-partitioned inputs of a task (both sides of a join, a stream and the table it is joined
 * with) are read in the same process, and a repartition topic's partition p follows them. Each
 * member tells, in its metadata, the task numbers it owns, so that the spread is sticky.
 */
import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';
import { assignTasks } from './task-assignment.js';

const NAME = 'StreamsqlTaskAssigner';
const VERSION = 1;

/** The task numbers a member owns, as its metadata's user data: big-endian int32s. */
export function encodeOwnedTasks(tasks: readonly number[]): Buffer {
  const out = Buffer.alloc(4 * tasks.length);
  tasks.forEach((t, i) => out.writeInt32BE(t, 4 * i));
  return out;
}

export function decodeOwnedTasks(data: Buffer | undefined): number[] {
  if (!data) return [];
  const out: number[] = [];
  for (let i = 0; i + 4 <= data.length; i += 4) out.push(data.readInt32BE(i));
  return out;
}

/** `ownedTasks`: the task numbers this process owns now (told to the group leader). */
export function taskAssigner(ownedTasks: () => readonly number[]): PartitionAssigner {
  return ({ cluster }) => ({
    name: NAME,
    version: VERSION,
    async assign({ members, topics }) {
      const partitions = new Map<string, number>();
      for (const topic of topics) {
        partitions.set(topic, cluster.findTopicPartitionMetadata(topic).length);
      }
      const assignment = assignTasks(
        members.map((m) => ({
          memberId: m.memberId,
          owned: decodeOwnedTasks(
            AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.userData,
          ),
        })),
        partitions,
      );
      return members.map(({ memberId }) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: VERSION,
          assignment: assignment.get(memberId) ?? {},
          userData: Buffer.alloc(0),
        }),
      }));
    },
    protocol({ topics }) {
      return {
        name: NAME,
        metadata: AssignerProtocol.MemberMetadata.encode({
          version: VERSION,
          topics,
          userData: encodeOwnedTasks(ownedTasks()),
        }),
      };
    },
  });
}
