export {
  createDisclosureContext,
  type DisclosureContext,
  discloseCells,
} from './disclosure-context.ts';
export * from './types.ts';
