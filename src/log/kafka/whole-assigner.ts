/**
 * A kafkajs partition assigner that gives every partition of the group's topics to one member:
 * for a query that cannot be split into tasks (a foreign-key join, sources of different
 * partition counts), which one process runs at a time while the others stand by. The member that owns the partitions says so in its
 * metadata and keeps them, so that a process joining does not move the state for nothing; when
 * none does (the owner died or left), the first member by id takes them.
 */
import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

const NAME = 'StreamsqlWholeAssigner';
const VERSION = 1;
const OWNS = Buffer.from([1]);
const STANDS_BY = Buffer.from([0]);

export function wholeAssigner(ownsNow: () => boolean): PartitionAssigner {
  return ({ cluster }) => ({
    name: NAME,
    version: VERSION,
    async assign({ members, topics }) {
      const owner =
        members.find((m) => {
          const data = AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.userData;
          return data !== undefined && data.length > 0 && data[0] === 1;
        })?.memberId ?? members.map((m) => m.memberId).sort()[0];
      const everything: Record<string, number[]> = {};
      for (const topic of topics) {
        everything[topic] = cluster
          .findTopicPartitionMetadata(topic)
          .map((p) => p.partitionId)
          .sort((a, b) => a - b);
      }
      return members.map(({ memberId }) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: VERSION,
          assignment: memberId === owner ? everything : {},
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
          userData: ownsNow() ? OWNS : STANDS_BY,
        }),
      };
    },
  });
}
