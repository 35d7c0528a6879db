/** Where answers are kept by key; `get` never rejects (a failing store is a miss). */
export interface CacheStore {
  get(key: string): string | undefined | Promise<string | undefined>;
  /** Fire and forget: a lookup never waits for the store to take an answer. */
  set(key: string, value: string): void;
  close(): Promise<void>;
}
