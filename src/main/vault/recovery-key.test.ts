import { randomBytes } from 'node:crypto';
import { base32crockford } from '@scure/base';
import { describe, expect, it } from 'vitest';
import {
  RECOVERY_KEY_ALPHABET,
  recoveryCheckSymbol,
  recoveryKeySymbols,
} from '../../shared/recovery-key';
import {
  formatRecoveryKey,
  newRecoveryKey,
  parseRecoveryKey,
  recoveryKeyHasTypo,
} from './recovery-key';

const GROUPED = /^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]$/;
const compact = (key: string) => key.replace(/-/g, '');
const keys = [
  Buffer.alloc(20),
  Buffer.alloc(20, 0xff),
  Buffer.from([...Array(20).keys()]),
  ...Array.from({ length: 20 }, () => newRecoveryKey()),
];

describe('the recovery key', () => {
  it('is eight groups of four and a ninth of one, the check symbol', () => {
    for (const bytes of keys) expect(formatRecoveryKey(bytes)).toMatch(GROUPED);
    // Worked out by hand from docs/vault-format.md, so a reader written from it agrees.
    expect(formatRecoveryKey(Buffer.from([...Array(20).keys()]))).toBe(
      '000G-40R4-0M30-E209-185G-R38E-1W81-24GK-C',
    );
    expect(formatRecoveryKey(Buffer.alloc(20))).toBe('0000-0000-0000-0000-0000-0000-0000-0000-0');
    expect(formatRecoveryKey(Buffer.alloc(20, 0xff))).toBe(
      'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-V',
    );
  });

  it('reads back as typed: any case, spaces for dashes, and look-alike letters', () => {
    for (const bytes of keys) {
      const key = formatRecoveryKey(bytes);
      expect(parseRecoveryKey(key)).toEqual(bytes);
      expect(parseRecoveryKey(key.toLowerCase().replace(/-/g, ' '))).toEqual(bytes);
      expect(parseRecoveryKey(` ${compact(key)}\n`)).toEqual(bytes);
      const lookAlikes = key
        .replace(/0/g, 'o')
        .replace(/1/g, (_, at: number) => (at % 2 ? 'I' : 'L'));
      expect(parseRecoveryKey(lookAlikes)).toEqual(bytes);
      expect(recoveryKeyHasTypo(key)).toBe(false);
    }
  });

  it('catches every change of one character to another, check symbol included', () => {
    let tried = 0;
    for (const bytes of keys) {
      const symbols = compact(formatRecoveryKey(bytes));
      for (let at = 0; at < symbols.length; at++) {
        for (const other of RECOVERY_KEY_ALPHABET) {
          if (other === symbols[at]) continue;
          const typed = symbols.slice(0, at) + other + symbols.slice(at + 1);
          expect(recoveryKeyHasTypo(typed), typed).toBe(true);
          expect(parseRecoveryKey(typed), typed).toBeNull();
          tried += 1;
        }
      }
    }
    expect(tried).toBe(keys.length * 33 * 31);
  });

  it('catches two neighbouring characters swapped', () => {
    for (const bytes of keys) {
      const symbols = compact(formatRecoveryKey(bytes));
      for (let at = 0; at + 1 < symbols.length; at++) {
        if (symbols[at] === symbols[at + 1]) continue;
        const typed = symbols.slice(0, at) + symbols[at + 1] + symbols[at] + symbols.slice(at + 2);
        expect(recoveryKeyHasTypo(typed), typed).toBe(true);
      }
    }
  });

  it('still reads keys made before the check symbol: 32 characters in eight groups', () => {
    const bytes = randomBytes(20);
    const old = formatRecoveryKey(bytes).slice(0, -2);
    expect(old).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKey(old)).toEqual(bytes);
    expect(parseRecoveryKey(old.toLowerCase().replace(/-/g, ' '))).toEqual(bytes);
    const oldStyle = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';
    expect(parseRecoveryKey(oldStyle)).toEqual(
      Buffer.from(base32crockford.decode(compact(oldStyle))),
    );
    expect(recoveryKeyHasTypo('0000-0000-0000-0000-0000-0000-0000-0000')).toBe(false);
  });

  it.each([
    ['nothing', ''],
    ['a few characters', 'AAAA-AAAA'],
    ['one character short of an old key', '0000-0000-0000-0000-0000-0000-0000-000'],
    ['one character too many', '0000-0000-0000-0000-0000-0000-0000-0000-00'],
    ['a U, which base32 leaves out', '0000-0000-0000-0000-0000-0000-0000-000U'],
    ['punctuation', '0000-0000-0000-0000-0000-0000-0000-000!'],
    ['a letter from another alphabet', '0000-0000-0000-0000-0000-0000-0000-000É'],
  ])('calls %s a typing mistake', (_, typed) => {
    expect(recoveryKeyHasTypo(typed)).toBe(true);
    expect(parseRecoveryKey(typed)).toBeNull();
    expect(recoveryKeySymbols(typed)).toBeNull();
  });

  it('computes the check over symbols only', () => {
    expect(() => recoveryCheckSymbol('000U')).toThrow(RangeError);
  });
});
