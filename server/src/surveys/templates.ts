import { readFileSync } from 'node:fs';
import {
  type SurveyDefinition,
  surveyDefinitionSchema,
  type surveyTemplates,
} from '@valueloop/contracts';

type TemplateName = (typeof surveyTemplates)[number];
const files: Record<TemplateName, string> = {
  customer_value: 'customer-value.json',
  blank: 'blank.json',
  employee_pulse: 'employee-pulse.json',
  internal_service: 'internal-service.json',
  manager_upward: 'manager-upward.json',
};
const cache = new Map<TemplateName, SurveyDefinition>();

/** Survey templates are data files next to this module, validated by the same schema as drafts. */
export function loadSurveyTemplate(name: TemplateName): SurveyDefinition {
  let definition = cache.get(name);
  if (!definition) {
    const raw = readFileSync(new URL(`./templates/${files[name]}`, import.meta.url), 'utf8');
    definition = surveyDefinitionSchema.parse(JSON.parse(raw));
    cache.set(name, definition);
  }
  return structuredClone(definition);
}
