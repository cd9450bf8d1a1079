import type { Role } from '@valueloop/contracts';

/** The one password of every demo login. Public by design: the demo is for trying ValueLoop. */
export const DEMO_PASSWORD = 'valueloop-demo';

export type DemoLoginKey = 'admin' | 'analyst' | 'executive' | 'manager' | 'employee';

export interface DemoLogin {
  key: DemoLoginKey;
  email: string;
  role: Role;
  description: string;
}

/** The fixed demo logins (printed by `valueloop start` and `valueloop demo`). */
export const demoLogins: readonly DemoLogin[] = [
  {
    key: 'admin',
    email: 'admin@harbor.example',
    role: 'admin',
    description: 'administrator: org structure, surveys, imports',
  },
  {
    key: 'analyst',
    email: 'analyst@harbor.example',
    role: 'analyst',
    description: 'CX/HR analyst: analyses across the bank',
  },
  {
    key: 'executive',
    email: 'ceo@harbor.example',
    role: 'executive',
    description: 'chief executive: the whole chain and its money',
  },
  {
    key: 'manager',
    email: 'manager@harbor.example',
    role: 'manager',
    description: 'branch manager of Portland Harborfront',
  },
  {
    key: 'employee',
    email: 'employee@harbor.example',
    role: 'employee',
    description: 'front-line employee at Portland Harborfront',
  },
];

/** Lines for a terminal: who can sign in, with which password, at which URL. */
export function formatDemoLogins(url: string): string {
  const width = Math.max(...demoLogins.map((l) => l.email.length));
  const lines = demoLogins.map((l) => `  ${l.email.padEnd(width)}  ${l.description}`);
  return `Demo organization Harbor Savings Bank — sign in at ${url} with password '${DEMO_PASSWORD}':\n${lines.join('\n')}\n`;
}
