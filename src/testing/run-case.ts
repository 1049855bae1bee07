/**
 * Runs one test case as ksqlDB's QTT harness does (TestExecutor), on a fresh engine over a real
 * embedded log in a temporary directory, removed afterwards:
 * 1. create the topics the harness would (harness-topics.ts);
 * 2. run the statements in order, with the case's properties and `auto.offset.reset=earliest`;
 * 3. produce each input record, in order, to partition 0, and drain every query after each one,
 *    so that records flow through the whole topology one at a time, as TopologyTestDriver does;
 * 4. compare the records on each expected topic, in order (case-checks.ts), then `post`.
 * A case with `expectedException` passes when a statement is refused (or a query fails) with a
 * message containing the expected text. What streamsql does not support fails as `unsupported: …`.
 */
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParseError, StreamSqlError, UnsupportedError } from '../common/errors.js';
import { PREPARING } from '../analyzer/join-criteria.js';
import { Engine, ScriptError } from '../engine/engine.js';
import type { FunctionRegistry } from '../functions/types.js';
import { openEmbeddedLog } from '../log/embedded/embedded-log.js';
import type { Log } from '../log/log.js';
import { parseStatement } from '../parser/parse.js';
import { compareOutputs, type CaseOutcome } from './case-checks.js';
import { harnessTopics } from './harness-topics.js';
import { ksqlParseErrorForms } from './ksql-parse-error.js';
import { ksqlStatementText } from './ksql-statement-text.js';
import { encodeInput } from './record-codec.js';
import { registerTopicSchemas, usesSchemaRegistry } from './register-schemas.js';
import { CaseTimeout, RecordingLog } from './recording-log.js';
import type { RecordSpec, TestCase } from './test-case.js';

export type CaseStatus = 'passed' | 'failed' | 'skipped' | 'error';

export interface CaseResult {
  readonly file: string;
  readonly name: string;
  readonly status: CaseStatus;
  /** The records collected on the sink topics, in QTT's output shape. */
  readonly outputs: readonly RecordSpec[];
  /** Why the case did not pass (the refusal message when a statement was refused). */
  readonly error?: string;
  readonly durationMs: number;
}

export interface RunCaseOptions {
  readonly functions: FunctionRegistry;
  /** Default 10 s. */
  readonly timeLimitMs?: number;
  /** Where temporary data directories go (default: /dev/shm when there is one, else the OS temp directory). */
  readonly tmpRoot?: string;
  /**
   * The log a case runs on, fresh for each case (default: an embedded log in the case's
   * temporary directory). The Kafka-backed conformance run gives each case its own prefix on a
   * real broker.
   */
  readonly openLog?: (dir: string) => Promise<Log>;
}

export const DEFAULT_TIME_LIMIT_MS = 10_000;

/** Something the case threw that is the case's own result (not a harness failure). */
class Stop extends Error {
  constructor(readonly outcome: CaseOutcome) {
    super(outcome.error ?? outcome.status);
  }
}

