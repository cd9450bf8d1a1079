import { clvCommand } from './clv.ts';
import { demoCommand } from './demo.ts';
import { doctorCommand } from './doctor.ts';
import { driversCommand } from './drivers.ts';
import { importCommand } from './import.ts';
import { migrateCommand } from './migrate.ts';
import { panelCommand } from './panel.ts';
import { plsCommand } from './pls.ts';
import { startCommand } from './start.ts';
import type { Command } from './types.ts';

export const commands: Record<string, Command> = {
  start: startCommand,
  migrate: migrateCommand,
  import: importCommand,
  demo: demoCommand,
  doctor: doctorCommand,
  clv: clvCommand,
  pls: plsCommand,
  drivers: driversCommand,
  panel: panelCommand,
};
