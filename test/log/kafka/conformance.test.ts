/**
 * ksqlDB's conformance cases on Kafka: the cases of a few QTT files chosen for what the Kafka
 * backend must get byte for byte (KAFKA-format keys and values, JSON, DELIMITED, key schemas,
 * windowed keys, partitions, INSERT INTO, table semantics) run through the same runner as the
 * embedded ratchet, each on a fresh engine under its own topic prefix of a real broker. Every
 * case of these files that test/conformance/passing.txt lists (it passes on the embedded log)
 * must pass here too: the Kafka backend keeps the embedded log's conformance, no more, no less.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../../src/functions/registry.js';
import { openKafkaLog } from '../../../src/log/kafka/kafka-log.js';
import { PrefixedLog } from '../../../src/log/kafka/prefixed-log.js';
import { loadCases } from '../../../src/testing/load-cases.js';
import { readPassingList } from '../../../src/testing/ratchet.js';
import { runCase } from '../../../src/testing/run-case.js';
import { caseId } from '../../../src/testing/test-case.js';
import { uniqueNames } from '../contract/subject.js';
import { announceSkip, kafkaTarget, REPO_ROOT } from './broker.js';

/** The named subset: small files, together about a hundred listed cases. */
const KAFKA_CONFORMANCE_FILES = [
  'kafka.json',
  'delimited.json',
  'key-schemas.json',
  'tumbling-windows.json',
  'window-bounds.json',
  'insert-into.json',
  'table.json',
  'timestamp-extractor.json',
];

const QTT_DIR = join(REPO_ROOT, '..', 'shared', 'conformance', 'qtt');
const PASSING = join(REPO_ROOT, 'test', 'conformance', 'passing.txt');
const target = await kafkaTarget();
announceSkip(target, 'test/log/kafka/conformance.test.ts');
const missing = target.skip ?? (existsSync(QTT_DIR) ? undefined : `${QTT_DIR} is absent`);
if (!target.skip && missing)
  console.warn(`test/log/kafka/conformance.test.ts: skipped: ${missing}`);

describe.skipIf(missing !== undefined)('QTT conformance on Kafka', () => {
  it('passes every case of the Kafka subset that passes on the embedded log', async () => {
    const brokers = target.brokers ?? [];
    const listed = readPassingList(readFileSync(PASSING, 'utf8'));
    const unique = uniqueNames();
    const cases = (await loadCases(KAFKA_CONFORMANCE_FILES.map((f) => join(QTT_DIR, f)))).filter(
      (c) => listed.has(caseId(basename(c.path), c.testCase.name)),
    );
    expect(cases.length).toBeGreaterThan(50);
    const functions = builtinRegistry();
    const failures: string[] = [];
    const started = Date.now();
    for (const { testCase } of cases) {
      const result = await runCase(testCase, {
        functions,
        timeLimitMs: 30_000,
        openLog: async () => {
          const prefix = unique('qtt');
          const log = await openKafkaLog({ brokers, serviceId: prefix });
          return new PrefixedLog(log, `${prefix}.`);
        },
      });
      if (result.status !== 'passed') {
        failures.push(
          `${caseId(result.file, result.name)} [${result.status}]: ${result.error ?? ''}`,
        );
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `QTT conformance on Kafka: ${cases.length - failures.length}/${cases.length} in ${seconds} s`,
    );
    expect(failures, 'listed cases that fail on Kafka').toEqual([]);
  }, 600_000);
});
