export { type DemoCausalModel, demoCausalModel } from './causal-model.ts';
export { DEFAULT_DEMO_SEED, type DemoData, generateDemoData } from './generate.ts';
export {
  DEMO_ORG_SLUG,
  DemoOrganizationExistsError,
  type LoadedDemo,
  loadDemoIfEmpty,
  loadDemoOrganization,
} from './load.ts';
export { DEMO_PASSWORD, type DemoLogin, demoLogins, formatDemoLogins } from './logins.ts';
