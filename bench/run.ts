/**
 * `npm run bench`: throughput, latency and memory of streamsql against a naive loop (and,
 * with a broker, against Kafka Streams), in one run. Each measurement runs in its own process
 * (worker.ts) on its own copy of a data directory prepared once. Prints a table and writes
 * bench/results.json.
 *
 * Environment: BENCH_RECORDS (pageviews, default 1,000,000), BENCH_TABLE_KEYS (keys of the
 * big table, default BENCH_RECORDS), BENCH_PULL_SECONDS (time for pull lookups, default 20),
 * BENCH_LATENCY_RATE / BENCH_LATENCY_SECONDS (default 2000 rec/s for 20 s), STREAMSQL_KAFKA
 * (host:port of a broker for the Kafka part), BENCH_KEEP=1 (keep the scratch directory).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runWorker } from './lib/child.js';
import { kafkaWorkloads, type KafkaOutcome } from './lib/kafka.js';
import type { LatencyResult } from './lib/latency.js';
import type { NaiveRun } from './lib/naive.js';
import { ensureGeneratedParser, REPO_ROOT } from './lib/paths.js';
import type { PrepareResult } from './lib/prepare.js';
import {
  formatTable,
  gitCommit,
  machine,
  round,
  type BenchResults,
  type LimitedRun,
  type WorkloadResult,
} from './lib/report.js';
import { memoryCgroup } from './lib/memory-cgroup.js';
import { startup } from './lib/startup.js';
import type { MemorySplit, RestoreResult, Table1mResult } from './lib/table-1m.js';
import type { ThroughputResult } from './lib/throughput.js';
import {
  THROUGHPUT_WORKLOADS,
  type ThroughputWorkload,
  type WorkloadName,
} from './lib/workloads.js';

const env = (name: string, fallback: number): number => {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : Number(v);
};

const RECORDS = env('BENCH_RECORDS', 1_000_000);
const TABLE_KEYS = env('BENCH_TABLE_KEYS', RECORDS);
const PULL_SECONDS = env('BENCH_PULL_SECONDS', 20);
const LATENCY_RATE = env('BENCH_LATENCY_RATE', 2000);
const LATENCY_SECONDS = env('BENCH_LATENCY_SECONDS', 20);
const KAFKA = process.env.STREAMSQL_KAFKA;

const started = performance.now();
function step(message: string): void {
  process.stderr.write(
    `bench [${((performance.now() - started) / 1000).toFixed(0)} s]: ${message}\n`,
  );
}

async function main(): Promise<void> {
  const loadStart = os.loadavg()[0]!;
  ensureGeneratedParser();
  const work = mkdtempSync(path.join(os.tmpdir(), 'streamsql-bench-'));
  const dir = (name: string): string => path.join(work, name);
  try {
    step(`generating ${RECORDS} pageviews, 10,000 users and ${TABLE_KEYS} profiles into ${work}`);
    const kafkaFile = KAFKA ? dir('kafka.tsv') : undefined;
    const prepared = await runWorker<PrepareResult>('prepare', {
      dataDir: dir('base'),
      records: RECORDS,
      profiles: TABLE_KEYS,
      ...(kafkaFile ? { kafkaFile } : {}),
    });

    step('naive loops (first of two runs)');
    const naiveArgs = {
      records: RECORDS,
      profiles: TABLE_KEYS,
      lookups: Math.min(RECORDS, 1_000_000),
    };
    const naiveFirst = await runWorker<NaiveRun[]>('naive', naiveArgs);

    const engine = new Map<ThroughputWorkload, ThroughputResult>();
    for (const workload of THROUGHPUT_WORKLOADS) {
      step(`engine: ${workload}`);
      cpSync(dir('base'), dir(workload), { recursive: true });
      engine.set(
        workload,
        await runWorker<ThroughputResult>('throughput', { dataDir: dir(workload), workload }),
      );
      rmSync(dir(workload), { recursive: true, force: true });
    }

    step(`engine: ${TABLE_KEYS}-key table, RSS and pull lookups (${PULL_SECONDS} s)`);
    cpSync(dir('base'), dir('table'), { recursive: true });
    const table = await runWorker<Table1mResult>('table-1m', {
      dataDir: dir('table'),
      lookupBudgetS: PULL_SECONDS,
      minLookups: 3,
      maxLookups: 1_000_000,
    });
    step('engine: restoring the table in a fresh process, from its state store files');
    const restore = await runWorker<RestoreResult>('restore-1m', { dataDir: dir('table') });
    step('engine: restoring the table in a fresh process, from an empty state directory');
    const fullRestore = await runWorker<RestoreResult>('restore-1m', {
      dataDir: dir('table'),
      emptyStateDir: true,
    });
    rmSync(dir('table'), { recursive: true, force: true });

    step(`engine: the ${TABLE_KEYS}-key table again, in a ${LIMIT_MB} MB memory cgroup`);
    cpSync(dir('base'), dir('limited'), { recursive: true });
    const limited = await tableUnderLimit(dir('limited'));
    rmSync(dir('limited'), { recursive: true, force: true });

    step(`engine: latency at ${LATENCY_RATE} rec/s for ${LATENCY_SECONDS} s`);
    const latency = await runWorker<LatencyResult>('latency', {
      dataDir: dir('latency'),
      rate: LATENCY_RATE,
      seconds: LATENCY_SECONDS,
      // Leave most of a short run to measure: outputs of the first quarter (at most 3 s) are not counted.
      warmupS: Math.min(3, LATENCY_SECONDS / 4),
    });

    step('startup: streamsql -e "SHOW STREAMS;"');
    const start = await startup(REPO_ROOT, dir('startup'));

    step('naive loops (second run; the faster of the two counts)');
    const naiveSecond = await runWorker<NaiveRun[]>('naive', naiveArgs);
    const naive = bestOf(naiveFirst, naiveSecond);

    let kafka: KafkaOutcome = {
      entries: [],
      skipped: 'set STREAMSQL_KAFKA=host:port to a running broker (npm run kafka:start)',
    };
    if (KAFKA && kafkaFile) {
      step(`kafka: ${KAFKA}`);
      const expected = {
        project_filter: naive.get('project_filter')!.outputRecords,
        tumbling_count: naive.get('tumbling_count')!.outputRecords,
        stream_table_join: naive.get('stream_table_join')!.outputRecords,
      };
      kafka = await kafkaWorkloads({
        bootstrap: KAFKA,
        repoRoot: REPO_ROOT,
        workDir: work,
        file: kafkaFile,
        records: RECORDS,
        expected,
      }).catch((err: Error) => ({ entries: [], skipped: `failed: ${err.message}` }));
    }

    const { commit, dirty } = gitCommit(REPO_ROOT);
    const results: BenchResults = {
      machine: machine(loadStart),
      commit,
      dirty,
      date: new Date().toISOString(),
      avg_value_bytes: prepared.avgValueBytes,
      workloads: [
        ...THROUGHPUT_WORKLOADS.map((w) => throughputRow(engine.get(w)!, naive.get(w)!)),
        pullRow(table, naive.get('pull_lookup')!),
      ],
      startup_ms: round(start.ms),
      table_1m_rss_mb: round(
        Math.max(table.rssMb, table.rssAfterPullMb, restore.rssMb, fullRestore.rssMb),
      ),
      table_1m_anon_mb: round(
        Math.max(
          ...[table.memory, table.memoryAfterPull, restore.memory, fullRestore.memory].map(
            (m) => m.anonMb,
          ),
        ),
      ),
      table_1m_limited: limited,
      restore_1m_s: round(restore.seconds, 2),
      latency_ms: { p50: latency.p50, p99: latency.p99 },
      kafka: kafka.entries,
      ...(kafka.skipped !== undefined ? { kafka_skipped: kafka.skipped } : {}),
      details: {
        records: RECORDS,
        table_keys: table.keys,
        table_build_s: round(table.buildSeconds, 2),
        table_rss_after_build_mb: round(table.rssMb),
        table_rss_after_restore_mb: round(restore.rssMb),
        table_rss_after_pull_mb: round(table.rssAfterPullMb),
        table_rss_after_full_restore_mb: round(fullRestore.rssMb),
        // RssAnon is what the process holds; RssFile the mapped store files' pages in memory.
        table_anon_file_after_build_mb: split(table.memory),
        table_anon_file_after_pull_mb: split(table.memoryAfterPull),
        table_anon_file_after_restore_mb: split(restore.memory),
        table_anon_file_after_full_restore_mb: split(fullRestore.memory),
        restore_1m_full_replay_s: round(fullRestore.seconds, 2),
        table_heap_after_build_mb: round(table.heapUsedMb),
        engine_baseline_rss_mb: round(table.baselineRssMb),
        pull_p50_ms: round(table.pull.p50Ms, 3),
        pull_first_ms: round(table.pull.firstMs),
        latency_rate: LATENCY_RATE,
        latency_samples: latency.samples,
        latency_max_ms: latency.max,
        startup_runs_ms: start.runs.map((ms) => round(ms)),
        bare_node_ms: round(start.bareNodeMs),
        naive_runs: { first: naiveFirst, second: naiveSecond },
        wall_s: round((performance.now() - started) / 1000),
      },
    };
    const out = path.join(REPO_ROOT, 'bench', 'results.json');
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${formatTable(results, RECORDS)}\n`);
    step(`wrote ${path.relative(process.cwd(), out)}`);
  } finally {
    if (process.env.BENCH_KEEP === '1') step(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/** Per workload, the faster of two naive runs: the harder baseline on a noisy machine. */
