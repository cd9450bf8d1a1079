export { type BootstrapStatistic, checkBootstrapSettings, summarizeDraws } from './summary.ts';
