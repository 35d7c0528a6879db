/**
 * Where signatures already used are remembered, so that a captured request cannot be sent again
 * while its timestamp is still inside the window (the protocol alone would accept it).
 */
export interface ReplayStore {
  /**
   * Records a signature; `true` the first time, `false` when it was seen before. `expiresAt`
   * (epoch ms) is when its timestamp leaves the window: after that the timestamp check refuses
   * the request anyway, so the entry may go. A synchronous answer spares the request a promise.
   */
  claim(signature: string, expiresAt: number): boolean | Promise<boolean>;
  /** Resolves when the store answers (for `/readyz`). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The store could not be asked; the request is refused (fail closed), the cause logged. */
export class ReplayStoreError extends Error {
  override name = 'ReplayStoreError';
}
