import { demoCommand } from './demo.ts';
import { doctorCommand } from './doctor.ts';
import { migrateCommand } from './migrate.ts';
import { startCommand } from './start.ts';
import type { Command } from './types.ts';

export const commands: Record<string, Command> = {
  start: startCommand,
  migrate: migrateCommand,
  demo: demoCommand,
  doctor: doctorCommand,
};
