/**
 * The REPL's ink application. Everything finished (echoed statements, results, errors) is written
 * to the terminal's scrollback through ink, so the screen scrolls as a shell's does; the live area
 * under it holds only the prompt, Tab candidates and the status line. Keys typed while a statement
 * runs are kept and replayed when the prompt comes back; Ctrl-C cancels what runs (and keeps the
 * typed-ahead text without its Enter keys, so that nothing runs unasked).
 */
import { Box, Text, useApp, useInput, useStdout, type Key } from 'ink';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { complete } from '../completion/complete.js';
import type { Style } from '../format/style.js';
import type { HistoryFile } from '../history/history-file.js';
import {
  initialPrompt,
  pressKey,
  type PromptAction,
  type PromptState,
} from '../input/prompt-state.js';
import { splitKeys } from '../input/split-keys.js';
import { isBlank } from '../input/statement-complete.js';
import type { ReplSession } from '../session/session.js';
import { CandidateList } from './candidate-list.js';
import { promptPrefix, PromptView } from './prompt-view.js';
import { StatusLine } from './status-line.js';

export interface AppProps {
  readonly session: ReplSession;
  readonly history: HistoryFile;
  readonly style: Style;
}

/** The statement as it stood at the prompt, for the scrollback. */
export function echo(text: string, style: Style, tail = ''): string {
  const lines = text.split('\n').map((l, i) => style.cyan(promptPrefix(i)) + l);
  return `${lines.join('\n')}${tail}\n`;
}

export function App({ session, history, style }: AppProps) {
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const { write, stdout } = useStdout();
  const { exit } = useApp();
  const [prompt, setPrompt] = useState<PromptState>(() => initialPrompt(history.entries));
  const promptRef = useRef(prompt);
  const typeahead = useRef<[string, Key][]>([]);

  useEffect(() => session.onOutput(write), [session, write]);

  useEffect(() => {
    const resize = (): void => session.setWidth(stdout.columns);
    resize();
    stdout.on('resize', resize);
    return () => {
      stdout.off('resize', resize);
    };
  }, [session, stdout]);

  useEffect(() => {
    if (snapshot.phase === 'closed') exit();
  }, [snapshot.phase, exit]);

  const act = useCallback(
    (action: PromptAction | undefined): void => {
      if (!action) return;
      switch (action.kind) {
        case 'submit':
          session.print(echo(action.text, style));
          if (isBlank(action.text)) return;
          history.add(action.text);
          void session.submit(action.text);
          return;
        case 'interrupt':
          session.print(echo(action.text, style, style.dim('^C')));
          return;
        case 'exit':
          session.print(echo('', style, 'exit'));
          void session.close();
          return;
        case 'clearScreen':
          session.print('\u001B[2J\u001B[3J\u001B[H');
          return;
      }
    },
    [session, history, style],
  );

  const handleRef = useRef<(input: string, key: Key) => void>(() => undefined);

  /** Feeds the keys typed while a statement ran, until one of them starts another. */
  const replay = useCallback((): void => {
    while (typeahead.current.length > 0 && session.getSnapshot().phase === 'idle') {
      const [input, key] = typeahead.current.shift()!;
      handleRef.current(input, key);
    }
  }, [session]);

  const handle = useCallback(
    (input: string, key: Key): void => {
      const phase = session.getSnapshot().phase;
      if (phase === 'running' || phase === 'opening') {
        if (key.ctrl && input === 'c') {
          // What was typed ahead comes back at the prompt, but nothing in it runs by itself.
          typeahead.current = typeahead.current
            .filter(([, k]) => !k.return)
            .map(([i, k]): [string, Key] => [i.replace(/[\r\n]+$/, ''), k]);
          session.cancel();
        } else {
          typeahead.current.push([input, key]);
        }
        return;
      }
      if (phase !== 'idle') return;
      const result = pressKey(promptRef.current, input, key, (text, cursor) =>
        complete(text, cursor, session.getSnapshot().catalog),
      );
      promptRef.current = result.state;
      setPrompt(result.state);
      act(result.action);
    },
    [session, act],
  );
  handleRef.current = handle;

  useEffect(() => {
    if (snapshot.phase === 'idle') replay();
  }, [snapshot.phase, replay]);

  const onInput = useCallback(
    (input: string, key: Key): void => {
      for (const [i, k] of splitKeys(input, key)) handle(i, k);
    },
    [handle],
  );
  useInput(onInput);

  const width = stdout.columns || 80;
  const idle = snapshot.phase === 'idle';
  return (
    <Box flexDirection="column">
      {idle ? <PromptView state={prompt} /> : null}
      {idle && prompt.candidates ? (
        <CandidateList candidates={prompt.candidates} width={width} />
      ) : null}
      {idle && prompt.hint ? <Text dimColor>{prompt.hint}</Text> : null}
      <StatusLine snapshot={snapshot} />
    </Box>
  );
}
