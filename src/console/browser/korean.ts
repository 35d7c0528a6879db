/**
 * Korean particles (조사) after a word the page does not know in advance: an API 이름, a field.
 * The form depends on whether the word's last syllable ends in a consonant (받침).
 */

// How a trailing Latin letter or digit is read aloud: these end in a consonant (엘, 엠, 엔, 알, 영, 일, 삼, 육, 칠, 팔).
const LATIN_WITH_FINAL = new Set(['l', 'm', 'n', 'r', '0', '1', '3', '6', '7', '8']);

/**
 * Whether the last letter of `word` ends in a consonant: a Hangul syllable with 받침, or a
 * Latin letter or digit read with one (URL → 유알엘); undefined when it cannot be told.
 *
 * @example
 * hasFinalConsonant('타임아웃') // true
 * hasFinalConsonant('암호화 키') // false
 */
export function hasFinalConsonant(word: string): boolean | undefined {
  const last = word.replace(/[\s)\]'"”’.]+$/u, '').slice(-1);
  if (last === '') return undefined;
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 !== 0;
  if (/^[a-z0-9]$/i.test(last)) return LATIN_WITH_FINAL.has(last.toLowerCase());
  return undefined;
}

/**
 * `word` with the particle that fits it: 은/는, 이/가, 을/를 (with 받침 first), or both
 * written out as 은(는) when the word's ending cannot be told.
 *
 * @example
 * withParticle('타임아웃', '이', '가') // '타임아웃이'
 * withParticle('암호화 키', '이', '가') // '암호화 키가'
 * withParticle('기본 URL', '은', '는') // '기본 URL은'
 */
export function withParticle(word: string, withFinal: '은' | '이' | '을', withoutFinal: '는' | '가' | '를'): string {
  const final = hasFinalConsonant(word);
  return `${word}${final === undefined ? `${withFinal}(${withoutFinal})` : final ? withFinal : withoutFinal}`;
}
