import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type pino from 'pino';
import { hidePassword, redactUrl } from '../../utils/url-password.js';
import { URL_PROTOCOLS } from '../vocabulary/url-schemes.js';
import { chainLine, GENESIS, localTimestamp, type UnchainedRecord } from './format.js';
import { AUDIT_COLUMNS, quoteTable } from './postgres-table.js';
import type { AuditSink, PendingLookup } from './sink.js';

export interface PostgresAuditWriterOptions {
  url: string;
  table: string;
  /** The writer's name, as in the files (`writerName`). */
  writer: string;
  /** Where the writer keeps its chain state (`pg-chain.<writer>.json`): `audit.dir`. */
  stateDir: string;
  logger: pino.Logger;
  now?: () => Date;
}

/** What a restart continues from: the writer may not read the table back. */
interface ChainState {
  /** The segment the chain's end is in; `null` before the chain's first commit. */
  segment: string | null;
  seq: number;
  prev: string;
  /** The batch whose INSERT was sent and not yet answered. */
  pending?: PendingBatch;
}

/** A batch's rows as sent, and where the chain ends once they are stored. */
interface PendingBatch {
  segment: string;
  seq: number;
  prev: string;
  /** The INSERT's parameters, six a row (`AUDIT_COLUMNS`). */
  values: (string | number)[];
}

interface Waiting {
  record: PendingLookup;
  resolve: () => void;
  reject: (error: Error) => void;
}

const PROBE_MS = 1_000;
const TIMEOUT_MS = 5_000;

/**
 * One writer's chain in a shared PostgreSQL table, for a role that may only INSERT. The records
 * of one event-loop turn go in one multi-row INSERT; each waiting request's promise settles once
 * PostgreSQL has committed it, so no answer leaves before its record is stored. One INSERT is in
 * flight at a time: what arrives meanwhile is the next batch, so the rows of a chain commit in
 * chain order and a failed batch never leaves a gap behind a later one.
 *
 * The role cannot SELECT, so the chain's end is kept in `pg-chain.<writer>.json` beside it,
 * rewritten before each INSERT (with its rows) and after each commit. Each start opens a segment whose `open` line names the previous
 * segment and continues its hash and `seq`; without a state file (a new host, a wiped directory)
 * the chain restarts at GENESIS, which `verify` reports as a warning.
 *
 * Until the first INSERT or probe succeeds, and after any failure (unreachable, table missing,
 * no privilege, timeout), `failure` is set and a probe (an INSERT of no row, every second) tries
 * again; requests are refused meanwhile, as with the files.
 *
 * @example
 * const writer = new PostgresAuditWriter({ url, table: 'custlink_audit', writer: 'crm1', stateDir: dir, logger });
 * await writer.append(record); // committed when it resolves
 * await writer.close();
 */
export class PostgresAuditWriter implements AuditSink {
  failure: Error | undefined;
  failures = 0;
  private pool: pg.Pool;
  private url: string;
  private where: string;
  private readonly now: () => Date;
  private readonly table: string;
  private readonly stateFile: string;
  private segment: string;
  /** The segment this one's `open` line names. */
  private prevSegment: string | null;
  private prev: string;
  private seq: number;
  private opened = false;
  /** The chain's end had the last failed INSERT committed after all (an answer lost on the way). */
  private uncertain: { seq: number; prev: string; opened: boolean } | undefined;
  private pending: Waiting[] = [];
  /** The batch in flight when the last process died, to be stored again before anything else. */
  private replay: PendingBatch | undefined;
  private replaying: Promise<void> | undefined;
  private scheduled = false;
  private inFlight: Promise<void> | undefined;
  private closed = false;
  private probeTimer: NodeJS.Timeout | undefined;
  private stateWarned = false;
  /** The current failure was logged (once per outage). */
  private logged = false;
  private readonly flushNow = (): void => void this.flush();

  constructor(private readonly options: PostgresAuditWriterOptions) {
    this.now = options.now ?? (() => new Date());
    this.table = quoteTable(options.table);
    this.url = options.url;
    this.where = whereOf(options.url, options.table);
    mkdirSync(options.stateDir, { recursive: true, mode: 0o700 });
    this.stateFile = join(options.stateDir, `pg-chain.${options.writer}.json`);
    const previous = readState(this.stateFile);
    this.prevSegment = previous?.segment ?? null;
    this.prev = previous?.prev ?? GENESIS;
    this.seq = previous?.seq ?? 0;
    this.replay = previous?.pending;
    this.segment = `${options.writer}@${localTimestamp(this.now())}`;
    this.pool = this.createPool();
    this.failure = new Error(`audit records are not yet stored in ${this.where}`);
    this.startProbe();
    void this.probe();
  }

