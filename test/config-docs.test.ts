import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_DOCS, renderConfigDocs } from '../scripts/config-docs.js';

describe('docs/config.md', () => {
  it('is what `npm run docs:config` writes from the schema (run it after changing a key)', () => {
    expect(readFileSync(CONFIG_DOCS, 'utf8')).toBe(renderConfigDocs());
  });

  it('lists every key with its default', () => {
    const docs = renderConfigDocs();
    expect(docs).toContain('| `listen.port` | integer 0–65535 | `8080` |');
    expect(docs).toContain('| `auth.toleranceMs` | integer 0–86400000 | `300000` |');
    expect(docs).toContain('| `result.<key>` | mapping or string |');
    expect(docs).toContain('### `source.type: postgres`');
    expect(docs).toContain('| `limits.drainIdleMs` |');
  });
});
