import type { LocalText, Question, SurveyDefinition } from '@valueloop/contracts';
import type { Answers } from '../responses/answers.ts';

/** A back-office unit an internal service respondent rates (a support edge into their unit). */
export interface RatedUnit {
  id: string;
  name: string;
}

/** A group of questions on the page: the whole survey, or one rated unit's copy of it. */
export interface FormSection {
  unit: RatedUnit | null;
  /** Each question as asked, with the id of the survey question it copies. */
  items: Array<{ question: Question; sourceId: string }>;
}

/**
 * What the respondent actually answers. For internal service surveys every question is asked
 * once per rated unit, so `definition` holds one copy per unit with ids suffixed by the unit
 * (`isq__<unit id hex>`), "[Unit]" replaced by its name. The existing answer validator and the
 * no-JavaScript form parser work on this definition unchanged.
 */
export interface EmployeeForm {
  definition: SurveyDefinition;
  sections: FormSection[];
}

const UNIT_PLACEHOLDER = '[Unit]';

/** The answer key of a question asked about one rated unit. */
export const unitQuestionId = (questionId: string, unitId: string) =>
  `${questionId}__${unitId.replaceAll('-', '')}`;

function nameUnit(text: LocalText, unitName: string): LocalText {
  const named = Object.entries(text).map(([lang, value]) => [
    lang,
    typeof value === 'string' ? value.replaceAll(UNIT_PLACEHOLDER, unitName) : value,
  ]);
  return Object.fromEntries(named) as LocalText;
}

function questionAbout(question: Question, unit: RatedUnit): Question {
  return {
    ...question,
    id: unitQuestionId(question.id, unit.id),
    text: nameUnit(question.text, unit.name),
    options: question.options?.map((o) => ({ ...o, text: nameUnit(o.text, unit.name) })),
    showIf: question.showIf && {
      ...question.showIf,
      questionId: unitQuestionId(question.showIf.questionId, unit.id),
    },
  };
}

export function buildEmployeeForm(opts: {
  definition: SurveyDefinition;
  perRatedUnit: boolean;
  ratedUnits: readonly RatedUnit[];
}): EmployeeForm {
  const { definition } = opts;
  if (!opts.perRatedUnit) {
    const items = definition.questions.map((question) => ({ question, sourceId: question.id }));
    return { definition, sections: [{ unit: null, items }] };
  }
  const sections = opts.ratedUnits.map((unit) => ({
    unit,
    items: definition.questions.map((q) => ({ question: questionAbout(q, unit), sourceId: q.id })),
  }));
  return {
    definition: {
      ...definition,
      questions: sections.flatMap((s) => s.items.map((item) => item.question)),
    },
    sections,
  };
}

/**
 * One answer set per section that has at least one answer, keyed by the survey's own question
 * ids again (what scoring expects); `subjectUnitId` is the rated unit, or null.
 */
export function splitAnswersBySection(
  form: EmployeeForm,
  answers: Answers,
): Array<{ subjectUnitId: string | null; answers: Answers }> {
  const out: Array<{ subjectUnitId: string | null; answers: Answers }> = [];
  for (const section of form.sections) {
    const own: Answers = {};
    for (const { question, sourceId } of section.items) {
      const value = answers[question.id];
      if (value !== undefined) own[sourceId] = value;
    }
    if (Object.keys(own).length > 0)
      out.push({ subjectUnitId: section.unit?.id ?? null, answers: own });
  }
  return out;
}
