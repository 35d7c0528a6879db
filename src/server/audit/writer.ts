import { closeSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, mkdirSync, openSync, readdirSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type pino from 'pino';
import { auditFileName, chainLine, GENESIS, localDay, localTimestamp, parseAuditFileName, type UnchainedRecord } from './format.js';
import { removeExpired } from './retention.js';
import type { AuditSink, PendingLookup } from './sink.js';
import { readTail } from './tail.js';

export type { PendingLookup } from './sink.js';

export interface AuditWriterOptions {
  dir: string;
  /** The writer's name in its file names (`auditFileName`). */
  writer: string;
  keepDays: number;
  /** `'off'`, or fdatasync every N ms. */
  fsync: 'off' | number;
  logger: pino.Logger;
  /** The clock (tests move it across a day). */
  now?: () => Date;
}

const PROBE_MS = 1_000;
const PROBE_BYTES = 8_192;

/** The one promise of a turn's records: they are written in one write(2), so they settle together. */
interface Batch {
  written: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * One writer's chain of audit files: every `lookup` record handed to `append` in one event-loop
 * turn goes to disk in one write(2) at the end of the turn (setImmediate), and the turn's one
 * promise settles only then, so no answer leaves before its record is written. The
 * file follows the local day: at the day change a `close` line ends the old file and an `open`
 * line, naming it, starts the new one. At start the chain continues from the last valid line of
 * the writer's newest file (after a kill -9 a newline first, so a torn line stays on its own).
 *
 * A write that fails (disk full, directory gone or replaced, permission) is undone (truncated
 * back) and rejects every record of the batch; `failure` says why until a later write or the
 * probe (every second, an 8 KiB scratch file in the directory) succeeds.
 *
 * @example
 * const writer = new AuditWriter({ dir, writer: 'crm1', keepDays: 365, fsync: 'off', logger });
 * await writer.append(record); // on disk (write(2) done) when it resolves
 * writer.close();
 */
export class AuditWriter implements AuditSink {
  /** Why records cannot be written now; `undefined` while they can. */
  failure: Error | undefined;
  /** Records that could not be written, since start (`custlink_audit_write_failures_total`). */
  failures = 0;
  private readonly now: () => Date;
  private pending: PendingLookup[] = [];
  private batch: Batch | undefined;
  private fd: number | undefined;
  private ino = 0;
  private dev = 0;
  private size = 0;
  private day = '';
  /** The file the chain is in (or was last in): the next file's `prevFile`. */
  private file: string | null = null;
  private prev = GENESIS;
  private seq = 0;
  private records = 0;
  private first = GENESIS;
  private dirty = false;
  /** An fdatasync is running in libuv's pool; the next tick of the timer skips. */
  private syncing = false;
  /** Counts descriptors closed: a background sync of one closed meanwhile reports nothing. */
  private closes = 0;
  private closed = false;
  private probeTimer: NodeJS.Timeout | undefined;
  private dayTimer: NodeJS.Timeout | undefined;
  private fsyncTimer: NodeJS.Timeout | undefined;
  private readonly flushNow = (): void => this.flush();

  constructor(private readonly options: AuditWriterOptions) {
    this.now = options.now ?? (() => new Date());
    const { dir } = options;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    removeExpired(dir, options.keepDays, this.now(), options.logger);
    this.resume();
    this.ensureOpen(this.now());
    this.scheduleDay();
    if (options.fsync !== 'off') {
      this.fsyncTimer = setInterval(() => this.syncInBackground(), options.fsync);
      this.fsyncTimer.unref();
    }
  }

  /**
   * Queues a record for this turn's write; resolves once it is on disk, rejects when it could
   * not be written.
   *
   * @example
   * await writer.append({ v: 1, type: 'lookup', seq: 0, ts: '', reqId, api, ip, keyFp, agent: null, task: 'lookup', status: 200, code: 'OK', found: true, items, subjects });
   */
  append(record: PendingLookup): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the audit writer is closed'));
    this.pending.push(record);
    // One promise per turn, not per record: under load a turn carries about 26 records (measured
    // under the e2e bench's wrk load), and a promise with two callbacks each was garbage the
    // request path paid for.
    if (this.batch === undefined) {
      let resolve!: () => void;
      let reject!: (error: Error) => void;
      const written = new Promise<void>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      this.batch = { written, resolve, reject };
      setImmediate(this.flushNow);
    }
    return this.batch.written;
  }

  /**
   * Writes what is queued, synchronously: at the end of the turn, and on close.
   *
   * @example
   * writer.flush();
   */
  flush(): void {
    const { batch, pending: records } = this;
    if (batch === undefined) return;
    this.batch = undefined;
    this.pending = [];
    try {
      const now = this.now();
      this.ensureOpen(now);
      const ts = localTimestamp(now);
      for (const record of records) record.ts = ts;
      this.writeRecords(records);
      this.records += records.length;
      this.recovered();
    } catch (error) {
      this.failed(error, records.length);
      batch.reject(this.failure!);
      return;
    }
    batch.resolve();
  }

  /**
   * Writes what is queued and closes the file. Nothing more is written: a clean stop adds no
   * line, the next start continues the chain.
   *
   * @example
   * writer.close();
   */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    for (const timer of [this.probeTimer, this.dayTimer, this.fsyncTimer]) clearTimeout(timer);
    if (this.fd !== undefined) {
      if (this.options.fsync !== 'off') this.sync();
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  /** The writer's newest file, and where its chain ends: the state a restart continues from. */
  private resume(): void {
    const { dir, writer } = this.options;
    const files = readdirSync(dir)
      .map((name) => ({ name, parsed: parseAuditFileName(name) }))
      .filter((f) => f.parsed?.writer === writer)
      .sort((a, b) => (a.parsed!.day < b.parsed!.day ? -1 : 1));
    const today = localDay(this.now());
    const newest = files.at(-1);
    if (newest === undefined) return;
    // Today's file is continued by ensureOpen; an older one is closed here, if it is not yet.
    if (newest.parsed!.day === today) {
      this.file = newest.name;
      return;
    }
    const path = join(dir, newest.name);
    const tail = readTail(path);
    this.file = newest.name;
    if (tail.last === undefined) return;
    this.prev = tail.last.hash;
    this.seq = tail.last.record.seq;
    if (tail.last.record.type === 'close') return;
    this.fd = openSync(path, 'a', 0o600);
    this.size = tail.size;
    try {
      if (!tail.endsWithNewline) this.writeText('\n');
      this.records = tail.records;
      this.first = tail.first ?? GENESIS;
      this.writeClose(this.now());
    } finally {
      this.closeFd();
    }
  }

  /** The file of `now`'s day open and still the one at its path; rotates at the day change. */
  private ensureOpen(now: Date): void {
    const day = localDay(now);
    if (this.fd !== undefined && day !== this.day) {
      this.writeClose(now);
      if (this.options.fsync !== 'off') this.sync();
      this.closeFd();
    }
    if (this.fd !== undefined) {
      // The directory moved, removed or replaced by a file: the open descriptor would still
      // write, to a file nobody will find. One stat per turn, not per record.
      let st;
      try {
        st = statSync(join(this.options.dir, this.file!));
      } catch (error) {
        this.closeFd();
        throw error;
      }
      if (st.ino !== this.ino || st.dev !== this.dev) this.closeFd();
    }
    if (this.fd === undefined) this.openDay(day, now);
  }

  private openDay(day: string, now: Date): void {
    const name = auditFileName(day, this.options.writer);
    const path = join(this.options.dir, name);
    // A directory removed meanwhile comes back; one replaced by a file fails here.
    mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
    const fd = openSync(path, 'a', 0o600);
    try {
      const st = fstatSync(fd);
      this.fd = fd;
      this.ino = st.ino;
      this.dev = st.dev;
      this.size = st.size;
      this.day = day;
      const prevFile = this.file;
      this.file = name;
      if (st.size > 0) {
        // What is on disk is the truth: a restart, or a reopen after a failed write.
        const tail = readTail(path);
        if (tail.last !== undefined) {
          this.prev = tail.last.hash;
          this.seq = tail.last.record.seq;
        }
        this.records = tail.records;
        this.first = tail.first ?? GENESIS;
        if (!tail.endsWithNewline) this.writeText('\n');
        return;
      }
      this.records = 0;
      this.writeRecords([{ v: 1, type: 'open', seq: 0, ts: localTimestamp(now), writer: this.options.writer, file: name, prevFile: prevFile === name ? null : prevFile }]);
    } catch (error) {
      this.closeFd();
      throw error;
    }
  }

  private writeClose(now: Date): void {
    this.writeRecords([{ v: 1, type: 'close', seq: 0, ts: localTimestamp(now), file: this.file!, records: this.records, first: this.first }]);
  }

  /** Chains, writes in one write(2), and only then advances the chain. */
  private writeRecords(records: UnchainedRecord[]): void {
    let { prev, seq } = this;
    let text = '';
    let firstHash: string | undefined;
    for (const record of records) {
      record.seq = ++seq;
      const { line, hash } = chainLine(record, prev);
      firstHash ??= hash;
      text += line + '\n';
      prev = hash;
    }
    this.writeText(text);
    if (records[0]?.type === 'open') this.first = firstHash!;
    this.prev = prev;
    this.seq = seq;
  }

  private writeText(text: string): void {
    const fd = this.fd!;
    const before = this.size;
    const bytes = Buffer.from(text, 'utf8');
    try {
      writeAll(fd, bytes);
    } catch (error) {
      // Undo a partial write, so the file ends on a whole line; if even that fails, the next
      // open continues after whatever is on disk (the torn bytes stay on a line of their own).
      try {
        ftruncateSync(fd, before);
      } catch {
        // reported by the write's own error
      }
      this.closeFd();
      throw error;
    }
    this.size = before + bytes.length;
    this.dirty = true;
  }

  private closeFd(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      // nothing more can be done with it
    }
    this.fd = undefined;
    this.closes++;
  }

  private failed(error: unknown, count: number): void {
    this.failures += count;
    const first = this.failure === undefined;
    const code = (error as NodeJS.ErrnoException).code;
    this.failure = new Error(`audit records cannot be written to ${this.options.dir} (${code ?? (error as Error).message})`);
    if (first) this.options.logger.error({ dir: this.options.dir, code }, 'audit records cannot be written');
    if (this.probeTimer === undefined && !this.closed) {
      this.probeTimer = setInterval(() => this.probe(), PROBE_MS);
      this.probeTimer.unref();
    }
  }

  private recovered(): void {
    if (this.failure === undefined) return;
    this.failure = undefined;
    clearInterval(this.probeTimer);
    this.probeTimer = undefined;
    this.options.logger.info({ dir: this.options.dir }, 'audit records are written again');
  }

  /** Without a request to try, a scratch write says whether a record would be written now. */
  private probe(): void {
    const scratch = join(this.options.dir, `.probe-${this.options.writer}`);
    try {
      this.ensureOpen(this.now());
      try {
        writeFileSync(scratch, Buffer.alloc(PROBE_BYTES, 0x20), { mode: 0o600 });
      } finally {
        try {
          unlinkSync(scratch);
        } catch {
          // absent: the write failed before creating it
        }
      }
      this.recovered();
    } catch {
      // still failing; the next probe or request tries again
    }
  }

  /** Synchronously: before a file is closed (a day change, a clean stop). */
  private sync(): void {
    if (!this.dirty || this.fd === undefined) return;
    this.dirty = false;
    try {
      fdatasyncSync(this.fd);
    } catch (error) {
      this.failed(error, 0);
    }
  }

  /**
   * Every `fsync` ms, off the event loop: an fdatasync of a second's records takes milliseconds
   * on a busy disk, and on the loop it held every request meanwhile. Records written during
   * it are in the next one; the durability point stays "at most `fsync` ms lost on power loss".
   */
  private syncInBackground(): void {
    if (!this.dirty || this.fd === undefined || this.syncing) return;
    this.dirty = false;
    this.syncing = true;
    const closes = this.closes;
    fdatasync(this.fd, (error) => {
      this.syncing = false;
      if (error !== null && closes === this.closes) this.failed(error, 0);
    });
  }

  /** At each local midnight: the new day's file (a `close`, then an `open`), and retention. */
  private scheduleDay(): void {
    const now = this.now();
    const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 0, 50);
    this.dayTimer = setTimeout(() => {
      const at = this.now();
      removeExpired(this.options.dir, this.options.keepDays, at, this.options.logger);
      try {
        this.ensureOpen(at);
      } catch (error) {
        this.failed(error, 0);
      }
      this.scheduleDay();
    }, Math.max(1_000, next.getTime() - now.getTime()));
    this.dayTimer.unref();
  }
}

/** write(2) until every byte is written: a regular file may take part of a buffer (a disk filling up). */
function writeAll(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
}
