import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_USAGE } from '../errors.ts';
import { cliErrorOf, refdata, repoRoot, tempFiles } from '../stats-io/testing.ts';
import { fitClvFile, parseClvFitArgs } from './clv-fit.ts';
import { runDriversFile } from './drivers.ts';
import { runPanelFile } from './panel.ts';
import { runPlsFile } from './pls.ts';

const mobiText = readFileSync(refdata('linkage/data/mobi.csv'), 'utf8');
const ecsi = `${repoRoot}cli/examples/ecsi-model.json`;

/** mobi.csv with one cell replaced (row is 1-based over data rows). */
function mobiWith(row: number, column: string, value: string): string {
  const lines = mobiText.trimEnd().split('\n');
  const header = lines[0].split(',').map((h) => h.replaceAll('"', ''));
  const cells = lines[row].split(',');
  cells[header.indexOf(column)] = value;
  lines[row] = cells.join(',');
  return `${lines.join('\n')}\n`;
}

async function expectUsageError(work: () => unknown, message: string | RegExp) {
  const error = await cliErrorOf(work);
  expect(error.exitCode).toBe(EXIT_USAGE);
  expect(error.message).not.toContain('\n');
  expect(error.message).toMatch(message);
}

describe('bad input to the analyst commands', () => {
  it('names a missing file', async () => {
    await expectUsageError(
      () => fitClvFile({ input: 'no-such-file.csv', model: 'bgnbd' }),
      'no-such-file.csv: cannot read the file (no such file)',
    );
  });

  it('names a missing column and lists the columns there are', async () => {
    const files = tempFiles({ 'data.csv': mobiText });
    await expectUsageError(
      () => runDriversFile({ data: files['data.csv'], outcome: 'CUSA9', predictors: ['PERQ1'] }),
      /data\.csv: no column 'CUSA9' \(columns: CUEX1, CUEX2, .*PERV2\)$/,
    );
  });

  it('names file, row and column of a non-numeric cell', async () => {
    const files = tempFiles({ 'data.csv': mobiWith(17, 'CUSA2', 'abc') });
    await expectUsageError(
      () => runPlsFile({ data: files['data.csv'], model: ecsi }),
      /data\.csv: row 17, column CUSA2: 'abc' is not a number$/,
    );
  });

  it('refuses fewer rows than parameters', async () => {
    const files = tempFiles({
      'few.csv': 'x,t_x,T\n1,2,10\n0,0,8\n2,5,9\n',
      'mobi3.csv': mobiText.split('\n').slice(0, 4).join('\n'),
    });
    await expectUsageError(
      () => fitClvFile({ input: files['few.csv'], model: 'bgnbd' }),
      /few\.csv: 3 customers, fewer than the 4 parameters of bgnbd/,
    );
    await expectUsageError(
      () =>
        runDriversFile({
          data: files['mobi3.csv'],
          outcome: 'CUSA1',
          predictors: ['PERQ1', 'PERQ2', 'PERQ3'],
        }),
      /mobi3\.csv: 3 rows, fewer than the 5 needed for 3 predictors/,
    );
  });

  it('names an unknown construct in a path of the model file', async () => {
    const model = JSON.parse(readFileSync(ecsi, 'utf8'));
    model.paths.push(['Imag', 'Loyalty']);
    const files = tempFiles({ 'model.json': JSON.stringify(model) });
    await expectUsageError(
      () => runPlsFile({ data: refdata('linkage/data/mobi.csv'), model: files['model.json'] }),
      /model\.json: paths\[12\] Imag -> Loyalty: unknown construct 'Imag' \(constructs: Image, /,
    );
  });

  it('names an unknown model', async () => {
    await expectUsageError(
      () => parseClvFitArgs(['--input', 'x.csv', '--model', 'bgndb']),
      "--model: unknown value 'bgndb' (use bgnbd, mbgnbd, pareto, bgbb, gammagamma)",
    );
  });

  it('turns a statistics error into one line naming the file', async () => {
    const files = tempFiles({ 'bad.csv': 'x,t_x,T\n1,12,10\n0,0,8\n2,5,9\n1,1,4\n3,4,9\n' });
    await expectUsageError(
      () => fitClvFile({ input: files['bad.csv'], model: 'bgnbd' }),
      /^.*bad\.csv: .*recency.*\[[A-Z_]+\]$/i,
    );
  });

  it('reports a panel column that is missing', async () => {
    const files = tempFiles({ 'p.csv': 'unit,period,a,b\n1,1,2,3\n1,2,3,4\n2,1,1,1\n2,2,2,2\n' });
    await expectUsageError(
      () => runPanelFile({ data: files['p.csv'], unit: 'unit', period: 'month', vars: ['a', 'b'] }),
      /p\.csv: no column 'month' \(columns: unit, period, a, b\)/,
    );
  });
});
