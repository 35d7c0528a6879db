import { describe, expect, it } from 'vitest';
import { createMemoryReplayStore } from './memory.js';

describe('createMemoryReplayStore', () => {
  it('accepts a signature once, then refuses it until its timestamp leaves the window', () => {
    let now = 1_000_000;
    const store = createMemoryReplayStore(1_000, () => now);
    expect(store.claim('sig-a', now + 300_000)).toBe(true);
    expect(store.claim('sig-a', now + 300_000)).toBe(false);
    expect(store.claim('sig-b', now + 300_000)).toBe(true);
    now += 299_999;
    expect(store.claim('sig-a', 1_300_000)).toBe(false);
    now += 2;
    // Past the window the timestamp check refuses the request anyway; the store has let it go.
    expect(store.claim('sig-a', 1_300_000)).toBe(true);
  });

  it('keeps at most maxEntries, forgetting the oldest first', () => {
    const now = 5_000;
    const store = createMemoryReplayStore(1_000, () => now);
    for (let i = 0; i < 1_500; i++) expect(store.claim(`sig-${i}`, now + 300_000)).toBe(true);
    expect(store.claim('sig-1499', now + 300_000)).toBe(false);
    expect(store.claim('sig-600', now + 300_000)).toBe(false);
    // The first 500 (and one more, to make room) were forgotten to stay within the cap.
    expect(store.claim('sig-0', now + 300_000)).toBe(true);
  });

  it('sweeps expired entries as it goes, so a steady trickle never reaches the cap', () => {
    let now = 0;
    const store = createMemoryReplayStore(1_000, () => now);
    for (let i = 0; i < 5_000; i++) {
      now += 1_000;
      expect(store.claim(`sig-${i}`, now + 10_000)).toBe(true);
    }
    // Only the last ten seconds are remembered; older ones left by expiry, not by the cap.
    expect(store.claim('sig-4995', now + 10_000)).toBe(false);
    expect(store.claim('sig-4980', now + 10_000)).toBe(true);
  });
});
