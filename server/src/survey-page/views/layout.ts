import type { SurveyLanguage } from '@valueloop/contracts';
import { html, type SafeHtml } from '../html.ts';

/** Asset URLs carry a content hash so they can be cached while pages are never stored. */
export interface AssetUrls {
  script: string;
  style: string;
}

export function layout(opts: {
  lang: SurveyLanguage;
  title: string;
  assets: AssetUrls;
  body: SafeHtml;
  script?: boolean;
}): string {
  return html`<!doctype html>
<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${opts.title}</title>
<link rel="stylesheet" href="${opts.assets.style}">
${opts.script && html`<script src="${opts.assets.script}" defer></script>`}
</head>
<body>
<main id="main" class="page">
${opts.body}
</main>
</body>
</html>
`.value;
}

/** A short page with a heading and one or two paragraphs (errors, thank-you, opt-out). */
export function messagePage(opts: {
  lang: SurveyLanguage;
  assets: AssetUrls;
  title: string;
  lines: string[];
  extra?: SafeHtml;
}): string {
  return layout({
    lang: opts.lang,
    title: opts.title,
    assets: opts.assets,
    body: html`<div class="card">
<h1>${opts.title}</h1>
${opts.lines.map((line) => html`<p>${line}</p>`)}
${opts.extra}
</div>`,
  });
}
