/**
 * How a recovery key is written: 32 symbols of Crockford's base32 (no I, L, O or U to
 * misread) carrying its 160 bits, in eight groups of four, then a ninth group of one: a check
 * symbol over the other 32, so a typing mistake is caught before anything is tried.
 *
 * Keys made before the check symbol existed have only the 32 symbols; they still work.
 * docs/vault-format.md describes the check symbol for anyone writing their own reader. This
 * is pure text handling, free of secrets.
 */
export const RECOVERY_KEY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Symbols that carry the key's bits: 160 bits at 5 bits a symbol. */
export const RECOVERY_KEY_SYMBOLS = 32;

const SYMBOLS = /^[0-9A-HJKMNP-TV-Z]+$/;

/**
 * Horner's rule over symbol values as elements of GF(32), the polynomials over GF(2) modulo
 * x⁵ + x² + 1: for each value, multiply the sum so far by x, then add the value.
 */
function weightedSum(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) {
    sum <<= 1;
    if (sum & 0b10_0000) sum ^= 0b10_0101;
    sum ^= value;
  }
  return sum;
}

function valuesOf(symbols: string): number[] {
  return [...symbols].map((symbol) => {
    const value = RECOVERY_KEY_ALPHABET.indexOf(symbol);
    if (value < 0) throw new RangeError('not a Crockford base32 symbol');
    return value;
  });
}

/**
 * The check symbol of 32 key symbols: the one that makes the weighted sum of all 33 zero.
 * Every weight is non-zero, so changing any one symbol always breaks the sum; and since
 * x + 1 is not zero either, so does swapping two neighbouring ones, the check symbol too.
 */
export function recoveryCheckSymbol(symbols: string): string {
  return RECOVERY_KEY_ALPHABET.charAt(weightedSum([...valuesOf(symbols), 0]));
}

/** The 32 key symbols as the person sees them: eight groups of four and the check symbol. */
export function groupRecoveryKey(symbols: string): string {
  if (symbols.length !== RECOVERY_KEY_SYMBOLS || !SYMBOLS.test(symbols)) {
    throw new RangeError('a recovery key is 32 Crockford base32 symbols');
  }
  return [...(symbols.match(/.{4}/g) ?? []), recoveryCheckSymbol(symbols)].join('-');
}

/**
 * The 32 key symbols in what the person typed, forgiving case, spaces, dashes and
 * look-alikes (I and L read as 1, O as 0); null when it cannot be a recovery key as typed:
 * the wrong length, a character base32 does not use, or a check symbol that does not match.
 * A 32-symbol key without a check symbol is taken as it is, as keys made before it were.
 */
export function recoveryKeySymbols(typed: string): string | null {
  const ascii = typed.replace(/[\s\-\u2010-\u2015\u2212]/g, '');
  if (!/^[0-9A-Za-z]+$/.test(ascii)) return null;
  const compact = ascii.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!SYMBOLS.test(compact)) return null;
  if (compact.length === RECOVERY_KEY_SYMBOLS) return compact;
  if (compact.length !== RECOVERY_KEY_SYMBOLS + 1) return null;
  return weightedSum(valuesOf(compact)) === 0 ? compact.slice(0, RECOVERY_KEY_SYMBOLS) : null;
}
