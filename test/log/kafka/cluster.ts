/**
 * A three-node KRaft cluster on loopback for the replication test, started and stopped with the
 * scripts of test/kafka (state under .kafka/cluster-test, fresh each run). Nodes listen on
 * 127.0.0.1:29092, :29094 and :29096 (controllers on the odd ports up to 29097), the ports of
 * `npm run kafka:start -- --nodes 3`: stop such a cluster before running this test, or move this
 * one with `STREAMSQL_KAFKA_CLUSTER_PORT=P` (nodes on P, P+2, P+4; controllers on P+1 … P+5).
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './broker.js';

const run = promisify(execFile);
const SCRIPTS = path.join(REPO_ROOT, 'test/kafka');
const PORT = Number(process.env['STREAMSQL_KAFKA_CLUSTER_PORT'] ?? 29092);
const NAME = PORT === 29092 ? 'cluster-test' : `cluster-test-${PORT}`;
const CLUSTER = ['--nodes', '3', '--name', NAME, '--port', String(PORT)];

export const CLUSTER_BROKERS = [0, 2, 4].map((d) => `127.0.0.1:${PORT + d}`);

export async function startCluster(): Promise<void> {
  await run(path.join(SCRIPTS, 'start.sh'), [...CLUSTER, '--fresh'], { timeout: 240_000 });
}

export async function stopCluster(): Promise<void> {
  await run(path.join(SCRIPTS, 'stop.sh'), CLUSTER, { timeout: 120_000 });
}

/** Kills one node at once (SIGKILL), as a crash would. */
export async function killNode(node: number): Promise<void> {
  await run(path.join(SCRIPTS, 'stop.sh'), [...CLUSTER, '--node', String(node), '--kill']);
}

export async function startNode(node: number): Promise<void> {
  await run(path.join(SCRIPTS, 'start.sh'), [...CLUSTER, '--node', String(node)], {
    timeout: 120_000,
  });
}
