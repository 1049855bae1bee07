/**
 * Workloads (a)–(c) on the embedded log: in a copy of the base data directory, declare the
 * sources, start the persistent query and time it from CREATE … AS SELECT until the engine has
 * drained the whole source topic into the durable sink topic.
 */
import { openEngine, topicCount } from './embedded.js';
import { profiled } from './profile.js';
import { querySql, sourcesSql, EMBEDDED_TOPICS, type ThroughputWorkload } from './workloads.js';

export interface ThroughputArgs {
  readonly dataDir: string;
  readonly workload: ThroughputWorkload;
}

export interface ThroughputResult {
  readonly workload: ThroughputWorkload;
  /** Source records processed (the pageviews; the join's 10k table records are not counted). */
  readonly records: number;
  readonly outputRecords: number;
  readonly seconds: number;
  /** CPU time of the whole process (main thread, GC and I/O threads) over the same interval. */
  readonly cpuSeconds: number;
  readonly recordsPerS: number;
  readonly rssMb: number;
}

export async function throughput(args: ThroughputArgs): Promise<ThroughputResult> {
  const { engine, log } = await openEngine(args.dataDir);
  try {
    await engine.executeScript(sourcesSql(EMBEDDED_TOPICS));
    const records = await topicCount(log, EMBEDDED_TOPICS.pageviews);
    const sink = `${args.workload.toUpperCase()}_OUT`;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await profiled(args.workload, async () => {
      await engine.executeScript(querySql(args.workload, sink));
      await engine.drain();
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    for (const q of engine.queries.values()) {
      if (q.state !== 'RUNNING')
        throw new Error(`query ${q.plan.queryId} is ${q.state}: ${q.error}`);
    }
    return {
      workload: args.workload,
      records,
      outputRecords: await topicCount(log, sink),
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      recordsPerS: records / seconds,
      rssMb: process.memoryUsage.rss() / 2 ** 20,
    };
  } finally {
    await engine.close();
  }
}