  /**
   * Goes on over `url`, a reload's new password or address for the same table: the chain
   * continues in this one writer, in a new segment whose `open` line names the last, so that
   * `verify` shows where the connection changed. A second writer of the chain, opened beside this
   * one while it still answers the old generation's requests, would fork it: each would link to
   * the same end.
   *
   * @example
   * writer.connect('postgres://custlink_audit:new-password@db.internal/crm');
   */
  connect(url: string): void {
    if (url === this.url || this.closed) return;
    const old = this.pool;
    this.url = url;
    this.where = whereOf(url, this.options.table);
    this.pool = this.createPool();
    // After a failed INSERT whose answer was lost the segment stays: only a retry in it tells
    // (a duplicate key) whether that INSERT was committed.
    if (this.opened && this.uncertain === undefined) {
      this.prevSegment = this.segment;
      this.segment = `${this.options.writer}@${localTimestamp(this.now())}`;
      this.opened = false;
    }
    // Ends once the INSERT it may be running is answered: pg-pool closes a busy client on release.
    old.end().catch(() => {});
  }

  append(record: PendingLookup): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.closed) return reject(new Error('the audit writer is closed'));
      this.pending.push({ record, resolve, reject });
      if (!this.scheduled && this.inFlight === undefined) {
        this.scheduled = true;
        setImmediate(this.flushNow);
      }
    });
  }

  /**
   * Inserts what is queued (one INSERT), then what arrived meanwhile; resolves when nothing is left.
   *
   * @example
   * await writer.flush();
   */
  async flush(): Promise<void> {
    this.scheduled = false;
    for (;;) {
      if (this.inFlight !== undefined) {
        await this.inFlight;
        continue;
      }
      if (this.pending.length === 0) return;
      const batch = this.pending;
      this.pending = [];
      this.inFlight = this.insert(batch).finally(() => {
        this.inFlight = undefined;
      });
    }
  }

  /**
   * Inserts what is queued and closes the pool; a clean stop adds no row.
   *
   * @example
   * await writer.close();
   */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    clearInterval(this.probeTimer);
    await this.pool.end().catch(() => {});
  }

  private async insert(batch: Waiting[]): Promise<void> {
    try {
      await this.replayPending();
    } catch (error) {
      this.failed(error, batch.length);
      for (const waiting of batch) waiting.reject(this.failure!);
      return;
    }
    const ts = localTimestamp(this.now());
    const { segment } = this;
    const records: UnchainedRecord[] = [];
    if (!this.opened) {
      records.push({ v: 1, type: 'open', seq: 0, ts, writer: this.options.writer, file: segment, prevFile: this.prevSegment });
    }
    for (const waiting of batch) {
      waiting.record.ts = ts;
      records.push(waiting.record);
    }
    let { prev, seq } = this;
    const values: (string | number)[] = [];
    for (const record of records) {
      record.seq = ++seq;
      const { line, hash } = chainLine(record, prev);
      prev = hash;
      values.push(this.options.writer, segment, seq, record.ts, record.type, line);
    }
    // Written ahead: a kill -9 while the INSERT is out leaves PostgreSQL to commit it or not, and
    // the next start must know where the chain ends either way (`replayPending`).
    this.saveState({ segment, seq, prev, values });
    try {
      await this.pool.query(insertSql(this.table, values.length / ROW_VALUES), values);
    } catch (error) {
      // A duplicate key after a failure: that INSERT was committed though its answer was lost.
      // Its requests were refused; the chain goes on from its end, and this batch is refused too.
      if ((error as { code?: string }).code === '23505' && this.uncertain !== undefined) {
        ({ seq: this.seq, prev: this.prev, opened: this.opened } = this.uncertain);
        this.saveState();
      }
      this.uncertain = { seq, prev, opened: true };
      this.failed(error, batch.length);
      for (const waiting of batch) waiting.reject(this.failure!);
      return;
    }
    this.uncertain = undefined;
    this.prev = prev;
    this.seq = seq;
    // A reload's new segment, begun while this INSERT was in flight, still needs its open line.
    if (segment === this.segment) this.opened = true;
    this.saveState();
    this.recovered();
    for (const waiting of batch) waiting.resolve();
  }

  /**
   * Stores the batch that was in flight when the last process died, unless PostgreSQL committed
   * it before it died: the same rows again with `ON CONFLICT DO NOTHING`, which an INSERT-only
   * role may run, so that either way the chain ends where that batch ends and the next segment
   * links there. Its requests were never answered; their records stand, as requests in flight.
   */
  private replayPending(): Promise<void> {
    const batch = this.replay;
    if (batch === undefined) return Promise.resolve();
    this.replaying ??= this.pool
      .query(`${insertSql(this.table, batch.values.length / ROW_VALUES)} ON CONFLICT DO NOTHING`, batch.values)
      .then((result) => {
        this.replay = undefined;
        this.seq = batch.seq;
        this.prev = batch.prev;
        this.prevSegment = batch.segment;
        this.saveState();
        this.options.logger.info({ where: this.where, rows: batch.values.length / ROW_VALUES, inserted: result.rowCount }, 'audit records of the batch in flight at the last stop are stored');
      })
      .finally(() => {
        this.replaying = undefined;
      });
    return this.replaying;
  }

  /** The chain's end on local disk: lost, the next start begins a new chain (a warning in verify). */
  private saveState(pending?: PendingBatch): void {
    const state: ChainState = { segment: this.opened ? this.segment : this.prevSegment, seq: this.seq, prev: this.prev, ...(pending && { pending }) };
    try {
      writeFileSync(`${this.stateFile}.tmp`, JSON.stringify(state) + '\n', { mode: 0o600 });
      renameSync(`${this.stateFile}.tmp`, this.stateFile);
      this.stateWarned = false;
    } catch (error) {
      // The record is committed; only a restart's link to this chain is at risk.
      if (!this.stateWarned) this.options.logger.warn({ file: this.stateFile, code: (error as NodeJS.ErrnoException).code }, 'audit chain state cannot be saved: a restart would begin a new chain');
      this.stateWarned = true;
    }
  }

  private failed(error: unknown, count: number): void {
    this.failures += count;
    const code = (error as { code?: string }).code;
    this.failure = new Error(`audit records cannot be written to ${this.where} (${code ?? hidePassword(error, this.url)})`);
    if (!this.logged) this.options.logger.error({ where: this.where, code }, 'audit records cannot be written');
    this.logged = true;
    this.startProbe();
  }

  private recovered(): void {
    if (this.failure === undefined) return;
    const wasWriting = this.logged;
    this.failure = undefined;
    this.logged = false;
    clearInterval(this.probeTimer);
    this.probeTimer = undefined;
    this.options.logger.info({ where: this.where }, wasWriting ? 'audit records are written again' : 'audit records go to PostgreSQL');
  }

  private createPool(): pg.Pool {
    const pool = new pg.Pool({ connectionString: this.url, max: 2, connectionTimeoutMillis: TIMEOUT_MS, query_timeout: TIMEOUT_MS, idleTimeoutMillis: 30_000 });
    pool.on('error', (error) => this.options.logger.warn({ where: this.where, code: (error as NodeJS.ErrnoException).code }, 'audit PostgreSQL connection lost'));
    return pool;
  }

  private startProbe(): void {
    if (this.probeTimer !== undefined || this.closed) return;
    this.probeTimer = setInterval(() => void this.probe(), PROBE_MS);
    this.probeTimer.unref();
  }

  /** An INSERT of no row: checks the connection, the table and the privilege, stores nothing. */
  private async probe(): Promise<void> {
    if (this.inFlight !== undefined || this.closed) return;
    try {
      if (this.replay !== undefined) await this.replayPending();
      else await this.pool.query(`INSERT INTO ${this.table} (${AUDIT_COLUMNS.join(', ')}) SELECT * FROM (VALUES ('', '', 0::bigint, now(), '', '')) AS v WHERE false`);
      if (this.inFlight === undefined) this.recovered();
    } catch (error) {
      if (!this.logged) this.failed(error, 0);
    }
  }
}

