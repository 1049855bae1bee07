/**
 * A foreign-key join as Kafka Streams lays it out: two sub-topologies joined by two internal
 * topics, so that the left table's partition p and the right table's partition q are in
 * different tasks.
 *
 * - The right sub-topology reads the subscription topic and the right table; its operator
 *   (ForeignKeySubscriptionOperator) writes responses to the response topic.
 * - The left sub-topology, which goes on to what the join feeds, reads the response topic and
 *   the left table; its operator (ForeignKeyLeftOperator) writes subscriptions to the
 *   subscription topic as a side output, and emits the join's rows.
 *
 * Each sub-topology lists its internal topic before its table: at equal timestamps a message
 * is processed before the next table record, so every record is answered in input order.
 */
import type { JoinNode } from '../planner/plan.js';
import {
  ResponseDecoder,
  ResponseEncoder,
  SubscriptionDecoder,
  SubscriptionEncoder,
  subscriptionTopicNode,
} from './operators/foreign-key-messages.js';
import { ForeignKeyLeftOperator } from './operators/foreign-key-left.js';
import { ForeignKeySubscriptionOperator } from './operators/foreign-key-right.js';
import { joinConfig, leftPrimaryKey } from './operator-factory.js';
import { queryGroup } from './query-names.js';
import type { OpenPath, TopologyBuilder } from './topology.js';

export function buildForeignKeyJoin(node: JoinNode, b: TopologyBuilder): OpenPath[] {
  const subscriptions = node.subscriptions!;
  const registrationTopic = `${queryGroup(b.queryId)}-${subscriptions.registration}`;
  const responseTopic = `${queryGroup(b.queryId)}-${subscriptions.response}`;
  const config = joinConfig(node, b);
  // The left side first: sub-topologies it depends on get the lower numbers, so their topics
  // exist when the response topic is made with the left side's partition count.
  const leftPaths = b.build(node.left);
  const rightPaths = b.build(node.right);

  const rightOp = new ForeignKeySubscriptionOperator(config);
  b.add(rightOp);
  const registration: OpenPath = {
    topic: registrationTopic,
    node: subscriptionTopicNode(node, 'registration'),
    decoder: new SubscriptionDecoder(),
    steps: [{ op: rightOp, port: 'left' }],
    subTopology: -1,
  };
  for (const p of rightPaths) p.steps.push({ op: rightOp, port: 'right' });
  b.finish([registration, ...rightPaths], new ResponseEncoder(responseTopic));

  const foreignKeyType = ('type' in node.leftKey && node.leftKey.type) || { base: 'STRING' };
  const leftOp = new ForeignKeyLeftOperator(
    config,
    leftPrimaryKey(node),
    new SubscriptionEncoder(
      registrationTopic,
      subscriptions.foreignKeyFormat,
      foreignKeyType,
      rightPaths[0]!.topic,
      b.registry,
    ),
    subscriptions.inOrder === true,
  );
  b.add(leftOp, registrationTopic);
  const response: OpenPath = {
    topic: responseTopic,
    node: subscriptionTopicNode(node, 'response'),
    decoder: new ResponseDecoder(),
    steps: [{ op: leftOp, port: 'right' }],
    subTopology: -1,
  };
  for (const p of leftPaths) p.steps.push({ op: leftOp, port: 'left' });
  return [response, ...leftPaths];
}
