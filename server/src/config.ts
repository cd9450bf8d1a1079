import path from 'node:path';
import { z } from 'zod';

// The one place that reads process.env. Everything else receives a Config.
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  VALUELOOP_DATA_DIR: z.string().min(1).default('./data'),
  VALUELOOP_PUBLIC_URL: z.string().url().optional(),
  VALUELOOP_SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(12),
  VALUELOOP_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  VALUELOOP_LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  VALUELOOP_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  VALUELOOP_DEMO: z.enum(['auto', 'off']).default('auto'),
  VALUELOOP_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
    .default('warn'),
  VALUELOOP_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must look like smtp://user:pass@host:587 or smtps://…:465')
    .optional(),
  VALUELOOP_MAIL_FROM: z.string().min(3).default('ValueLoop <no-reply@valueloop.invalid>'),
});

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string | null }
  | { kind: 'postgres'; url: string };

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  database: DatabaseConfig;
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  bodyLimitBytes: number;
  demo: 'auto' | 'off';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Without an SMTP URL e-mails stay in the outbox, readable at GET /api/v1/dev/mailbox. */
  mail: { smtpUrl: string | null; from: string };
}

export class ConfigError extends Error {}

/** Validates the environment once at start-up; the message names every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.VALUELOOP_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(e.VALUELOOP_DATA_DIR, 'pglite') },
    sessionTtlHours: e.VALUELOOP_SESSION_TTL_HOURS,
    loginMaxFailures: e.VALUELOOP_LOGIN_MAX_FAILURES,
    loginLockMinutes: e.VALUELOOP_LOGIN_LOCK_MINUTES,
    bodyLimitBytes: e.VALUELOOP_BODY_LIMIT_BYTES,
    demo: e.VALUELOOP_DEMO,
    logLevel: e.VALUELOOP_LOG_LEVEL,
    mail: { smtpUrl: e.VALUELOOP_SMTP_URL ?? null, from: e.VALUELOOP_MAIL_FROM },
  };
}
