/**
 * Progress on stderr, only when stderr is a terminal (never in pipes, files or tests), so
 * stdout stays clean JSON/CSV and logs stay free of control characters.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(value: number): void;
  stop(): void;
}

const silent: Progress = { update: () => {}, stop: () => {} };

export function progressEnabled(): boolean {
  return process.stderr.isTTY === true;
}

/** A bar counting `total` steps (e.g. bootstrap resamples). */
export function startProgress(label: string, total: number): Progress {
  if (!progressEnabled()) return silent;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {value}/{total} {duration_formatted}`,
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (value) => bar.update(value),
    stop: () => bar.stop(),
  };
}

/**
 * Runs asynchronous work whose progress cannot be counted (e.g. a worker-thread bootstrap) with
 * an elapsed-time line that updates while the event loop is free.
 */
export async function withActivity<T>(label: string, work: () => Promise<T>): Promise<T> {
  if (!progressEnabled()) return work();
  const bar = new cliProgress.SingleBar({
    format: `${label} … {duration_formatted}`,
    stream: process.stderr,
    clearOnComplete: true,
    hideCursor: true,
  });
  // The bar re-renders on its own timer, so the elapsed time advances between batches.
  bar.start(1, 0);
  try {
    return await work();
  } finally {
    bar.stop();
  }
}

/** Runs synchronous work (a big fit) with a status line that is cleared when it is done. */
export function withStatus<T>(label: string, work: () => T): T {
  if (!progressEnabled()) return work();
  process.stderr.write(`${label} …`);
  try {
    return work();
  } finally {
    process.stderr.write('\r\x1b[2K');
  }
}
