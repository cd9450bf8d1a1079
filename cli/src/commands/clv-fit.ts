/** `valueloop clv fit`: maximum-likelihood fit of a customer-base model to a file. */
import { formatNumber, renderTable } from '../stats-io/format.ts';
import {
  parseChoice,
  parseNumberOption,
  parseOptions,
  requireOption,
  withDataErrors,
} from '../stats-io/options.ts';
import { analystCommand } from './analyst-command.ts';
import { type ClvInputArgs, clvInputOptions, readClvInput } from './clv-input.ts';
import { CLV_MODELS, type ClvFitOutput, type ClvModelName, fitClvModel } from './clv-models.ts';

export const CLV_FIT_USAGE =
  'valueloop clv fit --input FILE [--format summary|transactions] --model bgnbd|mbgnbd|pareto|bgbb|gammagamma [--customer-col C --date-col C --amount-col C --period day|week --time-unit day|week --observation-end DATE --calibration-end DATE] [--penalizer X] [--json]';

export interface ClvFitOptions extends ClvInputArgs {
  model: ClvModelName;
  penalizer?: number;
}

export function parseClvFitArgs(args: string[]): { options: ClvFitOptions; json: boolean } {
  const { values } = parseOptions(
    args,
    {
      ...clvInputOptions,
      model: { type: 'string' },
      penalizer: { type: 'string' },
      json: { type: 'boolean' },
    },
    CLV_FIT_USAGE,
  );
  const input = requireOption(values.input, '--input', CLV_FIT_USAGE);
  const model = parseChoice(
    '--model',
    requireOption(values.model, '--model', CLV_FIT_USAGE),
    CLV_MODELS,
  );
  const penalizer =
    values.penalizer === undefined
      ? undefined
      : parseNumberOption('--penalizer', values.penalizer, { min: 0 });
  return { options: { ...values, input, model, penalizer }, json: values.json ?? false };
}

/** Reads the file and fits the model; bad input throws a one-line CliError. */
export function fitClvFile(options: ClvFitOptions): ClvFitOutput {
  const data = readClvInput(options, { bgbb: options.model === 'bgbb' });
  return withDataErrors(options.input, () =>
    fitClvModel(options.model, data, options.penalizer ?? 0),
  );
}

export function renderClvFit(fit: ClvFitOutput): string {
  const rows = Object.entries(fit.params).map(([name, value]) => [
    name,
    value,
    fit.standardErrors ? fit.standardErrors[name] : null,
  ]);
  const lines = [
    `${fit.model} fit on ${fit.n} customers${fit.timeUnit ? ` (time unit: ${fit.timeUnit})` : ''}`,
    '',
    renderTable(['parameter', 'estimate', 'SE'], rows),
    '',
    `log-likelihood  ${formatNumber(fit.logLikelihood)}`,
    `converged       ${fit.converged ? 'yes' : 'NO'} after ${fit.iterations} iterations`,
    ...fit.warnings.map((w) => `warning: ${w}`),
  ];
  return lines.join('\n');
}

export const runClvFit = analystCommand(parseClvFitArgs, fitClvFile, renderClvFit).run;
