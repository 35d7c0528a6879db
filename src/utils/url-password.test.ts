import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hidePassword, redactUrl } from './url-password.js';

const urlWith = (password: string) => `postgres://app:${encodeURIComponent(password)}@db:5432/crm`;

describe('redactUrl', () => {
  it('masks the password and refuses what is not a URL of the given schemes', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/crm', ['postgres:'])).toBe('postgres://app:***@db:5432/crm');
    expect(redactUrl('mysql://app@db/crm', ['mysql:'])).toBe('mysql://app@db/crm');
    expect(redactUrl('mysql://app:pw@db/crm', ['postgres:'])).toBeUndefined();
    expect(redactUrl('app:pw at db', ['postgres:'])).toBeUndefined();
    expect(redactUrl('rediss://:s3cret@cache:6380')).toBe('rediss://:***@cache:6380');
  });
});

describe('hidePassword', () => {
  it('cuts the password, raw and percent-decoded', () => {
    expect(hidePassword(new Error('no: p@ss s3cret'), 'mysql://root:p%40ss@db/crm')).toBe('no: *** s3cret');
    expect(hidePassword(new AggregateError([new Error('a'), new Error('b')]), 'mysql://db')).toBe('a; b');
  });

  it('never mangles a word that holds a short password', () => {
    for (const password of ['x', 'xis', 'e', 'ro']) {
      expect(hidePassword(new Error('role "custlink_ro" does not exist'), urlWith(password))).toBe('role "custlink_ro" does not exist');
    }
    expect(hidePassword(new Error('password=xis; user=ro'), urlWith('xis'))).toBe('password=***; user=ro');
  });

  it('cuts a long password even inside a word', () => {
    expect(hidePassword(new Error('auth failedS3cretPassw0rd!'), urlWith('S3cretPassw0rd'))).toBe('auth failed***!');
  });

  it('masks any URL userinfo a driver echoes, whatever its password', () => {
    expect(hidePassword(new Error('cannot reach mysql://root:other@db:3306/crm now'), urlWith('pw'))).toBe('cannot reach mysql://root:***@db:3306/crm now');
  });

  it('leaves no password that stands as a token, whatever the password', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 24, unit: 'grapheme' }), fc.string({ maxLength: 20 }), (password, word) => {
        fc.pre(!/^\**$/.test(password));
        const out = hidePassword(new Error(`login ${word} failed for "${password}" at db`), urlWith(password));
        expect(out).not.toContain(`"${password}"`);
      }),
    );
  });

  it('cuts a password of 8 or more characters wherever it stands', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 24 }), fc.string(), fc.string(), (password, before, after) => {
        fc.pre(!password.includes('*'));
        expect(hidePassword(new Error(`${before}${password}${after}`), urlWith(password))).not.toContain(password);
      }),
    );
  });

  it('returns a message that holds no password unchanged', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 24 }), fc.string(), (password, message) => {
        fc.pre(!message.includes(password) && !message.includes(safe(password)) && !message.includes('://'));
        expect(hidePassword(new Error(message), urlWith(password))).toBe(message);
      }),
    );
  });
});

function safe(text: string): string {
  return encodeURIComponent(text);
}
