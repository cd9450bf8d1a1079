/** Validation and compilation of a PLS model specification into index-based plain data. */
import { StatsError } from '../errors.ts';
import type { InnerScheme, PlsModelSpec } from './types.ts';

/** Structured-cloneable (worker-safe) description of a validated model. */
export interface CompiledModel {
  constructs: string[];
  /** Mode per construct: true = Mode B. */
  modeB: boolean[];
  /** Flat item list, block by block. */
  items: string[];
  /** Construct index of every item. */
  blockOf: number[];
  /** Item index range [start, end) of every construct. */
  blockStart: number[];
  blockEnd: number[];
  /** paths[k] = [fromIndex, toIndex]. */
  paths: [number, number][];
  /** predecessors[j] = indices of constructs with a path into j (ascending). */
  predecessors: number[][];
  successors: number[][];
  /** Endogenous constructs (with ≥1 predecessor), in construct order. */
  endogenous: number[];
  /** Constructs in a topological order of the structural model. */
  topoOrder: number[];
  scheme: InnerScheme;
}

export function compileModel(spec: PlsModelSpec, scheme: InnerScheme): CompiledModel {
  const constructs = Object.keys(spec.constructs);
  if (constructs.length < 2) {
    throw new StatsError('INVALID_MODEL', 'A PLS model needs at least two constructs');
  }
  const index = new Map(constructs.map((c, i) => [c, i]));
  const items: string[] = [];
  const blockOf: number[] = [];
  const blockStart: number[] = [];
  const blockEnd: number[] = [];
  const modeB: boolean[] = [];
  const seen = new Map<string, string>();
  constructs.forEach((name, j) => {
    const c = spec.constructs[name];
    if (!c || !Array.isArray(c.items) || c.items.length === 0) {
      throw new StatsError('INVALID_MODEL', `Construct "${name}" has no items`);
    }
    const mode = c.mode ?? 'A';
    if (mode !== 'A' && mode !== 'B') {
      throw new StatsError(
        'INVALID_MODEL',
        `Construct "${name}" has unknown mode "${String(mode)}"`,
      );
    }
    modeB.push(mode === 'B');
    blockStart.push(items.length);
    for (const item of c.items) {
      const other = seen.get(item);
      if (other !== undefined) {
        throw new StatsError(
          'INVALID_MODEL',
          `Item "${item}" is used by both "${other}" and "${name}"`,
        );
      }
      seen.set(item, name);
      items.push(item);
      blockOf.push(j);
    }
    blockEnd.push(items.length);
  });
  const m = constructs.length;
  const predecessors: number[][] = Array.from({ length: m }, () => []);
  const successors: number[][] = Array.from({ length: m }, () => []);
  const paths: [number, number][] = [];
  const pairSeen = new Set<string>();
  for (const [from, to] of spec.paths) {
    const a = index.get(from);
    const b = index.get(to);
    if (a === undefined) {
      throw new StatsError(
        'UNKNOWN_CONSTRUCT',
        `Path ${from} -> ${to}: unknown construct "${from}"`,
      );
    }
    if (b === undefined) {
      throw new StatsError('UNKNOWN_CONSTRUCT', `Path ${from} -> ${to}: unknown construct "${to}"`);
    }
    if (a === b) throw new StatsError('INVALID_MODEL', `Path ${from} -> ${to} is a self-loop`);
    const key = `${a}:${b}`;
    if (pairSeen.has(key))
      throw new StatsError('INVALID_MODEL', `Path ${from} -> ${to} is repeated`);
    pairSeen.add(key);
    paths.push([a, b]);
    predecessors[b].push(a);
    successors[a].push(b);
  }
  for (const list of predecessors) list.sort((x, y) => x - y);
  for (const list of successors) list.sort((x, y) => x - y);
  for (let j = 0; j < m; j++) {
    if (predecessors[j].length === 0 && successors[j].length === 0) {
      throw new StatsError('INVALID_MODEL', `Construct "${constructs[j]}" is not on any path`);
    }
  }
  // Kahn's algorithm: detect cycles and get a topological order.
  const indegree = predecessors.map((p) => p.length);
  const queue: number[] = [];
  for (let j = 0; j < m; j++) if (indegree[j] === 0) queue.push(j);
  const topoOrder: number[] = [];
  while (queue.length > 0) {
    const j = queue.shift()!;
    topoOrder.push(j);
    for (const s of successors[j]) if (--indegree[s] === 0) queue.push(s);
  }
  if (topoOrder.length !== m) {
    throw new StatsError(
      'INVALID_MODEL',
      'The structural model has a cycle (it must be recursive)',
    );
  }
  const endogenous: number[] = [];
  for (let j = 0; j < m; j++) if (predecessors[j].length > 0) endogenous.push(j);
  return {
    constructs,
    modeB,
    items,
    blockOf,
    blockStart,
    blockEnd,
    paths,
    predecessors,
    successors,
    endogenous,
    topoOrder,
    scheme,
  };
}

export function pathKey(from: string, to: string): string {
  return `${from} -> ${to}`;
}
