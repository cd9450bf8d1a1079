/**
 * Multi-threaded PLS bootstrap on `node:worker_threads`.
 *
 * The resample range is cut into batches handed out on demand: the main thread computes batches
 * at once while (threads − 1) workers start up and then take batches too. Each resample draws
 * from `createRng(seed, index)`, so results are bit-identical for any thread count.
 *
 * This module is its own worker entry: a worker loads it with `workerData.kind` set and answers
 * batch requests. When running from TypeScript sources (tsx, Vitest) the worker loads the file
 * through tsx's `tsImport`; from compiled JavaScript it loads the file directly. A worker that
 * fails to start is reported in `diagnostics.warnings` and its work is done by the main thread.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { checkBootstrapSettings } from '../bootstrap/summary.ts';
import {
  bootstrapPls,
  type PlsBootstrapChunk,
  type PlsBootstrapOptions,
  type PlsBootstrapResult,
  summarizePlsBootstrap,
} from './bootstrap.ts';
import { type PreparedPls, preparePls } from './prepare.ts';

const WORKER_KIND = 'valueloop-pls-bootstrap';

export interface PlsBootstrapParallelOptions extends PlsBootstrapOptions {
  /** Threads in total, the main thread included (default 2; 1 = no workers). */
  threads?: number;
  /** Resamples per batch handed to a thread (default: about B / (32 · threads), at least 10). */
  batchSize?: number;
  /**
   * Start workers only when the work left after the first batch (timed on the main thread) is
   * estimated above this many milliseconds (default 400, about a worker's start-up when running
   * from TypeScript sources). 0 always starts them.
   */
  minParallelMs?: number;
  /**
   * Let the main thread compute batches too (default true). false leaves all work to the
   * workers (the main thread steps in only if every worker has failed).
   */
  mainThreadWorks?: boolean;
}

interface WorkerInit {
  kind: typeof WORKER_KIND;
  prepared: PreparedPls;
  seed: number;
}

type ToWorker = { type: 'batch'; start: number; end: number } | { type: 'stop' };
type FromWorker = { type: 'ready' } | { type: 'chunk'; chunk: PlsBootstrapChunk };

function isWorkerInit(data: unknown): data is WorkerInit {
  return (
    typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === WORKER_KIND
  );
}

if (!isMainThread && parentPort && isWorkerInit(workerData)) {
  const port = parentPort;
  const init = workerData;
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'stop') {
      port.close();
      return;
    }
    const chunk = bootstrapPls({
      prepared: init.prepared,
      seed: init.seed,
      start: msg.start,
      end: msg.end,
    });
    const reply: FromWorker = { type: 'chunk', chunk };
    port.postMessage(reply, [chunk.values.buffer as ArrayBuffer, chunk.ok.buffer as ArrayBuffer]);
  });
  const ready: FromWorker = { type: 'ready' };
  port.postMessage(ready);
}

function tsxApiSpecifier(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return 'tsx/esm/api';
  }
}

function startWorker(init: WorkerInit): Worker {
  const self = import.meta.url;
  if (self.endsWith('.ts')) {
    const code = `import(${JSON.stringify(tsxApiSpecifier())}).then(({ tsImport }) => tsImport(${JSON.stringify(self)}, ${JSON.stringify(self)}));`;
    return new Worker(code, { eval: true, workerData: init });
  }
  return new Worker(new URL(self), { workerData: init });
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Bootstrap a PLS model on several threads. Same result as `bootstrapPlsSync` with the same
 * seed, whatever `threads` is. When no batch is left to hand out, the main thread also computes
 * batches still held by workers (first result wins; both are identical), so a slow-starting
 * worker never delays the result.
 */
export async function bootstrapPlsParallel(
  options: PlsBootstrapParallelOptions,
): Promise<PlsBootstrapResult> {
  checkBootstrapSettings(options.resamples, options.seed);
  const threads = Math.max(1, Math.floor(options.threads ?? 2));
  const prepared = preparePls(options);
  const total = options.resamples;
  const batchSize = Math.max(
    1,
    options.batchSize ?? Math.max(10, Math.ceil(total / (32 * threads))),
  );
  const batches: [number, number][] = [];
  for (let s = 0; s < total; s += batchSize) batches.push([s, Math.min(total, s + batchSize)]);
  const results = new Map<number, PlsBootstrapChunk>();
  const byThread = new Array<number>(threads).fill(0);
  const inFlight = new Set<number>();
  let nextBatch = 0;
  const warnings: string[] = [];
  const init: WorkerInit = { kind: WORKER_KIND, prepared, seed: options.seed };
  const workers: Worker[] = [];

  const computeOnMain = (index: number): void => {
    if (results.has(index)) return;
    const [start, end] = batches[index];
    results.set(index, bootstrapPls({ prepared, seed: options.seed, start, end }));
    byThread[0] += end - start;
  };
  const mainWorks = options.mainThreadWorks ?? true;
  let workersWanted = threads - 1;
  if (mainWorks) {
    // Time the first batch to decide whether workers are worth their start-up.
    const t0 = performance.now();
    computeOnMain(nextBatch++);
    const perResample = (performance.now() - t0) / batches[0][1];
    if (perResample * (total - batches[0][1]) <= (options.minParallelMs ?? 400)) workersWanted = 0;
  }
  let alive = 0;

  for (let w = 0; w < workersWanted; w++) {
    let worker: Worker;
    try {
      worker = startWorker(init);
    } catch (error) {
      warnings.push(`A worker thread could not start: ${(error as Error).message}`);
      continue;
    }
    workers.push(worker);
    alive++;
    let current: number | null = null;
    const release = () => {
      if (current !== null) inFlight.delete(current);
      current = null;
    };
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'chunk' && current !== null && !results.has(current)) {
        results.set(current, msg.chunk);
        byThread[w + 1] += msg.chunk.end - msg.chunk.start;
      }
      release();
      if (nextBatch < batches.length) {
        current = nextBatch++;
        inFlight.add(current);
        const [start, end] = batches[current];
        const out: ToWorker = { type: 'batch', start, end };
        worker.postMessage(out);
      } else {
        void worker.terminate();
      }
    });
    worker.on('error', (error) => {
      warnings.push(`A worker thread failed: ${error.message}`);
      release();
    });
    worker.on('exit', () => {
      alive--;
      release();
    });
  }

  try {
    while (results.size < batches.length) {
      const mayCompute = mainWorks || alive === 0;
      let index: number | null = mayCompute && nextBatch < batches.length ? nextBatch++ : null;
      if (index === null && mayCompute) {
        for (const held of inFlight) {
          if (!results.has(held)) {
            index = held;
            break;
          }
        }
      }
      if (index !== null) {
        computeOnMain(index);
        await yieldToEventLoop();
      } else {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
  } finally {
    for (const worker of workers) void worker.terminate();
  }
  const result = summarizePlsBootstrap(
    prepared,
    [...results.values()],
    options.seed,
    options.confidenceLevel,
  );
  result.diagnostics.warnings.push(...warnings);
  result.diagnostics.resamplesByThread = byThread;
  return result;
}
