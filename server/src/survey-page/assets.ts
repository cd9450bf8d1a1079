import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ZodApp } from '../http/types.ts';
import type { AssetUrls } from './views/layout.ts';

export const ASSET_DIR = new URL('./assets/', import.meta.url);
const files = {
  'survey.js': 'text/javascript; charset=utf-8',
  'survey.css': 'text/css; charset=utf-8',
} as const;

/**
 * Serves the page's one script and one stylesheet. The URLs carry a content hash, so the
 * files may be cached for a year while every page itself is `no-store`.
 */
export function registerSurveyAssets(app: ZodApp): AssetUrls {
  const urls: Record<string, string> = {};
  for (const [name, type] of Object.entries(files)) {
    const body = readFileSync(new URL(name, ASSET_DIR));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    urls[name] = `/s/assets/${name}?v=${hash}`;
    app.get(`/s/assets/${name}`, { schema: { hide: true } }, (_request, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=31536000, immutable').send(body),
    );
  }
  return { script: urls['survey.js']!, style: urls['survey.css']! };
}
