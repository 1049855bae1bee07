/** The candidates of a Tab that could not decide, in columns under the prompt. */
import { Box, Text } from 'ink';
import type { Candidate } from '../completion/complete.js';
import { displayWidth, padEnd } from '../format/text-width.js';

const MAX_ROWS = 6;

/** Rows of candidates laid out in columns across `width`, and how many did not fit. */
export function candidateRows(
  candidates: readonly Candidate[],
  width: number,
): { rows: string[]; more: number } {
  const cell = Math.min(
    Math.max(...candidates.map((c) => displayWidth(c.text))) + 2,
    Math.max(width, 10),
  );
  const perRow = Math.max(1, Math.floor(width / cell));
  const shown = candidates.slice(0, perRow * MAX_ROWS);
  const rows: string[] = [];
  for (let i = 0; i < shown.length; i += perRow) {
    rows.push(
      shown
        .slice(i, i + perRow)
        .map((c) => padEnd(c.text, cell))
        .join('')
        .trimEnd(),
    );
  }
  return { rows, more: candidates.length - shown.length };
}

export function CandidateList({
  candidates,
  width,
}: {
  readonly candidates: readonly Candidate[];
  readonly width: number;
}) {
  const { rows, more } = candidateRows(candidates, width);
  return (
    <Box flexDirection="column">
      {rows.map((r, i) => (
        <Text key={i}>{r}</Text>
      ))}
      {more > 0 ? <Text dimColor>… {more} more; type to narrow</Text> : null}
    </Box>
  );
}