function bestOf(a: readonly NaiveRun[], b: readonly NaiveRun[]): Map<WorkloadName, NaiveRun> {
  const best = new Map<WorkloadName, NaiveRun>();
  for (const run of [...a, ...b]) {
    const seen = best.get(run.workload);
    if (!seen || run.recordsPerS > seen.recordsPerS) best.set(run.workload, run);
  }
  return best;
}

function throughputRow(e: ThroughputResult, n: NaiveRun): WorkloadResult {
  const note =
    e.outputRecords === n.outputRecords
      ? undefined
      : `engine wrote ${e.outputRecords} records, the loop ${n.outputRecords}`;
  return {
    name: e.workload,
    records: e.records,
    records_per_s: round(e.recordsPerS),
    naive_records_per_s: round(n.recordsPerS),
    ratio: round(e.recordsPerS / n.recordsPerS, 3),
    cpu_ratio: round(e.records / e.cpuSeconds / (n.records / n.cpuSeconds), 3),
    seconds: round(e.seconds, 2),
    cpu_seconds: round(e.cpuSeconds, 2),
    output_records: e.outputRecords,
    ...(note ? { note } : {}),
  };
}

/** A memory limit well under the 200 MB target, counting page cache, that the table must run in. */
const LIMIT_MB = env('BENCH_MEMORY_LIMIT_MB', 160);

