import type { SurveyDefinition } from '@valueloop/contracts';
import { describe, expect, it } from 'vitest';
import { changeType, editorReducer, freeQuestionId, initEditor } from './definition-editor.ts';

const definition: SurveyDefinition = {
  languages: ['en'],
  title: { en: 'Survey' },
  questions: [
    { id: 'a', type: 'nps', text: { en: 'A' }, required: true, reverse: false },
    {
      id: 'b',
      type: 'long_text',
      text: { en: 'B' },
      required: false,
      reverse: false,
      showIf: { questionId: 'a', op: 'lte', value: 6 },
    },
    { id: 'c', type: 'yes_no', text: { en: 'C' }, required: false, reverse: false },
  ],
};

describe('survey definition editor', () => {
  it('adds a question with a free id and a new stable key', () => {
    const state = editorReducer(initEditor(definition), { type: 'addQuestion' });
    expect(state.definition.questions.map((q) => q.id)).toEqual(['a', 'b', 'c', 'q4']);
    expect(new Set(state.keys).size).toBe(4);
  });

  it('moves a question together with its key', () => {
    const start = initEditor(definition);
    const moved = editorReducer(start, { type: 'moveQuestion', index: 2, delta: -1 });
    expect(moved.definition.questions.map((q) => q.id)).toEqual(['a', 'c', 'b']);
    expect(moved.keys).toEqual([start.keys[0], start.keys[2], start.keys[1]]);
  });

  it('ignores a move past either end', () => {
    const start = initEditor(definition);
    expect(editorReducer(start, { type: 'moveQuestion', index: 0, delta: -1 })).toBe(start);
    expect(editorReducer(start, { type: 'moveQuestion', index: 2, delta: 1 })).toBe(start);
  });

  it('drops conditions on a removed question', () => {
    const state = editorReducer(initEditor(definition), { type: 'removeQuestion', index: 0 });
    expect(state.definition.questions.map((q) => q.id)).toEqual(['b', 'c']);
    expect(state.definition.questions[0]?.showIf).toBeUndefined();
    expect(state.keys).toHaveLength(2);
  });

  it('never removes the last question', () => {
    const one = initEditor({ ...definition, questions: definition.questions.slice(0, 1) });
    expect(editorReducer(one, { type: 'removeQuestion', index: 0 })).toBe(one);
  });

  it('removes an emptied Spanish text instead of keeping an empty string', () => {
    let state = editorReducer(initEditor(definition), {
      type: 'setQuestionText',
      index: 0,
      language: 'es',
      value: 'Hola',
    });
    expect(state.definition.questions[0]?.text).toEqual({ en: 'A', es: 'Hola' });
    state = editorReducer(state, { type: 'setQuestionText', index: 0, language: 'es', value: '' });
    expect(state.definition.questions[0]?.text).toEqual({ en: 'A' });
  });

  it('drops an optional intro when all its languages are empty', () => {
    let state = editorReducer(initEditor(definition), {
      type: 'setText',
      field: 'intro',
      language: 'en',
      value: 'Hi',
    });
    expect(state.definition.intro).toEqual({ en: 'Hi' });
    state = editorReducer(state, { type: 'setText', field: 'intro', language: 'en', value: '' });
    expect(state.definition.intro).toBeUndefined();
  });

  it('keeps English as a language whatever is toggled', () => {
    let state = editorReducer(initEditor(definition), {
      type: 'toggleLanguage',
      language: 'es',
      on: true,
    });
    expect(state.definition.languages).toEqual(['en', 'es']);
    state = editorReducer(state, { type: 'toggleLanguage', language: 'en', on: false });
    expect(state.definition.languages).toEqual(['en', 'es']);
  });

  it('gives a question options when it becomes a choice and drops them when it stops', () => {
    const base = definition.questions[0]!;
    const choice = changeType(base, 'single_choice');
    expect(choice.options).toHaveLength(2);
    expect(changeType(choice, 'nps').options).toBeUndefined();
  });

  it('finds the first q-number id not taken', () => {
    expect(freeQuestionId([{ ...definition.questions[0]!, id: 'q2' }])).toBe('q3');
  });
});
