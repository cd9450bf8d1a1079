import { describe, expect, it } from 'vitest';
import { loadSurveyTemplate } from '../surveys/templates.ts';
import { employeeComment, enpsScore, scoreEmployeeResponse } from './indices.ts';

const pulse = loadSurveyTemplate('employee_pulse');

describe('employee indices', () => {
  it('averages the six ev.* items into EVI and keeps every item score', () => {
    const scores = scoreEmployeeResponse(pulse, {
      solve: 5,
      grow: 4,
      recognition: 3,
      fair: 2,
      peers: 1,
      pay: 3,
    });
    expect(scores['ev.solve']).toBe(100);
    expect(scores['ev.peers']).toBe(0);
    expect(scores.evi).toBe(50);
    expect(scores).not.toHaveProperty('climate');
  });

  it('averages only the answered items of an index; a skipped index is absent', () => {
    const scores = scoreEmployeeResponse(pulse, { solve: 5, tools: 4, lead_support: 2 });
    expect(scores.evi).toBe(100);
    expect(scores.climate).toBe(75);
    expect(scores.leadership).toBe(25);
    expect(scores).not.toHaveProperty('identity');
  });

  it('scores eNPS +100 / 0 / −100 so a group mean is the group eNPS', () => {
    expect([10, 9, 8, 7, 6, 0].map(enpsScore)).toEqual([100, 100, 0, 0, -100, -100]);
    const promoters = scoreEmployeeResponse(pulse, { solve: 3, enps: 9 });
    const detractor = scoreEmployeeResponse(pulse, { solve: 3, enps: 4 });
    expect((promoters.enps! * 2 + detractor.enps!) / 3).toBeCloseTo(100 / 3);
  });

  it('maps the single-item constructs and the internal service and upward items', () => {
    const scores = scoreEmployeeResponse(pulse, {
      solve: 3,
      pride: 5,
      skill_operational: 4,
      skill_service: 2,
      attitude: 5,
      stay: 1,
      praise: 4,
    });
    expect(scores).toMatchObject({
      identity: 100,
      expertise_operational: 75,
      expertise_service: 25,
      attitude: 100,
      stay: 0,
      praise_matters: 75,
    });
    const isq = scoreEmployeeResponse(loadSurveyTemplate('internal_service'), { isq: 4 });
    expect(isq.isq).toBe(75);
    const upward = scoreEmployeeResponse(loadSurveyTemplate('manager_upward'), {
      support: 5,
      strategy: 2,
    });
    expect(upward).toMatchObject({ upward_support: 100, upward_strategy: 25, upward: 62.5 });
  });

  it('takes the comment item, trimmed, and ignores blank comments', () => {
    expect(employeeComment(pulse, { solve: 3, comment: '  More staff on Saturdays ' })).toBe(
      'More staff on Saturdays',
    );
    expect(employeeComment(pulse, { solve: 3, comment: '   ' })).toBeNull();
  });
});