/**
 * Builds the table and looks keys up (10 s) in a memory cgroup of LIMIT_MB: whether it ran to the
 * end within the limit, how fast, and the cgroup's peak usage.
 */
async function tableUnderLimit(dataDir: string): Promise<LimitedRun> {
  const cgroup = memoryCgroup(LIMIT_MB);
  if ('skipped' in cgroup) return { limit_mb: LIMIT_MB, skipped: cgroup.skipped };
  try {
    const run = await runWorker<Table1mResult>(
      'table-1m',
      { dataDir, lookupBudgetS: 10, minLookups: 3, maxLookups: 1_000_000 },
      { prefix: cgroup.prefix },
    ).catch((err: Error) => err);
    const common = {
      limit_mb: LIMIT_MB,
      peak_mb: round(cgroup.peakMb()),
      limit_hits: cgroup.limitHits(),
    };
    if (run instanceof Error) return { ...common, completed: false, error: run.message };
    return {
      ...common,
      completed: true,
      build_s: round(run.buildSeconds, 1),
      lookups_per_s: round(run.pull.lookupsPerS),
      anon_file_after_pull_mb: split(run.memoryAfterPull),
    };
  } finally {
    cgroup.remove();
  }
}

function split(m: MemorySplit): { anon: number; file: number } {
  return { anon: round(m.anonMb), file: round(m.fileMb) };
}

function pullRow(t: Table1mResult, n: NaiveRun): WorkloadResult {
  return {
    name: 'pull_lookup',
    records: t.pull.lookups,
    records_per_s: round(t.pull.lookupsPerS, 3),
    naive_records_per_s: round(n.recordsPerS),
    ratio: round(t.pull.lookupsPerS / n.recordsPerS, 9),
    cpu_ratio: null,
    seconds: round(t.pull.seconds, 2),
    cpu_seconds: null,
    output_records: t.pull.found,
    note:
      `SELECT … WHERE key = literal through the engine (parse, analyze, plan, look up) against ${t.keys} keys: ` +
      `p50 ${round(t.pull.p50Ms, 3)} ms per lookup, ${t.pull.lookups} lookups in the ${PULL_SECONDS} s budget`,
  };
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exitCode = 1;
});
