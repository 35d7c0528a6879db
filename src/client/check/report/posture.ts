import { createHash } from 'node:crypto';
import { keyFingerprint } from '../../../protocol/key-fingerprint.js';
import { redactUrl } from '../../../utils/url-password.js';
import type { Posture } from './schema.js';

type Mask = 'phone' | 'email' | 'name' | { keepFirst: number; keepLast: number };

/**
 * What the report reads of a loaded endpoint config (`loadConfigFile`): written structurally so
 * the client does not depend on the server. `audit` is read defensively, field by field.
 */
export interface PostureConfig {
  listen: { trustProxy: boolean | number };
  allowIps?: readonly string[] | undefined;
  cache?: { store: 'memory' | 'redis'; ttlMs: number } | undefined;
  /** `{ dir, key, keepDays, fsync, onFailure, postgres? }` when the config has an audit section; read field by field. */
  audit?: unknown;
  apis: ReadonlyArray<{
    name: string;
    path: string;
    auth: { enabled: boolean; keys: readonly string[]; scheme: string; replay?: { store: 'memory' | 'redis' } | undefined };
    result: Readonly<Record<string, { column: string; mask?: Mask | undefined }>>;
  }>;
}

export interface PostureInput {
  config: PostureConfig;
  /** The file as read, for its SHA-256. */
  configText: string | Uint8Array;
  configFile: string;
  /** The URL that was checked: the API whose path it ends with is the probed one. */
  url: string;
  /** The key the check signed with, to say whether the config lists it. */
  key: string;
  /** Result items the probe's 200 answer showed with a whole-looking phone or e-mail value. */
  unmaskedLooking: readonly string[];
}

/**
 * The endpoint's security posture from its config: who may call, replay protection, masks per
 * result item (flagging one the probe saw unmasked), key fingerprints and rotation, cache and
 * audit. Keys appear only as fingerprints.
 *
 * @example
 * const posture = buildPosture({ config: loadConfigFile('custlink.yaml'), configText, configFile: 'custlink.yaml', url, key, unmaskedLooking: [] });
 * posture.apis[0]?.keys // [{ fingerprint: '1a2b3c4d' }]
 */
export function buildPosture(input: PostureInput): Posture {
  const { config } = input;
  const path = new URL(input.url).pathname;
  const probed = config.apis.find((a) => a.path === path) ?? (config.apis.length === 1 ? config.apis[0] : undefined);
  const apis = config.apis.map((a) => ({
    name: a.name,
    path: a.path,
    probed: a === probed,
    signed: a.auth.enabled,
    scheme: a.auth.scheme,
    keys: a.auth.keys.map((k) => ({ fingerprint: keyFingerprint(k) })),
    rotating: a.auth.keys.length > 1,
    replay: { enabled: a.auth.replay !== undefined, store: a.auth.replay?.store ?? null },
    result: Object.entries(a.result).map(([item, r]) => ({
      item,
      column: r.column,
      mask: describeMask(r.mask),
      unmaskedLooking: a === probed && input.unmaskedLooking.includes(item),
    })),
  }));
  return {
    configFile: input.configFile,
    configSha256: sha256(input.configText),
    allowIps: config.allowIps === undefined ? null : [...config.allowIps],
    trustProxy: config.listen.trustProxy,
    cache: { enabled: config.cache !== undefined, store: config.cache?.store ?? null, ttlMs: config.cache?.ttlMs ?? null },
    audit: readAudit(config.audit),
    checkedKeyListed: probed?.auth.keys.includes(input.key) ?? false,
    apis,
  };
}

/**
 * SHA-256 in hex.
 *
 * @example
 * sha256('') // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function describeMask(mask: Mask | undefined): string | null {
  if (mask === undefined) return null;
  return typeof mask === 'string' ? mask : `keepFirst ${mask.keepFirst}, keepLast ${mask.keepLast}`;
}

// Read field by field, taking only what has the expected type: the report must not fail on a
// config it cannot fully read.
function readAudit(audit: unknown): Posture['audit'] {
  const a = typeof audit === 'object' && audit !== null ? (audit as Record<string, unknown>) : undefined;
  const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  const pg = typeof a?.postgres === 'object' && a.postgres !== null ? (a.postgres as Record<string, unknown>) : undefined;
  const url = text(pg?.url);
  const fsync = a?.fsync === 'off' || typeof a?.fsync === 'number' ? a.fsync : null;
  return {
    configured: a !== undefined,
    store: a === undefined ? null : pg === undefined ? 'files' : 'postgres',
    dir: text(a?.dir),
    // The URL's password stays out of a report that is handed to a review.
    postgres: pg === undefined ? null : { url: url === null ? '' : (redactUrl(url) ?? '(not a URL)'), table: text(pg.table) ?? '' },
    keepDays: pg === undefined && typeof a?.keepDays === 'number' ? a.keepDays : null,
    fsync: pg === undefined ? fsync : null,
    onFailure: text(a?.onFailure),
    keyFingerprint: text(a?.key) === null ? null : keyFingerprint(a?.key as string),
  };
}
