import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ASSET_DIR } from '../../survey-page/assets.ts';
import type { AssetUrls } from '../../survey-page/views/layout.ts';

/**
 * The employee page uses the customer survey page's script and stylesheet, which that module
 * serves at /s/assets/ (cookie-less, same origin, allowed by the same CSP). The version
 * parameter is the file's content hash, so a long cache never serves a stale file.
 */
export function sharedSurveyAssetUrls(): AssetUrls {
  const url = (name: string) => {
    const hash = createHash('sha256')
      .update(readFileSync(new URL(name, ASSET_DIR)))
      .digest('hex')
      .slice(0, 12);
    return `/s/assets/${name}?v=${hash}`;
  };
  return { script: url('survey.js'), style: url('survey.css') };
}
