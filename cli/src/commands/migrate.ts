import { openDatabase } from '@valueloop/server';
import { loadConfigOrExit } from './start.ts';
import type { Command } from './types.ts';

export const migrateCommand: Command = {
  async run() {
    const config = loadConfigOrExit();
    const database = await openDatabase(config.database);
    try {
      await database.migrate();
      process.stdout.write('✓ migrations applied\n');
    } finally {
      await database.close();
    }
    return 0;
  },
};
