/**
 * The REPL's session, apart from the terminal UI: opens the engine, runs what the user submits,
 * turns results and errors into text for the scrollback, tracks what is running for the status
 * line (push query row counts, elapsed time, queries catching up), and cancels on Ctrl-C. The ink
 * components subscribe to its snapshot and its output.
 */
import { ScriptError, type Engine } from '../../../engine/engine.js';
import { splitStatements } from '../../../parser/split-statements.js';
import { EMPTY_CATALOG, readCatalog, type Catalog } from '../completion/catalog.js';
import { formatError } from '../format/error-format.js';
import type { ResultRenderer } from '../format/result-format.js';
import type { Style } from '../format/style.js';
import { shellCommand, isBlank } from '../input/statement-complete.js';
import { BackgroundQueries, type BackgroundProgress } from './background.js';
import { banner, helpText } from './banner.js';

export type Phase = 'opening' | 'idle' | 'running' | 'closing' | 'closed';

/** What is running, for the status line. */
export interface Activity {
  readonly label: string;
  readonly startedAt: number;
  /** Set once a push query (or PRINT) streams: rows so far and when the last arrived. */
  readonly stream?: { readonly rows: number; readonly lastRowAt: number | undefined };
  readonly cancelling: boolean;
}

export interface SessionSnapshot {
  readonly phase: Phase;
  readonly activity?: Activity;
  readonly background: BackgroundProgress;
  readonly catalog: Catalog;
}

export interface SessionOptions {
  /** Opens the engine; notices (processing log, restored queries) go to `onNotice`. */
  readonly open: (onNotice: (message: string) => void) => Promise<Engine>;
  readonly version: string;
  /** Where the data is, for the banner: `embedded log at DIR` or `Kafka at HOST:PORT`. */
  readonly backend: string;
  readonly style: Style;
  readonly renderer: (width: () => number) => ResultRenderer;
  /** How long the idle loop waits for records between passes. */
  readonly idleWaitMs?: number;
}

/** Notices shown per statement before the rest are only counted. */
const MAX_NOTICES = 20;
/** How often streamed rows are written and the status refreshed. */
const FLUSH_MS = 40;

/** Thrown from a result callback to skip the statements after a cancelled push query. */
class SkipRest extends Error {}

export class ReplSession {
  private snapshot: SessionSnapshot = {
    phase: 'opening',
    background: { since: undefined, queries: 0 },
    catalog: EMPTY_CATALOG,
  };
  private readonly listeners = new Set<() => void>();
  private readonly outputListeners = new Set<(text: string) => void>();
  private unclaimedOutput = '';
  private pending = '';
  private flushTimer: NodeJS.Timeout | undefined;
  private engine: Engine | undefined;
  private background: BackgroundQueries | undefined;
  private cancelRequested = false;
  private running: Promise<void> | undefined;
  private notices = 0;
  private columns = 100;
  private readonly renderer: ResultRenderer;

  constructor(private readonly options: SessionOptions) {
    this.renderer = options.renderer(() => this.columns);
  }

  // --- store interface (useSyncExternalStore) -------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SessionSnapshot => this.snapshot;

  /** Text for the scrollback. Output produced before the first listener is kept for it. */
  onOutput(listener: (text: string) => void): () => void {
    this.outputListeners.add(listener);
    if (this.unclaimedOutput !== '') {
      const text = this.unclaimedOutput;
      this.unclaimedOutput = '';
      listener(text);
    }
    return () => this.outputListeners.delete(listener);
  }

  /** Writes text of the UI's own (echoed statements) to the scrollback, in order with results. */
  print(text: string): void {
    this.write(text);
  }

  /** The terminal's width, which tables are fitted to. */
  setWidth(columns: number): void {
    if (columns > 0) this.columns = columns;
  }

  get width(): number {
    return this.columns;
  }

  private update(change: Partial<SessionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }

  private write(text: string): void {
    if (text === '') return;
    this.pending += text;
    if (this.snapshot.activity?.stream) {
      this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
    } else {
      this.flush();
    }
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const text = this.pending;
    this.pending = '';
    if (text !== '') {
      if (this.outputListeners.size === 0) this.unclaimedOutput += text;
      for (const listener of this.outputListeners) listener(text);
    }
    const activity = this.snapshot.activity;
    if (activity?.stream && this.streamRows !== activity.stream.rows) {
      this.update({
        activity: { ...activity, stream: { rows: this.streamRows, lastRowAt: this.lastRowAt } },
      });
    }
  }

  private streamRows = 0;
  private lastRowAt: number | undefined;

  // --- lifecycle ------------------------------------------------------------------------------

  /** Opens the engine and prints the banner; rejects when the engine cannot be opened. */
  async start(): Promise<void> {
    this.update({
      phase: 'opening',
      activity: {
        label: `Opening ${this.options.backend}`,
        startedAt: Date.now(),
        cancelling: false,
      },
    });
    let engine: Engine;
    try {
      engine = await this.options.open((m) => this.notice(m));
    } catch (err) {
      this.update({ phase: 'closed', activity: undefined });
      throw err;
    }
    this.engine = engine;
    this.background = new BackgroundQueries(
      engine,
      () => this.update({ background: this.background!.progress }),
      (err) => this.write(`${formatError(err, '', this.options.style, this.columns).join('\n')}\n`),
      this.options.idleWaitMs,
    );
    this.write(banner(this.options.version, this.options.backend, engine, this.options.style));
    await this.refreshCatalog();
    this.update({ phase: 'idle', activity: undefined });
    this.background.resume();
  }

