/**
 * How a group subscription applies the assignments kafkajs reports, without a broker: a fake
 * consumer reports joins, and the claims of the partitions assigned fail or succeed on demand.
 */
import type { ConsumerGroupJoinEvent, Kafka } from 'kafkajs';
import { describe, expect, it, vi } from 'vitest';
import type { GroupMembers } from '../../../src/log/kafka/group-members.js';
import { subscribeGroup } from '../../../src/log/kafka/group-subscription.js';
import type { TopicPartition } from '../../../src/log/log.js';

/** A kafkajs consumer that joins at `run` with `first` and lets the test report later joins. */
function fakeKafka(
  first: Record<string, number[]>,
  firstMemberId?: string,
  pause: () => void = () => undefined,
) {
  const listeners: ((e: ConsumerGroupJoinEvent) => void)[] = [];
  const join = (memberAssignment: Record<string, number[]>, memberId?: string) => {
    const event = { payload: { memberAssignment, memberId } } as unknown as ConsumerGroupJoinEvent;
    for (const l of listeners) l(event);
  };
  const consumer = {
    events: { GROUP_JOIN: 'consumer.group_join' },
    connect: async () => undefined,
    subscribe: async () => undefined,
    on: (_: string, listener: (e: ConsumerGroupJoinEvent) => void) => listeners.push(listener),
    run: async () => join(first, firstMemberId),
    pause,
    disconnect: async () => undefined,
  };
  return { kafka: { consumer: () => consumer } as unknown as Kafka, join };
}

/** A coordinator that knows no member (the tests that reclaim say what it knows). */
const noGroup = async (): Promise<GroupMembers> => ({ state: 'Stable', members: new Map() });

