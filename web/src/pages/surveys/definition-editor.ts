import type {
  LocalText,
  Question,
  QuestionType,
  SurveyDefinition,
  SurveyLanguage,
} from '@valueloop/contracts';

/**
 * The survey editor's state: the draft definition plus a stable key per question, so React
 * keeps each question's inputs (and focus) while ids are edited or questions move.
 */
export interface EditorState {
  definition: SurveyDefinition;
  keys: string[];
  /** Key counter; keys are never reused within one editing session. */
  nextKey: number;
}

export type TextField = 'title' | 'intro' | 'thankYou';
export type ChoiceOption = NonNullable<Question['options']>[number];

export type EditorAction =
  | { type: 'reset'; definition: SurveyDefinition }
  | { type: 'toggleLanguage'; language: SurveyLanguage; on: boolean }
  | { type: 'setText'; field: TextField; language: SurveyLanguage; value: string }
  | { type: 'addQuestion'; questionType?: QuestionType }
  | { type: 'removeQuestion'; index: number }
  | { type: 'moveQuestion'; index: number; delta: -1 | 1 }
  | { type: 'updateQuestion'; index: number; patch: Partial<Question> }
  | { type: 'setQuestionText'; index: number; language: SurveyLanguage; value: string }
  | { type: 'setQuestionType'; index: number; questionType: QuestionType }
  | { type: 'setOptions'; index: number; options: ChoiceOption[] };

export const choiceTypes: readonly QuestionType[] = ['single_choice', 'multi_choice'];
export const textTypes: readonly QuestionType[] = ['short_text', 'long_text'];

export function initEditor(definition: SurveyDefinition): EditorState {
  return {
    definition: structuredClone(definition),
    keys: definition.questions.map((_, i) => `q${i}`),
    nextKey: definition.questions.length,
  };
}

/** Sets one language of a text; an empty optional language is removed rather than kept empty. */
export function withText(text: LocalText | undefined, language: SurveyLanguage, value: string) {
  const next: LocalText = { ...(text ?? { en: '' }) };
  if (language === 'en') next.en = value;
  else if (value === '') delete next.es;
  else next.es = value;
  return next;
}

/** Intro and thank-you are optional: when every language is empty they disappear. */
function withOptionalText(text: LocalText | undefined, language: SurveyLanguage, value: string) {
  const next = withText(text, language, value);
  return next.en === '' && !next.es ? undefined : next;
}

/** The first free id of the form q1, q2, … */
export function freeQuestionId(questions: readonly Question[]): string {
  const taken = new Set(questions.map((q) => q.id));
  let n = questions.length + 1;
  while (taken.has(`q${n}`)) n += 1;
  return `q${n}`;
}

export function newQuestion(questions: readonly Question[], type: QuestionType): Question {
  const question: Question = {
    id: freeQuestionId(questions),
    type,
    text: { en: '' },
    required: false,
    reverse: false,
  };
  if (choiceTypes.includes(type)) question.options = defaultOptions();
  return question;
}

const defaultOptions = (): ChoiceOption[] => [
  { value: 'a', text: { en: 'Option A' } },
  { value: 'b', text: { en: 'Option B' } },
];

/** Changing the type keeps what still applies: options only for choices, length only for text. */
export function changeType(question: Question, type: QuestionType): Question {
  const next: Question = { ...question, type };
  if (choiceTypes.includes(type)) next.options = question.options ?? defaultOptions();
  else delete next.options;
  if (!textTypes.includes(type)) delete next.maxLength;
  if (type !== 'agreement5') next.reverse = false;
  return next;
}

function mapQuestion(state: EditorState, index: number, f: (q: Question) => Question) {
  const questions = state.definition.questions.map((q, i) => (i === index ? f(q) : q));
  return { ...state, definition: { ...state.definition, questions } };
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const { definition } = state;
  switch (action.type) {
    case 'reset':
      return initEditor(action.definition);
    case 'toggleLanguage': {
      if (action.language === 'en') return state; // English is the required fallback.
      const languages = action.on
        ? [...new Set([...definition.languages, action.language])]
        : definition.languages.filter((l) => l !== action.language);
      return { ...state, definition: { ...definition, languages } };
    }
    case 'setText': {
      const text =
        action.field === 'title'
          ? withText(definition.title, action.language, action.value)
          : withOptionalText(definition[action.field], action.language, action.value);
      return { ...state, definition: { ...definition, [action.field]: text } };
    }
    case 'addQuestion': {
      const question = newQuestion(definition.questions, action.questionType ?? 'agreement5');
      return {
        definition: { ...definition, questions: [...definition.questions, question] },
        keys: [...state.keys, `q${state.nextKey}`],
        nextKey: state.nextKey + 1,
      };
    }
    case 'removeQuestion': {
      const removed = definition.questions[action.index];
      if (!removed || definition.questions.length <= 1) return state;
      // Conditions on the removed question can no longer hold: drop them.
      const questions = definition.questions
        .filter((_, i) => i !== action.index)
        .map((q) => (q.showIf?.questionId === removed.id ? withoutShowIf(q) : q));
      return {
        ...state,
        definition: { ...definition, questions },
        keys: state.keys.filter((_, i) => i !== action.index),
      };
    }
    case 'moveQuestion': {
      const to = action.index + action.delta;
      if (to < 0 || to >= definition.questions.length) return state;
      return {
        ...state,
        definition: { ...definition, questions: swap(definition.questions, action.index, to) },
        keys: swap(state.keys, action.index, to),
      };
    }
    case 'updateQuestion':
      return mapQuestion(state, action.index, (q) => ({ ...q, ...action.patch }));
    case 'setQuestionText':
      return mapQuestion(state, action.index, (q) => ({
        ...q,
        text: withText(q.text, action.language, action.value),
      }));
    case 'setQuestionType':
      return mapQuestion(state, action.index, (q) => changeType(q, action.questionType));
    case 'setOptions':
      return mapQuestion(state, action.index, (q) => ({ ...q, options: action.options }));
  }
}

export function withoutShowIf(question: Question): Question {
  const { showIf: _dropped, ...rest } = question;
  return rest;
}

function swap<T>(list: readonly T[], a: number, b: number): T[] {
  const next = [...list];
  [next[a], next[b]] = [next[b] as T, next[a] as T];
  return next;
}