  /** Stops what runs, the queries and the engine. */
  async close(): Promise<void> {
    if (this.snapshot.phase === 'closed' || this.snapshot.phase === 'closing') return;
    this.update({ phase: 'closing' });
    this.cancelRequested = true;
    await this.running;
    await this.background?.pause();
    this.flush();
    try {
      await this.engine?.close();
    } finally {
      this.update({ phase: 'closed', activity: undefined });
    }
  }

  /** Ctrl-C while something runs: a push query or PRINT stops at its next batch. */
  cancel(): void {
    const activity = this.snapshot.activity;
    if (this.snapshot.phase !== 'running' || !activity || activity.cancelling) return;
    this.cancelRequested = true;
    this.update({ activity: { ...activity, cancelling: true } });
  }

  private notice(message: string): void {
    this.notices++;
    const { style } = this.options;
    if (this.notices <= MAX_NOTICES) this.write(`${style.yellow(`WARN ${message}`)}\n`);
    else if (this.notices === MAX_NOTICES + 1) {
      this.write(
        `${style.yellow('WARN more records went to the processing log (KSQL_PROCESSING_LOG)')}\n`,
      );
    }
  }

  private async refreshCatalog(): Promise<void> {
    if (this.engine) this.update({ catalog: await readCatalog(this.engine) });
  }

  // --- running statements ---------------------------------------------------------------------

  /**
   * Runs what was typed: the shell's own commands (`help`, `clear`, `exit`), or statements. Resolves
   * when they are done (or cancelled); errors are written, never thrown.
   */
  async submit(text: string): Promise<void> {
    if (this.snapshot.phase !== 'idle' || isBlank(text)) return;
    switch (shellCommand(text)) {
      case 'exit':
        return this.close();
      case 'help':
        this.write(helpText(this.options.style));
        return;
      case 'clear':
        this.write('\u001B[2J\u001B[3J\u001B[H');
        return;
      case undefined:
        break;
    }
    const run = this.execute(text);
    this.running = run;
    await run;
    this.running = undefined;
  }

  private async execute(text: string): Promise<void> {
    const engine = this.engine!;
    const statements = splitStatements(text);
    this.cancelRequested = false;
    this.notices = 0;
    this.update({
      phase: 'running',
      activity: {
        label: label(statements.map((s) => s.text)),
        startedAt: Date.now(),
        cancelling: false,
      },
    });
    let done = 0;
    try {
      await this.background!.pause();
      await engine.executeScript(text, {
        file: '<repl>',
        follow: true,
        cancelled: () => this.cancelRequested,
        onResult: (result) => {
          done++;
          this.write(this.renderer.result(result, this.cancelRequested));
          this.endStream();
          if (this.cancelRequested) throw new SkipRest();
        },
        onPushHeader: (columns) => {
          this.startStream();
          this.write(this.renderer.pushHeader(columns));
        },
        onPushRow: (values, columns) => {
          this.streamRows++;
          this.lastRowAt = Date.now();
          this.write(this.renderer.pushRow(values, columns));
        },
        onPrintLine: (line) => {
          if (!this.snapshot.activity?.stream) this.startStream();
          this.streamRows++;
          this.lastRowAt = Date.now();
          this.write(this.renderer.printLine(line));
        },
      });
    } catch (err) {
      this.endStream();
      if (err instanceof ScriptError && err.cause instanceof SkipRest) {
        const skipped = statements.length - done;
        if (skipped > 0)
          this.write(
            `${this.options.style.dim(`Cancelled; ${skipped} more statement${skipped === 1 ? '' : 's'} not run.`)}\n`,
          );
      } else {
        this.write(`${formatError(err, text, this.options.style, this.columns).join('\n')}\n`);
      }
    } finally {
      this.flush();
      await this.refreshCatalog();
      if (this.snapshot.phase === 'running') this.update({ phase: 'idle', activity: undefined });
      if (this.snapshot.phase === 'idle') this.background!.resume();
    }
  }

  private startStream(): void {
    this.streamRows = 0;
    this.lastRowAt = undefined;
    const activity = this.snapshot.activity;
    if (activity)
      this.update({ activity: { ...activity, stream: { rows: 0, lastRowAt: undefined } } });
  }

  private endStream(): void {
    this.flush();
    const activity = this.snapshot.activity;
    if (activity?.stream) this.update({ activity: { ...activity, stream: undefined } });
  }
}

/** What the status line calls the statements being run. */
function label(statements: readonly string[]): string {
  if (statements.length !== 1) return `Running ${statements.length} statements`;
  const words = statements[0]!.replace(/\s+/g, ' ').trim();
  return words.length > 48 ? `${words.slice(0, 47)}…` : words.replace(/;$/, '');
}
