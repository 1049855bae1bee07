/**
 * The bench's output: `bench/results.json` in the shape other tools read (see BenchResults),
 * and the same figures as a table for stdout (and the README).
 */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import type { KafkaEntry } from './kafka.js';
import type { WorkloadName } from './workloads.js';

export interface WorkloadResult {
  readonly name: WorkloadName;
  readonly records: number;
  /** Wall-clock records per second of one engine process (one event loop: one core). */
  readonly records_per_s: number;
  readonly naive_records_per_s: number;
  /** records_per_s / naive_records_per_s. */
  readonly ratio: number;
  /** The same ratio on CPU time (records per CPU-second), steadier on a busy machine. */
  readonly cpu_ratio: number | null;
  readonly seconds: number;
  readonly cpu_seconds: number | null;
  readonly output_records: number;
  readonly note?: string;
}

export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  readonly node: string;
  readonly platform: string;
  readonly mem_gb: number;
  /** 1-minute load average when the run started and ended: how busy the machine was. */
  readonly loadavg_start: number;
  readonly loadavg_end: number;
}

export interface BenchResults {
  readonly machine: Machine;
  readonly commit: string;
  /** The working tree had uncommitted changes. */
  readonly dirty: boolean;
  readonly date: string;
  readonly avg_value_bytes: number;
  readonly workloads: readonly WorkloadResult[];
  readonly startup_ms: number;
  readonly table_1m_rss_mb: number;
  /** The most anonymous memory (the process's own, not the page cache) holding the table. */
  readonly table_1m_anon_mb?: number;
  readonly table_1m_limited?: LimitedRun;
  readonly restore_1m_s: number;
  readonly latency_ms: { readonly p50: number; readonly p99: number };
  readonly kafka: readonly KafkaEntry[];
  readonly kafka_skipped?: string;
  /** Figures behind the headline ones (rates, sample counts, alternatives measured). */
  readonly details: Readonly<Record<string, unknown>>;
}

export function machine(loadStart: number): Machine {
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    mem_gb: round(os.totalmem() / 2 ** 30, 1),
    loadavg_start: round(loadStart, 2),
    loadavg_end: round(os.loadavg()[0]!, 2),
  };
}

export function gitCommit(repoRoot: string): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

export function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

const TARGETS: Record<WorkloadName, string> = {
  project_filter: '≥ 1.0×',
  tumbling_count: '≥ 0.7×',
  stream_table_join: '≥ 0.6×',
  pull_lookup: '',
};

/** The 1M-key table built and looked up in a memory cgroup (page cache counted). */
export interface LimitedRun {
  readonly limit_mb: number;
  readonly skipped?: string;
  readonly completed?: boolean;
  readonly error?: string;
  readonly peak_mb?: number;
  readonly limit_hits?: number;
  readonly build_s?: number;
  readonly lookups_per_s?: number;
  readonly anon_file_after_pull_mb?: { anon: number; file: number };
}

/** The results as a Markdown table (readable on a terminal, pasteable into the README). */
export function formatTable(r: BenchResults, records: number): string {
  const lines: string[] = [];
  const commit = `${r.commit.slice(0, 10)}${r.dirty ? ' + local changes' : ''}`;
  lines.push(
    `streamsql bench: ${num(records)} pageviews (~${r.avg_value_bytes} B JSON), ${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}, commit ${commit}, load average ${r.machine.loadavg_start} → ${r.machine.loadavg_end}`,
    '',
    '| workload (embedded log) | records | streamsql rec/s | naive loop rec/s | ratio | ratio on CPU time | target |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  );
  for (const w of r.workloads) {
    lines.push(
      `| ${w.name} | ${num(w.records)} | ${rate(w.records_per_s)} | ${rate(w.naive_records_per_s)} | ${ratio(w.ratio)} | ${ratio(w.cpu_ratio)} | ${TARGETS[w.name]} |`,
    );
  }
  lines.push('', '| measure | value | target |', '| --- | ---: | --- |');
  const d = r.details;
  lines.push(
    `| start to exit, \`streamsql -e "SHOW STREAMS;"\` | ${num(r.startup_ms)} ms (bare \`node -e ""\`: ${num(Number(d.bare_node_ms))} ms) | < 300 ms |`,
    `| memory holding a 1M-key table: anonymous (the process's own) | ${r.table_1m_anon_mb === undefined ? 'n/a' : `${num(r.table_1m_anon_mb)} MB`} | < 200 MB |`,
    `| RSS holding it (anonymous + the store file's mapped page-cache pages) | ${num(r.table_1m_rss_mb)} MB${memorySplit(d.table_anon_file_after_pull_mb)} | |`,
    `| the 1M-key table in a memory cgroup (page cache counted) | ${limited(r.table_1m_limited)} | < 200 MB |`,
    `| restore the 1M-key table (from its store files) | ${r.restore_1m_s.toFixed(1)} s${fullReplay(d.restore_1m_full_replay_s)} | < 5 s |`,
    `| end-to-end latency at ${num(Number(d.latency_rate))} rec/s | p50 ${r.latency_ms.p50} ms, p99 ${r.latency_ms.p99} ms | |`,
  );
  lines.push('');
  if (r.kafka_skipped !== undefined) {
    lines.push(`Kafka: skipped — ${r.kafka_skipped}.`);
  } else {
    lines.push(
      '| workload (Kafka) | records | streamsql rec/s | Kafka Streams rec/s | ratio | target | note |',
      '| --- | ---: | ---: | ---: | ---: | --- | --- |',
    );
    const kTargets: Record<string, string> = {
      project_filter: '≥ 1.0×',
      tumbling_count: '≥ 0.8×',
      stream_table_join: '',
    };
    for (const k of r.kafka) {
      lines.push(
        `| ${k.name} | ${num(k.records)} | ${rate(k.records_per_s)} | ${rate(k.kafka_streams_records_per_s)} | ${ratio(k.ratio)} | ${kTargets[k.name] ?? ''} | ${k.note ?? ''} |`,
      );
    }
  }
  return lines.join('\n');
}

function num(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a';
}

function rate(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return 'n/a';
  return n >= 100 ? num(n) : n.toPrecision(2);
}

function ratio(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return 'n/a';
  return n >= 0.01 ? `${n.toFixed(2)}×` : `${n.toExponential(1)}×`;
}

/** How a bench run that measured it split RSS: anonymous memory and mapped files' pages. */
function memorySplit(value: unknown): string {
  const m = value as { anon?: number; file?: number } | undefined;
  if (m?.anon === undefined || m.file === undefined) return '';
  return ` (anonymous ${num(m.anon)} MB, file-backed ${num(m.file)} MB)`;
}

function limited(l: LimitedRun | undefined): string {
  if (!l) return 'n/a';
  if (l.skipped !== undefined) return `skipped: ${l.skipped}`;
  if (!l.completed)
    return `failed in ${l.limit_mb} MB (peak ${num(l.peak_mb ?? NaN)} MB): ${l.error ?? ''}`;
  return `ran in ${l.limit_mb} MB (peak ${num(l.peak_mb ?? NaN)} MB): built in ${l.build_s} s, ${rate(l.lookups_per_s ?? NaN)} lookups/s`;
}

function fullReplay(value: unknown): string {
  return typeof value === 'number' ? ` (whole changelog: ${value.toFixed(1)} s)` : '';
}
