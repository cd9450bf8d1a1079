import { scheduleCaseJobs } from './cases/case-jobs.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { buildApp } from './http/app.ts';
import { createJobHandlers } from './jobs/handlers.ts';
import { scheduleHousekeeping } from './jobs/housekeeping.ts';
import { startWorker } from './jobs/worker.ts';
import { schedulePulses } from './pulses/scheduler.ts';
import { startWebhookSender } from './webhooks/sender.ts';

export type ProcessRole = 'web' | 'worker';

export interface RunningValueLoop {
  url: string | null;
  database: Database;
  stop(): Promise<void>;
}

/**
 * Opens the database, applies migrations and starts the requested roles in this process.
 * `onMigrated` lets the caller seed (e.g. the demo organization) before traffic arrives.
 */
export async function startValueLoop(opts: {
  config: Config;
  roles: readonly ProcessRole[];
  onMigrated?: (database: Database) => Promise<void>;
}): Promise<RunningValueLoop> {
  const database = await openDatabase(opts.config.database);
  await database.migrate();
  await opts.onMigrated?.(database);
  const stops: Array<() => Promise<void>> = [];
  let url: string | null = null;
  if (opts.roles.includes('web')) {
    const app = await buildApp({ database, config: opts.config });
    url = await app.listen({ port: opts.config.port, host: opts.config.host });
    stops.push(() => app.close());
  }
  if (opts.roles.includes('worker')) {
    await scheduleHousekeeping({ db: database.db });
    await schedulePulses({ db: database.db });
    await scheduleCaseJobs({ db: database.db });
    const handlers = createJobHandlers({ config: opts.config });
    const worker = startWorker({ db: database.db, handlers });
    const webhookSender = startWebhookSender({ db: database.db });
    stops.push(
      () => worker.stop(),
      () => webhookSender.stop(),
    );
  }
  return {
    url,
    database,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
      await database.close();
    },
  };
}
