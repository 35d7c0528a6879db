import { describe, expect, it } from 'vitest';
import { isoTimestamp, isTimeZone, utcOffset } from './time-zone.js';

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

describe('isoTimestamp', () => {
  it.each([
    ['2026-11-03 09:00:00+09', 'UTC', '2026-11-03T09:00:00+09:00'],
    ['2026-11-03 00:00:00+00', 'Asia/Seoul', '2026-11-03T00:00:00+00:00'],
    ['2026-11-03 09:00:00.123456+05:30', 'UTC', '2026-11-03T09:00:00.123456+05:30'],
    ['1900-01-01 00:00:00+08:27:52', 'UTC', '1900-01-01T00:00:00+08:27:52'],
    ['2026-11-03 09:00:00', 'Asia/Seoul', '2026-11-03T09:00:00+09:00'],
    ['2026-11-03 09:00:00', 'UTC', '2026-11-03T09:00:00+00:00'],
    ['2026-07-01 12:00:00.5', 'America/New_York', '2026-07-01T12:00:00.5-04:00'],
    ['2026-01-01 12:00:00', 'America/New_York', '2026-01-01T12:00:00-05:00'],
    ['2026-11-03T09:00:00Z', 'Asia/Seoul', '2026-11-03T09:00:00+00:00'],
    ['2026-11-03', 'Asia/Seoul', '2026-11-03'],
    ['infinity', 'Asia/Seoul', 'infinity'],
    ['0044-03-15 12:00:00 BC', 'UTC', '0044-03-15 12:00:00 BC'],
  ])('%s in %s → %s', (text, zone, expected) => {
    expect(isoTimestamp(text, zone)).toBe(expected);
  });
});
