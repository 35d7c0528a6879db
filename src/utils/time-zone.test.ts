import { describe, expect, it } from 'vitest';
import { isTimeZone, utcOffset } from './time-zone.js';

describe('time zones', () => {
  it('takes IANA names and UTC, refuses abbreviations and unknown names', () => {
    expect(['Asia/Seoul', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT+9'].map(isTimeZone)).toEqual([true, true, true, true]);
    expect(['KST', 'Asia/Busan', '', '+09:00', "Asia/Seoul'; DROP"].map(isTimeZone)).toEqual([false, false, false, false, false]);
  });

  it('gives the offset at a moment, daylight saving included', () => {
    expect(utcOffset('Asia/Seoul')).toBe('+09:00');
    expect(utcOffset('UTC')).toBe('+00:00');
    expect(utcOffset('America/New_York', new Date('2026-07-01T12:00:00Z'))).toBe('-04:00');
    expect(utcOffset('America/New_York', new Date('2026-01-01T12:00:00Z'))).toBe('-05:00');
  });
});
