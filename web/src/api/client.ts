import { type FieldError, type Problem, problemSchema, sessionSchema } from '@valueloop/contracts';
import type { z } from 'zod';

/** An API failure with the server's problem+json details, readable as a message. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, fallback: string) {
    super(problem?.detail ?? fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem?.code;
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }
}

const BASE = '/api/v1';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | null = null;

/** Remembers the CSRF token of the current session (from login or GET /auth/session). */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function readProblem(response: Response): Promise<Problem | null> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return null;
  const parsed = problemSchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data : null;
}

async function fetchCsrfToken(): Promise<string | null> {
  const response = await fetch(`${BASE}/auth/session`, { credentials: 'same-origin' });
  if (!response.ok) return null;
  const session = sessionSchema.safeParse(await response.json());
  csrfToken = session.success ? session.data.csrfToken : null;
  return csrfToken;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A JSON value, or a string sent as-is with `contentType`. */
  body?: unknown;
  contentType?: string;
  query?: Record<string, string | number | undefined | null>;
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${BASE}${path}${search ? `?${search}` : ''}`;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === 'string' && options.contentType) {
      headers['content-type'] = options.contentType;
      body = options.body;
    } else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
  }
  if (WRITE_METHODS.has(method)) {
    const token = csrfToken ?? (await fetchCsrfToken());
    if (token) headers['x-csrf-token'] = token;
  }
  return fetch(buildUrl(path, options.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
  });
}

/**
 * Calls the API and parses the answer with the endpoint's contract schema.
 * Errors become ApiError with the problem's `detail` and per-field `errors`.
 */
export async function api<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  let response = await send(path, options);
  if (response.status === 403 && WRITE_METHODS.has(options.method ?? 'GET')) {
    const problem = await readProblem(response.clone());
    if (problem?.code === 'csrf_failed') {
      csrfToken = null;
      response = await send(path, options);
    }
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    throw new ApiError(response.status, problem, `Request failed (HTTP ${response.status})`);
  }
  return schema.parse(await response.json());
}

/** A readable message for anything thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
