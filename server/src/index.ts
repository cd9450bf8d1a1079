export { type Config, ConfigError, loadConfig } from './config.ts';
export { type Database, openDatabase } from './db/client.ts';
export {
  getDatabaseVersion,
  getMigrationStatus,
  type MigrationStatus,
} from './db/migration-status.ts';
export * from './demo/index.ts';
export { buildApp } from './http/app.ts';
export { chooseOrganization, importCsv } from './imports/index.ts';
export { type ProcessRole, startValueLoop } from './main.ts';
