/**
 * The line under the prompt that says what is going on: opening the log and restoring queries, a
 * statement running, a push query's row count and whether it waits for records, persistent queries
 * catching up while the prompt is idle.
 */
import { Text } from 'ink';
import type { SessionSnapshot } from '../session/session.js';
import { elapsed, spinnerFrame, useTicker } from './use-ticker.js';

/** A pass over the persistent queries shorter than this is not worth showing. */
const CATCHING_UP_AFTER_MS = 300;
/** A push query with no row for this long is said to be waiting. */
const WAITING_AFTER_MS = 1000;

export function statusText(snapshot: SessionSnapshot, now: number): string | undefined {
  const { phase, activity, background } = snapshot;
  if (phase === 'opening' && activity) {
    return `${activity.label} — restoring streams, tables and queries… ${elapsed(now - activity.startedAt)}`;
  }
  if (phase === 'closing') return 'Stopping queries and closing the log…';
  if (phase === 'running' && activity) {
    const time = elapsed(now - activity.startedAt);
    if (activity.cancelling) return `Stopping… ${time}`;
    if (activity.stream) {
      const { rows, lastRowAt } = activity.stream;
      const waiting =
        now - (lastRowAt ?? activity.startedAt) > WAITING_AFTER_MS ? ' · waiting for records' : '';
      return `${rows} row${rows === 1 ? '' : 's'} · ${time}${waiting} · Ctrl-C to stop`;
    }
    if (background.since !== undefined)
      return `Catching up ${background.queries} persistent queries… ${time}`;
    return `${activity.label} · ${time}`;
  }
  if (
    phase === 'idle' &&
    background.since !== undefined &&
    now - background.since > CATCHING_UP_AFTER_MS
  ) {
    const n = background.queries;
    return `Catching up ${n} persistent quer${n === 1 ? 'y' : 'ies'}… ${elapsed(now - background.since)}`;
  }
  return undefined;
}

export function StatusLine({ snapshot }: { readonly snapshot: SessionSnapshot }) {
  const busy =
    snapshot.phase === 'opening' ||
    snapshot.phase === 'running' ||
    snapshot.phase === 'closing' ||
    snapshot.background.since !== undefined;
  const now = useTicker(busy);
  const text = statusText(snapshot, now);
  if (text === undefined) return null;
  return (
    <Text>
      <Text color="cyan">{spinnerFrame(now)}</Text> <Text dimColor>{text}</Text>
    </Text>
  );
}