const ROW_VALUES = AUDIT_COLUMNS.length;

function insertSql(table: string, rows: number): string {
  const tuples: string[] = [];
  for (let row = 0; row < rows; row++) {
    const at = row * ROW_VALUES;
    tuples.push(`(${AUDIT_COLUMNS.map((_, i) => `$${at + i + 1}`).join(', ')})`);
  }
  return `INSERT INTO ${table} (${AUDIT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`;
}

function whereOf(url: string, table: string): string {
  return `${redactUrl(url, URL_PROTOCOLS.postgres) ?? 'postgres'} table ${table}`;
}

function readState(file: string): ChainState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const state = JSON.parse(text) as ChainState;
    const hex = (v: unknown): boolean => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
    if ((state.segment === null || typeof state.segment === 'string') && Number.isSafeInteger(state.seq) && hex(state.prev)) {
      const p = state.pending;
      const pendingOk = p === undefined || (typeof p.segment === 'string' && Number.isSafeInteger(p.seq) && hex(p.prev) && Array.isArray(p.values) && p.values.length > 0 && p.values.length % ROW_VALUES === 0);
      return pendingOk ? state : { segment: state.segment, seq: state.seq, prev: state.prev };
    }
  } catch {
    // a torn state file: as good as none
  }
  return undefined;
}
