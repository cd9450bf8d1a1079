/** What tools outside the HTTP API (the CLI) use to import organization data. */
export { chooseOrganization } from '../org/organization-service.ts';
export { importCsv } from './import-service.ts';
