import type { Me, Role, UnitTree } from '@valueloop/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

export const DEMO_PASSWORD = 'valueloop-demo';

export const demoLogins: ReadonlyArray<{ email: string; role: Role }> = [
  { email: 'admin@harbor.example', role: 'admin' },
  { email: 'analyst@harbor.example', role: 'analyst' },
  { email: 'ceo@harbor.example', role: 'executive' },
  { email: 'manager@harbor.example', role: 'manager' },
  { email: 'employee@harbor.example', role: 'employee' },
];

/** Signs in through the login form and waits for the home page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-testid^="home-"]').waitFor();
}

/** GET an API path with the browser context's cookies, as the signed-in person. */
export async function apiGet<T>(context: BrowserContext, pathAndQuery: string): Promise<T> {
  const response = await context.request.get(`/api/v1${pathAndQuery}`);
  expect(response.status(), `GET ${pathAndQuery}`).toBe(200);
  return (await response.json()) as T;
}

export const getMe = (context: BrowserContext) => apiGet<Me>(context, '/people/me');
export const getTree = (context: BrowserContext) => apiGet<UnitTree>(context, '/units/tree');

export async function textOf(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}

/** POST/PATCH/DELETE as the signed-in person: sends the session's CSRF token like the web app. */
export async function apiSend<T>(
  context: BrowserContext,
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  expectStatus = method === 'POST' ? 201 : 200,
): Promise<T> {
  const session = await apiGet<{ csrfToken: string }>(context, '/auth/session');
  const response = await context.request.fetch(`/api/v1${path}`, {
    method,
    headers: { 'x-csrf-token': session.csrfToken },
    data: body,
  });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBe(expectStatus);
  return (await response.json()) as T;
}
