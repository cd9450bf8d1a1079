export { type Config, ConfigError, loadConfig } from './config.ts';
export { type Database, openDatabase } from './db/client.ts';
export { buildApp } from './http/app.ts';
export { type ProcessRole, startValueLoop } from './main.ts';
