import { describe, expect, it } from 'vitest';
import { html, raw } from './html.ts';
import { pickLanguage } from './language.ts';
import { displayName, initialsOf } from './thank-picker.ts';

describe('html template', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const evil = `"><script>alert('x')</script>&`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>',
    );
  });

  it('inserts nested templates and lists as markup and skips null, undefined and false', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${raw('<hr>')}`.value).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul><hr>',
    );
  });
});

describe('respondent language', () => {
  it('prefers ?lang=, then Accept-Language by weight, limited to the survey’s languages', () => {
    expect(pickLanguage({ available: ['en', 'es'], query: 'es' })).toBe('es');
    expect(pickLanguage({ available: ['en'], query: 'es' })).toBe('en');
    expect(pickLanguage({ available: ['en', 'es'], acceptLanguage: 'en;q=0.4, es-AR' })).toBe('es');
    expect(pickLanguage({ available: ['es', 'en'], acceptLanguage: 'fr' })).toBe('es');
  });
});

describe('thank-picker names', () => {
  it('shows first name and last initial, never the full name', () => {
    expect(displayName('Ana María López')).toBe('Ana L.');
    expect(displayName('Cher')).toBe('Cher');
    expect(initialsOf('Ana María López')).toBe('AL');
  });
});
