import type { Command } from './types.ts';

interface CommandEntry {
  summary: string;
  /** Loaded on use, so `valueloop pls` does not pay for loading the server. */
  load(): Promise<Command>;
}

export const commands: Record<string, CommandEntry> = {
  start: {
    summary: 'Start ValueLoop (--role web,worker; default both)',
    load: async () => (await import('./start.ts')).startCommand,
  },
  migrate: {
    summary: 'Apply pending database migrations',
    load: async () => (await import('./migrate.ts')).migrateCommand,
  },
  import: {
    summary: 'Import a CSV file: import units|people|edges FILE [--org SLUG]',
    load: async () => (await import('./import.ts')).importCommand,
  },
  demo: {
    summary: 'Load the Harbor Savings Bank demo organization (--seed N, --force replaces it)',
    load: async () => (await import('./demo.ts')).demoCommand,
  },
  doctor: {
    summary: 'Check configuration, database, migrations, web build and Node (--role web,worker)',
    load: async () => (await import('./doctor.ts')).doctorCommand,
  },
  clv: {
    summary: 'Customer lifetime value models: clv fit|predict --input FILE --model MODEL …',
    load: async () => (await import('./clv.ts')).clvCommand,
  },
  pls: {
    summary: 'PLS path model: pls --data FILE.csv --model MODEL.json [--bootstrap N --seed S]',
    load: async () => (await import('./pls.ts')).plsCommand,
  },
  drivers: {
    summary: 'Key drivers: drivers --data FILE.csv --outcome COL --predictors A,B,…',
    load: async () => (await import('./drivers.ts')).driversCommand,
  },
  panel: {
    summary: 'Cross-lagged panel: panel --data FILE.csv --unit COL --period COL --vars X,Y',
    load: async () => (await import('./panel.ts')).panelCommand,
  },
};