describe('group subscription', () => {
  it('retries a failed claim rather than dropping the assignment', async () => {
    const { kafka } = fakeKafka({ t: [0, 1] });
    let failures = 2;
    const claimed: number[] = [];
    const assigned: TopicPartition[] = [];
    const subscription = await subscribeGroup(
      {
        kafka,
        claim: async (_, tp) => {
          if (tp.partition === 1 && failures-- > 0) throw new Error('request timed out');
          claimed.push(tp.partition);
        },
        closed: () => undefined,
        describe: noGroup,
      },
      'g',
      ['t'],
      { onAssign: async (tps) => void assigned.push(...tps), onRevoke: async () => undefined },
    );
    expect(subscription.assignment()).toEqual([
      { topic: 't', partition: 0 },
      { topic: 't', partition: 1 },
    ]);
    expect(assigned.map((tp) => tp.partition).sort()).toEqual([0, 1]);
    expect(failures).toBe(-1);
    await subscription.close();
  });

  it('waits for kafkajs to restart a group whose first join crashed, rather than failing', async () => {
    let refusals = 3;
    const { kafka } = fakeKafka({ t: [0] }, undefined, () => {
      if (refusals-- > 0)
        throw new Error('Consumer group was not initialized, consumer#run must be called first');
    });
    const subscription = await subscribeGroup(
      { kafka, claim: async () => undefined, closed: () => undefined, describe: noGroup },
      'g',
      ['t'],
      { onAssign: async () => undefined, onRevoke: async () => undefined },
    );
    expect(refusals).toBe(-1);
    expect(subscription.assignment()).toEqual([{ topic: 't', partition: 0 }]);
    await subscription.close();
  });

  it('hands partitions to the listener again when it failed to take them', async () => {
    const { kafka } = fakeKafka({ t: [3] });
    let failures = 1;
    const taken: number[] = [];
    const subscription = await subscribeGroup(
      { kafka, claim: async () => undefined, closed: () => undefined, describe: noGroup },
      'g',
      ['t'],
      {
        onAssign: async (tps) => {
          if (failures-- > 0) throw new Error('committed offsets: request timed out');
          taken.push(...tps.map((tp) => tp.partition));
        },
        onRevoke: async () => undefined,
      },
    );
    expect(taken).toEqual([3]);
    expect(subscription.assignment()).toEqual([{ topic: 't', partition: 3 }]);
    await subscription.close();
  });

  it('gives up a failing assignment for a newer one', async () => {
    const { kafka, join } = fakeKafka({ t: [0] });
    let failing = false;
    const subscription = await subscribeGroup(
      {
        kafka,
        claim: async (_, tp) => {
          if (failing && tp.partition === 1) throw new Error('request timed out');
        },
        closed: () => undefined,
        describe: noGroup,
      },
      'g',
      ['t'],
      { onAssign: async () => undefined, onRevoke: async () => undefined },
    );
    failing = true;
    join({ t: [0, 1] });
    await new Promise((r) => setTimeout(r, 50));
    join({ t: [2] });
    await vi.waitFor(
      () => expect(subscription.assignment()).toEqual([{ topic: 't', partition: 2 }]),
      { timeout: 10_000 },
    );
    await subscription.close();
    expect(subscription.assignment()).toEqual([]);
  });

  it('takes its assignment afresh after it rejoined under a new member id', async () => {
    const { kafka, join } = fakeKafka({ t: [0, 1] }, 'member-1');
    const claimed: number[] = [];
    const events: string[] = [];
    const subscription = await subscribeGroup(
      {
        kafka,
        claim: async (_, tp) => void claimed.push(tp.partition),
        closed: () => undefined,
        describe: noGroup,
      },
      'g',
      ['t'],
      {
        onAssign: async (tps) => void events.push(`assign ${tps.map((tp) => tp.partition)}`),
        onRevoke: async (tps) => void events.push(`revoke ${tps.map((tp) => tp.partition)}`),
      },
    );
    // Its session expired (a pause): partition 1 may have been another member's meanwhile.
    join({ t: [1, 2] }, 'member-2');
    await vi.waitFor(() => expect(events).toHaveLength(3), { timeout: 10_000 });
    expect(events).toEqual(['assign 0,1', 'revoke 0,1', 'assign 1,2']);
    expect(claimed).toEqual([0, 1, 1, 2]);
    // Under the same member id, a partition kept is neither revoked nor claimed again.
    join({ t: [2] }, 'member-2');
    await vi.waitFor(() => expect(events).toHaveLength(4), { timeout: 10_000 });
    expect(events.at(-1)).toBe('revoke 1');
    expect(claimed).toEqual([0, 1, 1, 2]);
    await subscription.close();
  });

  it('claims a lost task again only while the coordinator says the group assigns it here', async () => {
    const { kafka, join } = fakeKafka({ t: [0, 1] }, 'member-1');
    const claimed: number[] = [];
    let group: GroupMembers = { state: 'Stable', members: new Map() };
    const subscription = await subscribeGroup(
      {
        kafka,
        claim: async (_, tp) => void claimed.push(tp.partition),
        closed: () => undefined,
        describe: async () => group,
      },
      'g',
      ['t'],
      { onAssign: async () => undefined, onRevoke: async () => undefined },
    );
    expect(claimed).toEqual([0, 1]);
    const lost = [{ topic: 't', partition: 1 }];
    // Out of the group (its session expired while it was paused): the task is another's now,
    // and claiming it would fence that member's commits.
    group = { state: 'Stable', members: new Map([['member-2', [{ topic: 't', partition: 1 }]]]) };
    expect(await subscription.reclaim(lost)).toBe(false);
    // Rebalancing: the next assignment says who owns it.
    group = { state: 'PreparingRebalance', members: new Map([['member-1', lost]]) };
    expect(await subscription.reclaim(lost)).toBe(false);
    expect(claimed).toEqual([0, 1]);
    group = { state: 'Stable', members: new Map([['member-1', lost]]) };
    expect(await subscription.reclaim(lost)).toBe(true);
    expect(claimed).toEqual([0, 1, 1]);
    // Under a new member id, the group's word for the old one no longer holds.
    join({ t: [1] }, 'member-3');
    await vi.waitFor(() => expect(claimed).toEqual([0, 1, 1, 1]), { timeout: 10_000 });
    expect(await subscription.reclaim(lost)).toBe(false);
    await subscription.close();
  });
});
