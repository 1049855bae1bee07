/** SIGINT/SIGTERM as a flag the engine polls, so queries stop between batches and commit cleanly. */
export function onStopSignal(): { stopped: () => boolean; dispose: () => void } {
  let stop = false;
  const handler = (): void => {
    stop = true;
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    stopped: () => stop,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
