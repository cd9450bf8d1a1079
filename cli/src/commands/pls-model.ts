/** Reading and checking the MODEL.json of `valueloop pls`. */
import type { PlsConstructSpec, PlsMode, PlsModelSpec } from '@valueloop/stats';
import { CliError } from '../errors.ts';
import { isRecord, readJsonFile } from '../stats-io/options.ts';

/**
 * `{"constructs": {"Image": {"items": ["IMAG1", …], "mode": "A"}, …}, "paths": [["Image",
 * "Expectation"], …]}`; every problem is reported with the file and where in it.
 */
export function readPlsModel(file: string): PlsModelSpec {
  const doc = readJsonFile(file);
  if (!isRecord(doc) || !isRecord(doc.constructs) || !Array.isArray(doc.paths)) {
    throw new CliError(`${file}: expected {"constructs": {…}, "paths": [[from, to], …]}`);
  }
  const constructs: Record<string, PlsConstructSpec> = {};
  for (const [name, spec] of Object.entries(doc.constructs)) {
    const items = isRecord(spec) ? spec.items : undefined;
    if (
      !Array.isArray(items) ||
      items.length === 0 ||
      !items.every((i): i is string => typeof i === 'string')
    ) {
      throw new CliError(`${file}: constructs.${name}.items must be a non-empty list of columns`);
    }
    const mode = isRecord(spec) ? (spec.mode ?? 'A') : 'A';
    if (mode !== 'A' && mode !== 'B') {
      throw new CliError(
        `${file}: constructs.${name}.mode must be "A" or "B" (got ${String(mode)})`,
      );
    }
    constructs[name] = { items, mode: mode as PlsMode };
  }
  const names = Object.keys(constructs);
  if (names.length < 2) throw new CliError(`${file}: at least two constructs are needed`);
  const paths = doc.paths.map((path: unknown, i): [string, string] => {
    if (!Array.isArray(path) || path.length !== 2 || !path.every((p) => typeof p === 'string')) {
      throw new CliError(`${file}: paths[${i}] must be ["From", "To"]`);
    }
    for (const end of path as string[]) {
      if (!(end in constructs)) {
        throw new CliError(
          `${file}: paths[${i}] ${path[0]} -> ${path[1]}: unknown construct '${end}' (constructs: ${names.join(', ')})`,
        );
      }
    }
    return [path[0], path[1]];
  });
  if (paths.length === 0) throw new CliError(`${file}: "paths" is empty`);
  return { constructs, paths };
}

/** Parameters of the largest regression of the model: a structural equation or a Mode B block. */
export function largestRegression(model: PlsModelSpec): { size: number; label: string } {
  let best = { size: 0, label: '' };
  for (const [name, spec] of Object.entries(model.constructs)) {
    const predictors = model.paths.filter(([, to]) => to === name).length;
    if (predictors > best.size) best = { size: predictors, label: `the paths into ${name}` };
    if (spec.mode === 'B' && spec.items.length > best.size) {
      best = { size: spec.items.length, label: `the Mode B weights of ${name}` };
    }
  }
  return best;
}

/** Every item column the model uses, in model order. */
export function modelItems(model: PlsModelSpec): string[] {
  return Object.values(model.constructs).flatMap((c) => [...c.items]);
}