export async function runCase(testCase: TestCase, options: RunCaseOptions): Promise<CaseResult> {
  const started = Date.now();
  const done = (o: CaseOutcome): CaseResult => ({
    file: testCase.file,
    name: testCase.name,
    status: o.status,
    outputs: o.outputs ?? [],
    ...(o.error !== undefined ? { error: o.error } : {}),
    durationMs: Date.now() - started,
  });
  if (testCase.disabled) return done({ status: 'skipped', error: 'disabled (enabled: false)' });
  if (testCase.invalid) return done({ status: 'error', error: testCase.invalid });

  const limit = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const dir = await mkdtemp(join(options.tmpRoot ?? defaultTmpRoot(), 'streamsql-test-'));
  let timer: NodeJS.Timeout | undefined;
  const openLog = options.openLog ?? ((d: string) => openEmbeddedLog(d, { fsync: 'never' }));
  const work = execute(testCase, dir, Date.now() + limit, limit, options.functions, openLog);
  const backstop = new Promise<CaseOutcome>((resolve) => {
    timer = setTimeout(() => resolve(timeout(limit)), limit + 2_000);
  });
  try {
    return done(await Promise.race([work, backstop]));
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined);
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

let tmpRoot: string | undefined;

/** A memory file system when the OS has one: cases create many small files, and remove them. */
function defaultTmpRoot(): string {
  if (tmpRoot === undefined) {
    try {
      accessSync('/dev/shm', constants.W_OK);
      tmpRoot = '/dev/shm';
    } catch {
      tmpRoot = tmpdir();
    }
  }
  return tmpRoot;
}

function timeout(limit: number): CaseOutcome {
  return { status: 'error', error: `time limit of ${limit / 1000} s exceeded` };
}

async function execute(
  testCase: TestCase,
  dir: string,
  deadline: number,
  limit: number,
  functions: FunctionRegistry,
  openLog: (dir: string) => Promise<Log>,
): Promise<CaseOutcome> {
  const log = new RecordingLog(await openLog(dir), deadline, limit);
  const notices: string[] = [];
  let engine: Engine | undefined;
  try {
    engine = await Engine.open({
      log,
      functions,
      // Foreign-key joins answer each record before the next, as the topology test driver.
      properties: {
        'auto.offset.reset': 'earliest',
        'streamsql.foreign.key.join.in.order': 'true',
        ...testCase.properties,
      },
      onNotice: (m) => notices.push(m),
    });
    for (const t of harnessTopics(testCase)) {
      if (!(await log.describeTopic(t.name))) {
        await log.createTopic(t.name, { partitions: t.partitions, replicas: t.replicas });
      }
    }
    if (usesSchemaRegistry(testCase)) {
      // ksqlDB's harness runs on a mock registry that checks no compatibility.
      await engine.schemaRegistry.setCompatibility('NONE');
      await registerTopicSchemas(testCase, engine.schemaRegistry, engine.metastore);
    }
    await runStatements(testCase, engine, log);
    await produceInputs(testCase, engine, log);
    if (log.expired) return timeout(limit);
    if (testCase.expectedException) {
      return {
        status: 'failed',
        error: `expected an error${describeExpected(testCase)}, but none was raised`,
      };
    }
    return await compareOutputs(testCase, engine, log, notices);
  } catch (err) {
    if (err instanceof Stop) return err.outcome;
    if (err instanceof CaseTimeout || log.expired) return timeout(limit);
    const message = errorMessage(err);
    if (isUnsupported(err)) return { status: 'failed', error: message };
    return { status: 'error', error: `the runner failed: ${message}` };
  } finally {
    if (engine) await engine.close().catch(() => undefined);
    else await log.close().catch(() => undefined);
  }
}

async function runStatements(testCase: TestCase, engine: Engine, log: RecordingLog): Promise<void> {
  const last = testCase.statements.length - 1;
  for (let i = 0; i <= last; i++) {
    try {
      await engine.executeScript(testCase.statements[i]!, {
        follow: false,
        cancelled: () => log.expired,
      });
    } catch (err) {
      if (err instanceof CaseTimeout || log.expired) throw err;
      throw new Stop(refused(testCase, err, i, last, engine));
    }
  }
  await engine.drain();
  checkQueries(testCase, engine, log);
}

/** The outcome of statement `index` being refused. */
function refused(
  testCase: TestCase,
  err: unknown,
  index: number,
  last: number,
  engine: Engine,
): CaseOutcome {
  const message = errorMessage(err);
  const where = `statement ${index + 1} refused: `;
  if (isUnsupported(err)) return { status: 'failed', error: message };
  const expected = testCase.expectedException;
  if (!expected) return { status: 'failed', error: where + message };
  if (expected.type?.endsWith('KsqlStatementException') && index !== last) {
    return {
      status: 'failed',
      error: `expected the last statement to be refused, but ${where}${message}`,
    };
  }
  return matchExpected(testCase, message, where, ksqlForms(testCase, err, index, engine));
}

/**
 * The message as ksqlDB words a located error, `Line: L, Col: C: message`, and a parse error as
 * its parser does (ksql-parse-error.ts), with the line counted in the case's statements joined
 * by newlines, as ksqlDB's harness runs them.
 */
function ksqlForms(testCase: TestCase, err: unknown, index: number, engine: Engine): string[] {
  if (!(err instanceof ScriptError)) return [];
  const before = testCase.statements.slice(0, index).reduce((n, s) => n + s.split('\n').length, 0);
  const line = before + err.line;
  const text = err.cause instanceof StreamSqlError ? err.cause.message : err.message;
  const statement = testCase.statements[index] ?? '';
  // ksqlDB wraps a located message found while preparing: the wrapper comes before the location.
  const wrapper = text.startsWith(PREPARING) ? PREPARING : '';
  const forms = [`${wrapper}Line: ${line}, Col: ${err.col}: ${text.slice(wrapper.length)}`];
  if (err.cause instanceof ParseError) {
    forms.push(...ksqlParseErrorForms(err.cause, line, err.col, statement));
  } else {
    const sanitized = sanitizedText(statement, engine);
    if (sanitized !== undefined) forms.push(`${text}\nStatement: ${sanitized}`);
  }
  return forms;
}

/** The statement as ksqlDB prints it at the end of a statement error, when it can be printed. */
function sanitizedText(statement: string, engine: Engine): string | undefined {
  try {
    return ksqlStatementText(
      parseStatement(statement),
      (name) => engine.metastore.getSource(name)?.columns.map((c) => c.name) ?? [],
    );
  } catch {
    return undefined;
  }
}

/**
 * An error was raised as expected: passed when its message (or, for a statement, one of its
 * ksqlDB wordings) contains the expected text.
 */
function matchExpected(
  testCase: TestCase,
  message: string,
  where: string,
  ksqlWordings: readonly string[] = [],
): CaseOutcome {
  const text = testCase.expectedException?.message;
  if (text === undefined || message.includes(text) || ksqlWordings.some((w) => w.includes(text))) {
    return { status: 'passed', error: message };
  }
  return {
    status: 'failed',
    error: `${where}${message}\n  (the expected error message differs: expected it to contain ${JSON.stringify(text)})`,
  };
}

function describeExpected(testCase: TestCase): string {
  const e = testCase.expectedException;
  if (!e) return '';
  return e.message !== undefined
    ? ` containing ${JSON.stringify(e.message)}`
    : e.type
      ? ` (${e.type})`
      : '';
}

async function produceInputs(testCase: TestCase, engine: Engine, log: RecordingLog): Promise<void> {
  for (const [i, input] of testCase.inputs.entries()) {
    const sources = engine.metastore.sourcesOnTopic(input.topic);
    const source = sources.find((s) => !s.writtenBy) ?? sources[0];
    try {
      if (!source) throw new Error(`no source found for topic ${input.topic}`);
      await log.append(input.topic, [encodeInput(input, source, engine.schemaRegistry)]);
    } catch (err) {
      if (err instanceof CaseTimeout || isUnsupported(err)) throw err;
      throw raised(testCase, `input ${i}: ${errorMessage(err)}`);
    }
    await engine.drain();
    checkQueries(testCase, engine, log);
  }
}

/** A failed query is an error raised while processing, as a StreamsException is in ksqlDB. */
function checkQueries(testCase: TestCase, engine: Engine, log: RecordingLog): void {
  log.assertWithinLimit();
  for (const q of engine.queries.values()) {
    if (q.state === 'ERROR')
      throw raised(testCase, `query ${q.plan.queryId} failed: ${q.error ?? 'unknown error'}`);
  }
}

function raised(testCase: TestCase, message: string): Stop {
  if (testCase.expectedException) return new Stop(matchExpected(testCase, message, ''));
  return new Stop({ status: 'failed', error: message });
}

export function isUnsupported(err: unknown): boolean {
  const cause = err instanceof ScriptError ? err.cause : err;
  if (cause instanceof UnsupportedError) return true;
  return errorMessage(err).startsWith('unsupported:');
}

export function errorMessage(err: unknown): string {
  if (err instanceof ScriptError) return err.message;
  if (err instanceof StreamSqlError) return err.display;
  return err instanceof Error ? err.message : String(err);
}
