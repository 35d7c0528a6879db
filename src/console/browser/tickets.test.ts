import { afterEach, describe, expect, it, vi } from 'vitest';
import { createdText } from './other-tickets-view.js';
import { ticketId, type SampleTicket } from './tickets.js';

// The sample dates are taken from the clock when the page loads; these loads include the ones
// just after midnight, where tickets of different ages fall on one day.
const LOADS = [new Date(2026, 10, 29, 0, 16), new Date(2026, 10, 29, 0, 40), new Date(2026, 0, 1, 12, 0), new Date(2026, 11, 31, 23, 50)];

async function loadedAt(now: Date): Promise<readonly SampleTicket[]> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  vi.resetModules();
  return (await import('./tickets.js')).SAMPLE_TICKETS;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('sample ticket numbers', () => {
  it.each(LOADS)('name the day each ticket shows as 접수, as YYYYMMDD-NNNN (page loaded %s)', async (now) => {
    for (const ticket of await loadedAt(now)) {
      // The agent reads 티켓 #<id> · 접수 <date>: the two must name the same day.
      const shown = createdText(ticket.created).slice(0, 10).replaceAll('-', '');
      expect(ticket.id, ticket.subject).toMatch(/^\d{8}-\d{4}$/);
      expect(ticket.id.slice(0, 8), `${ticket.subject}: 티켓 #${ticket.id}, 접수 ${createdText(ticket.created)}`).toBe(shown);
    }
  });

  it.each(LOADS)('are unique, and a later ticket of the same day has the higher number (page loaded %s)', async (now) => {
    const tickets = await loadedAt(now);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
    const byTime = [...tickets].sort((a, b) => a.created.getTime() - b.created.getTime());
    for (const [i, earlier] of byTime.entries()) {
      for (const later of byTime.slice(i + 1).filter((t) => t.id.slice(0, 8) === earlier.id.slice(0, 8))) {
        expect(later.id > earlier.id, `${later.id} after ${earlier.id}`).toBe(true);
      }
    }
  });

  it('take the local day, not the UTC one, and pad the number to 4 digits', () => {
    expect(ticketId(new Date(2026, 10, 28, 9, 5), 42)).toBe('20261128-0042');
    expect(ticketId(new Date(2026, 0, 1, 0, 30), 7)).toBe('20260101-0007');
  });
});
