/** The five customer-base models of `valueloop clv`: names, parameters and fitting. */
import {
  BG_BB_PARAMETER_NAMES,
  BG_NBD_PARAMETER_NAMES,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  GAMMA_GAMMA_PARAMETER_NAMES,
  MBG_NBD_PARAMETER_NAMES,
  type ModelFit,
  PARETO_NBD_PARAMETER_NAMES,
  type RfmColumns,
} from '@valueloop/stats';
import { CliError } from '../errors.ts';
import { withStatus } from '../stats-io/progress.ts';
import { type ClvData, type ClvTimeUnitArg, customerCount } from './clv-input.ts';

export const CLV_MODELS = ['bgnbd', 'mbgnbd', 'pareto', 'bgbb', 'gammagamma'] as const;
export type ClvModelName = (typeof CLV_MODELS)[number];

export const PARAMETER_NAMES: Record<ClvModelName, readonly string[]> = {
  bgnbd: BG_NBD_PARAMETER_NAMES,
  mbgnbd: MBG_NBD_PARAMETER_NAMES,
  pareto: PARETO_NBD_PARAMETER_NAMES,
  bgbb: BG_BB_PARAMETER_NAMES,
  gammagamma: GAMMA_GAMMA_PARAMETER_NAMES,
};

/** The JSON document `clv fit --json` prints and `clv predict --params` reads. */
export interface ClvFitOutput {
  model: ClvModelName;
  params: Record<string, number>;
  standardErrors: Record<string, number> | null;
  logLikelihood: number;
  /** Customers (sum of weights); repeat buyers for gammagamma. */
  n: number;
  converged: boolean;
  iterations: number;
  /** Unit of recency and T, when the input was a transaction log. */
  timeUnit?: ClvTimeUnitArg;
  warnings: string[];
}

/** Fits on a million customers take a moment: show a status line on a terminal from here. */
const BIG_FIT = 100_000;

function present<P extends { [K in keyof P]: number }>(
  model: ClvModelName,
  fit: ModelFit<P>,
): Omit<ClvFitOutput, 'timeUnit'> {
  const record = (p: P) => Object.fromEntries(fit.parameterNames.map((k) => [k, p[k]]));
  return {
    model,
    params: record(fit.params),
    standardErrors: fit.standardErrors ? record(fit.standardErrors) : null,
    logLikelihood: fit.logLikelihood,
    n: fit.customers,
    converged: fit.convergence.converged,
    iterations: fit.convergence.iterations,
    warnings: [...fit.convergence.warnings],
  };
}

function rfm(data: ClvData): RfmColumns {
  return {
    frequency: data.frequency,
    recency: data.recency,
    T: data.T,
    ...(data.weights ? { weights: data.weights } : {}),
  };
}

function requireRows(data: ClvData, model: ClvModelName, rows: number, what: string): void {
  const k = PARAMETER_NAMES[model].length;
  if (rows < k) {
    throw new CliError(`${data.file}: ${rows} ${what}, fewer than the ${k} parameters of ${model}`);
  }
}

function fitSpend(data: ClvData, penalizer: number) {
  const monetary = data.monetary;
  if (!monetary) {
    throw new CliError(
      `${data.file}: gammagamma needs a mean-spend column (monetary_value, zbar or m.x)`,
    );
  }
  let repeaters = 0;
  data.frequency.forEach((x, i) => {
    if (x > 0) repeaters += data.weights ? data.weights[i] : 1;
  });
  requireRows(data, 'gammagamma', repeaters, 'repeat buyers');
  const customers = Array.from(data.frequency, (frequency, i) => ({
    frequency,
    monetaryValue: monetary[i],
    weight: data.weights ? data.weights[i] : 1,
  }));
  return present('gammagamma', fitGammaGamma({ customers, penalizer }));
}

function fitDiscrete(data: ClvData, penalizer: number) {
  const customers = Array.from(data.frequency, (frequency, i) => ({
    frequency,
    recency: data.recency[i],
    periods: data.T[i],
    weight: data.weights ? data.weights[i] : 1,
  }));
  return present('bgbb', fitBgBb({ customers, penalizer }));
}

/** Maximum-likelihood fit of `model` (StatsErrors propagate for the caller to map). */
export function fitClvModel(model: ClvModelName, data: ClvData, penalizer: number): ClvFitOutput {
  requireRows(data, model, customerCount(data), 'customers');
  const run = () => {
    switch (model) {
      case 'bgnbd':
        return present(model, fitBgNbd({ customers: rfm(data), penalizer }));
      case 'mbgnbd':
        return present(model, fitMbgNbd({ customers: rfm(data), penalizer }));
      case 'pareto':
        return present(model, fitParetoNbd({ customers: rfm(data), penalizer }));
      case 'bgbb':
        return fitDiscrete(data, penalizer);
      case 'gammagamma':
        return fitSpend(data, penalizer);
    }
  };
  const fit =
    data.frequency.length >= BIG_FIT
      ? withStatus(`Fitting ${model} to ${data.frequency.length} rows`, run)
      : run();
  return data.timeUnit ? { ...fit, timeUnit: data.timeUnit } : fit;
}
