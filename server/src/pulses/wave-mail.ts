import type { EmployeeSurveyKind } from './program-service.ts';

/** The survey link of one invitee; the token is in the e-mail only (the database keeps its hash). */
export const waveLink = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/+$/, '')}/e/${token}`;

const asks: Record<EmployeeSurveyKind, string> = {
  employee_pulse:
    'How is work going for you and your team? We would value two minutes of your time.',
  internal_service:
    'How well do the back-office teams that support your unit help you serve customers? Two minutes.',
  manager_upward:
    'How well are you supported in leading your unit? Your view helps top management support you.',
};

function anonymityNote(minGroupSize: number): string {
  return [
    'Your answers are anonymous: they are stored with your unit, the month and a broad tenure',
    `band only, never with your name, and results are shown only for groups of at least ${minGroupSize}.`,
  ].join('\n');
}

const day = (at: Date) => at.toISOString().slice(0, 10);

export function invitationEmail(opts: {
  programName: string;
  kind: EmployeeSurveyKind;
  link: string;
  closesAt: Date;
  minGroupSize: number;
}) {
  return {
    subject: `${opts.programName}: two minutes, anonymous`,
    body: [
      asks[opts.kind],
      '',
      opts.link,
      '',
      `The survey is open until ${day(opts.closesAt)}. The link is personal: please do not forward it.`,
      '',
      anonymityNote(opts.minGroupSize),
    ].join('\n'),
  };
}

/** `link`: the new link replacing the first; null: continue with the first e-mail's link. */
export function reminderEmail(opts: {
  programName: string;
  link: string | null;
  sentOn: Date;
  closesAt: Date;
  minGroupSize: number;
}) {
  const how = opts.link
    ? [
        opts.link,
        '',
        'This link replaces the one in our first e-mail, which no longer works.',
        'This is the only reminder.',
      ]
    : [
        `You have started: continue with the link in our e-mail of ${day(opts.sentOn)},`,
        'where your saved answers are waiting. This is the only reminder.',
      ];
  return {
    subject: `Reminder — ${opts.programName}: two minutes, anonymous`,
    body: [
      `There is still time to answer: the survey is open until ${day(opts.closesAt)}.`,
      '',
      ...how,
      '',
      anonymityNote(opts.minGroupSize),
    ].join('\n'),
  };
}
