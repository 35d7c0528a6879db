import type { LookupRecord } from './format.js';

/** A lookup record as the pipeline hands it over: `seq` and `ts` are the writer's to set. */
export type PendingLookup = Omit<LookupRecord, 'prev'>;

/**
 * Where a process's 접속기록 go: the daily files (`AuditWriter`) or a shared PostgreSQL table
 * (`PostgresAuditWriter`). The pipeline, `/readyz` and the failure metric see only this, so both
 * stores fail closed the same way.
 */
export interface AuditSink {
  /** Why records cannot be written now; `undefined` while they can (`/readyz` is 503 meanwhile). */
  readonly failure: Error | undefined;
  /** Records that could not be written, since start (`custlink_audit_write_failures_total`). */
  readonly failures: number;
  /** Resolves once the record is stored, rejects when it could not be. */
  append(record: PendingLookup): Promise<void>;
  /** Stores what is queued, then stops. */
  close(): void | Promise<void>;
}
