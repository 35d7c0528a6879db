import { koreanName } from './korean-names.js';
import { intBetween, pick, rowRng, weighted, type Rng } from './prng.js';

/** One demo customer: a member of a game service, with the guide's game-account fields. */
export interface Customer {
  /** 1-based row number. */
  id: number;
  /** Member number as a support agent quotes it: `C00000001`. */
  memberId: string;
  name: string;
  /** The lookup key, digits only (`01023456789`): what the helpdesk's callNum usually carries. */
  phone: string;
  /** The same number as people write it: `010-2345-6789`. */
  phoneDisplay: string;
  nation: string;
  email: string;
  userNo: number;
  userId: string;
  gameCode: string;
  /** Won. `cashTotal` is always `cashReal + cashBonus`. */
  cashReal: number;
  cashBonus: number;
  cashTotal: number;
  /** `YYYY-MM-DD`. */
  joinedAt: string;
}

/** The highest row count: mobile numbers 010-2000-0000 to 010-9999-9999 (010-0/1xxx are unassigned). */
export const MAX_CUSTOMERS = 80_000_000;
const PHONE_BASE = 20_000_000;
// Coprime to MAX_CUSTOMERS (neither 2 nor 5 divides it): i -> (A*i + B) mod MAX is a bijection, so
// every row has a distinct number without a set of the numbers used so far. A*i stays below 2^53.
const PHONE_MULTIPLIER = 48_271_013;
const PHONE_OFFSET = 31_415_926;

const NATIONS = weighted([['korea', 94], ['japan', 4], ['usa', 1], ['china', 1]] as const);
const GAMES = weighted(
  [['POKER', 30], ['GOSTOP', 25], ['BADUK', 15], ['PUZZLE', 12], ['JANGGI', 10], ['MAHJONG', 8]] as const,
);
const DOMAINS = weighted(
  [['naver.com', 40], ['gmail.com', 30], ['daum.net', 12], ['kakao.com', 10], ['hanmail.net', 8]] as const,
);
const JOIN_FROM = Date.UTC(2010, 0, 1);
// Formatting a Date per row was a quarter of the generator's time; 6,000 strings are built once.
const JOIN_DATES = Array.from({ length: 6_000 }, (_, day) =>
  new Date(JOIN_FROM + day * 86_400_000).toISOString().slice(0, 10),
);

/**
 * The mobile number of row `index` (0-based), digits only; distinct for every index below
 * `MAX_CUSTOMERS`, and independent of the seed so a phone number in the docs stays valid.
 *
 * @example
 * demoPhone(0) // '01051415926'
 */
export function demoPhone(index: number): string {
  return `010${phoneNumber(index)}`;
}

function phoneNumber(index: number): number {
  return ((PHONE_MULTIPLIER * index + PHONE_OFFSET) % MAX_CUSTOMERS) + PHONE_BASE;
}

/**
 * `01023456789` as `010-2345-6789`.
 *
 * @example
 * formatPhone('01023456789') // '010-2345-6789'
 */
export function formatPhone(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
}

/**
 * Row `index` (0-based) of the demo data for `seed`: the same customer on every run and machine.
 *
 * @example
 * const c = makeCustomer(1, 0);
 * c.cashTotal === c.cashReal + c.cashBonus // true
 */
export function makeCustomer(seed: number, index: number): Customer {
  const rng = rowRng(seed, index);
  const person = koreanName(rng);
  const number = String(phoneNumber(index));
  const tag = index.toString(36);
  const userId = `${person.givenLatin}${person.surnameLatin.slice(0, 1)}${tag}`;
  const cashReal = rng() < 0.35 ? 0 : roundTo(skewed(rng, 25_000, 10_000_000), 100);
  const cashBonus = rng() < 0.5 ? 0 : roundTo(skewed(rng, 3_000, 1_000_000), 10);
  return {
    id: index + 1,
    memberId: `C${String(index + 1).padStart(8, '0')}`,
    name: person.name,
    phone: `010${number}`,
    phoneDisplay: `010-${number.slice(0, 4)}-${number.slice(4)}`,
    nation: pick(rng, NATIONS),
    email: `${person.givenLatin}.${person.surnameLatin}${tag}@${pick(rng, DOMAINS)}`,
    // Spaced by 7 with a random gap, so numbers rise with sign-up order yet never collide.
    userNo: 10_000_000 + index * 7 + intBetween(rng, 0, 6),
    userId,
    gameCode: pick(rng, GAMES),
    cashReal,
    cashBonus,
    cashTotal: cashReal + cashBonus,
    joinedAt: JOIN_DATES[intBetween(rng, 0, JOIN_DATES.length - 1)] as string,
  };
}

/** Exponential around `mean`, capped: most balances are small, a few are large. */
function skewed(rng: Rng, mean: number, cap: number): number {
  return Math.min(cap, -Math.log(1 - rng()) * mean);
}

function roundTo(value: number, step: number): number {
  return Math.max(step, Math.round(value / step) * step);
}
