import cluster from 'node:cluster';
import { hostname } from 'node:os';
import type pino from 'pino';
import { WORKER_INDEX_ENV } from '../vocabulary/cluster.js';
import { ConfigError } from '../config/error.js';
import type { EndpointConfig } from '../config/types.js';
import { PostgresAuditWriter } from './postgres-writer.js';
import type { AuditSink } from './sink.js';
import { AuditWriter } from './writer.js';

export type AuditConfig = NonNullable<EndpointConfig['audit']>;

/** One writer per chain in this process, shared by the endpoints a reload replaces. */
const open = new Map<string, { writer: AuditSink; users: number }>();

/** An endpoint's hold on its audit writer; `release` closes the writer with its last user. */
export interface AuditHandle {
  writer: AuditSink;
  release(): void | Promise<void>;
}

/**
 * This instance's name in its audit files: `audit.writer`, else the host name with anything but
 * letters, digits, `.`, `_`, `-` made `-`; a `serve --workers` worker appends `-w<N>` (its slot),
 * so that two processes never write one file.
 *
 * @example
 * writerName({ writer: 'crm1' }, 2) // 'crm1-w2'
 */
function writerName(audit: Pick<AuditConfig, 'writer'>, workerIndex = currentWorkerIndex()): string {
  const base = audit.writer ?? (hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 60) || 'custlink');
  return workerIndex === undefined ? base : `${base}-w${workerIndex}`;
}

function currentWorkerIndex(): number | undefined {
  const value = cluster.isWorker ? process.env[WORKER_INDEX_ENV] : undefined;
  return value === undefined || !/^[0-9]+$/.test(value) ? undefined : Number(value);
}

/**
 * The audit writer of `audit` (its directory or PostgreSQL table, and this process's writer
 * name), opened on first use and shared after: a reload's endpoint takes over the same chain
 * instead of opening the file twice. Throws a `ConfigError` when the directory cannot be written
 * at start; an unreachable PostgreSQL only makes the endpoint unready until it answers.
 *
 * @example
 * const audit = acquireAuditWriter(config.audit, logger);
 * await audit.writer.append(record);
 * audit.release();
 */
export function acquireAuditWriter(audit: AuditConfig, logger: pino.Logger): AuditHandle {
  const writer = writerName(audit);
  // A chain is its table (or directory) and writer; the URL is only how it is reached, and may
  // change on a reload (a rotated password) without starting a second writer of the chain.
  const id = `${audit.postgres === undefined ? '' : audit.postgres.table}\0${audit.dir}\0${writer}`;
  let entry = open.get(id);
  if (entry !== undefined && audit.postgres !== undefined && entry.writer instanceof PostgresAuditWriter) {
    entry.writer.connect(audit.postgres.url);
  }
  if (entry === undefined) {
    try {
      const child = logger.child({ audit: writer });
      const sink = audit.postgres === undefined
        ? new AuditWriter({ dir: audit.dir, writer, keepDays: audit.keepDays, fsync: audit.fsync, logger: child })
        : new PostgresAuditWriter({ url: audit.postgres.url, table: audit.postgres.table, writer, stateDir: audit.dir, logger: child });
      entry = { writer: sink, users: 0 };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new ConfigError([{ path: 'audit.dir', message: `cannot write the access records there (${code}): create it writable by custlink, or fix audit.dir` }], undefined, { cause: error });
    }
    open.set(id, entry);
  }
  const held = entry;
  held.users++;
  let released = false;
  return {
    writer: held.writer,
    release() {
      if (released) return;
      released = true;
      if (--held.users > 0) return;
      open.delete(id);
      return held.writer.close();
    },
  };
}
