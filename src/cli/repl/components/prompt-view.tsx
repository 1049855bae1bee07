/**
 * The prompt: `streamsql> ` then the statement being typed, continuation lines after `-> `, the
 * cursor drawn as an inverse cell; during Ctrl-R, bash's `(reverse-i-search)` line instead.
 */
import { Box, Text } from 'ink';
import type { PromptState } from '../input/prompt-state.js';

export const PROMPT = 'streamsql> ';
export const CONTINUATION = '        -> ';

/** The prompt's prefix for each line of `text`. */
export function promptPrefix(line: number): string {
  return line === 0 ? PROMPT : CONTINUATION;
}

function CursorLine({
  text,
  cursor,
}: {
  readonly text: string;
  readonly cursor: number | undefined;
}) {
  if (cursor === undefined) return <Text>{text}</Text>;
  const chars = [...text.slice(cursor)];
  const under = chars[0] ?? ' ';
  return (
    <Text>
      {text.slice(0, cursor)}
      <Text inverse>{under}</Text>
      {chars.slice(1).join('')}
    </Text>
  );
}

/** The editor's lines, each with its cursor column when the cursor is on it. */
function lines(text: string, cursor: number): { text: string; cursor: number | undefined }[] {
  let offset = 0;
  return text.split('\n').map((line) => {
    const start = offset;
    offset += line.length + 1;
    const onLine = cursor >= start && cursor <= start + line.length;
    return { text: line, cursor: onLine ? cursor - start : undefined };
  });
}

export function PromptView({ state }: { readonly state: PromptState }) {
  const { editor, search } = state;
  if (search) {
    const label = `(${search.failed ? 'failed ' : ''}reverse-i-search)'${search.query}': `;
    return (
      <Box flexDirection="column">
        {lines(editor.text, editor.cursor).map((l, i) => (
          <Text key={i}>
            {i === 0 ? <Text color="yellow">{label}</Text> : null}
            <CursorLine text={l.text} cursor={l.cursor} />
          </Text>
        ))}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      {lines(editor.text, editor.cursor).map((l, i) => (
        <Box key={i}>
          <Box flexShrink={0}>
            <Text color="cyan" bold={i === 0}>
              {promptPrefix(i)}
            </Text>
          </Box>
          <CursorLine text={l.text} cursor={l.cursor} />
        </Box>
      ))}
    </Box>
  );
}
