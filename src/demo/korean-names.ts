import { pick, weighted, type Rng } from './prng.js';

/**
 * Korean names for the demo customers. Surname weights follow the 2015 census shares (per mille,
 * rounded; 김, 이, 박 alone are ~45 %); given names are two syllables drawn from the syllables
 * common in names of each sex, so the list an agent sees looks like a real customer base
 * (김민준, 이서연, 박지훈) rather than random Hangul.
 */

/** A name in Hangul and the romanisation that logins and e-mail addresses are made of. */
export interface KoreanName {
  /** Surname then given name, no space: `김민준`. */
  name: string;
  surname: string;
  given: string;
  /** Lower-case Latin letters: `kim`, `minjun`. */
  surnameLatin: string;
  givenLatin: string;
}

type Syllable = readonly [hangul: string, latin: string];

function table(spec: string): ReturnType<typeof weighted<Syllable>> {
  // "김 kim 215, 이 lee 147": compact to write, parsed once at load.
  return weighted(
    spec.split(',').map((entry) => {
      const [hangul = '', latin = '', weight = '1'] = entry.trim().split(/\s+/);
      return [[hangul, latin] as const, Number(weight)] as const;
    }),
  );
}

const SURNAMES = table(`김 kim 215, 이 lee 147, 박 park 84, 최 choi 47, 정 jung 43, 강 kang 24, 조 cho 21,
  윤 yoon 21, 장 jang 20, 임 lim 17, 한 han 15, 오 oh 15, 서 seo 15, 신 shin 15, 권 kwon 14, 황 hwang 14,
  안 ahn 14, 송 song 14, 전 jeon 11, 홍 hong 11, 유 yoo 11, 고 ko 9, 문 moon 9, 양 yang 9, 손 son 9,
  배 bae 8, 백 baek 7, 허 heo 6, 남 nam 5, 심 shim 5, 하 ha 5, 노 noh 4, 곽 kwak 4, 성 sung 4, 차 cha 4,
  주 joo 4, 우 woo 4, 구 koo 4, 민 min 3, 류 ryu 3, 나 na 3, 진 jin 3, 지 ji 3, 엄 eom 3, 채 chae 3,
  원 won 3, 천 cheon 2, 방 bang 2, 공 kong 2, 현 hyun 2, 함 ham 2, 변 byun 2, 염 yeom 2, 여 yeo 2,
  추 choo 1, 도 do 1, 소 so 1, 석 seok 1, 선 sun 1, 설 seol 1, 마 ma 1, 길 gil 1, 연 yeon 1, 위 wi 1,
  표 pyo 1, 명 myung 1, 기 ki 1, 남궁 namgung 0.5, 황보 hwangbo 0.3, 제갈 jegal 0.2, 선우 sunwoo 0.2`);

const MALE_FIRST = table(`민 min 9, 서 seo 5, 도 do 5, 예 ye 3, 시 si 4, 주 ju 4, 하 ha 4, 지 ji 6,
  준 jun 5, 현 hyun 7, 건 geon 4, 우 woo 3, 승 seung 6, 유 yu 3, 정 jung 5, 성 sung 6, 영 young 5,
  상 sang 5, 동 dong 5, 재 jae 6, 진 jin 4, 태 tae 5, 종 jong 3, 용 yong 3, 경 kyung 3, 병 byung 2,
  광 kwang 2, 윤 yoon 3, 은 eun 2, 수 su 2, 한 han 2, 기 ki 2`);

const MALE_SECOND = table(`준 jun 9, 우 woo 7, 호 ho 7, 민 min 6, 현 hyun 6, 수 su 6, 진 jin 4,
  훈 hoon 6, 혁 hyuk 5, 석 seok 5, 영 young 3, 빈 bin 3, 원 won 4, 윤 yoon 3, 재 jae 2, 성 sung 4,
  환 hwan 4, 철 chul 3, 식 sik 2, 규 kyu 3, 율 yul 2, 찬 chan 3, 한 han 2, 욱 wook 3, 일 il 2`);

const FEMALE_FIRST = table(`서 seo 8, 지 ji 9, 하 ha 5, 수 su 6, 민 min 6, 예 ye 5, 윤 yoon 4,
  채 chae 4, 다 da 3, 은 eun 7, 소 so 4, 유 yu 4, 시 si 2, 아 a 2, 혜 hye 5, 미 mi 5, 정 jung 5,
  현 hyun 4, 영 young 4, 경 kyung 3, 순 soon 2, 명 myung 2, 나 na 2, 가 ga 2, 연 yeon 2, 주 ju 2, 세 se 2`);

const FEMALE_SECOND = table(`연 yeon 9, 윤 yoon 6, 은 eun 5, 아 a 6, 린 rin 3, 원 won 5, 진 jin 5,
  영 young 6, 희 hee 8, 경 kyung 4, 숙 sook 4, 자 ja 2, 정 jung 4, 미 mi 4, 현 hyun 5, 빈 bin 3,
  서 seo 3, 우 woo 2, 나 na 3, 인 in 4, 율 yul 2, 주 ju 3, 하 ha 3, 혜 hye 2, 란 ran 2`);

/**
 * One realistic Korean name; the two given-name syllables are never the same (민민 is not a name).
 *
 * @example
 * koreanName(createRng(3)) // { name: '서다연', surname: '서', given: '다연', surnameLatin: 'seo', givenLatin: 'dayeon' }
 */
export function koreanName(rng: Rng): KoreanName {
  const [surname, surnameLatin] = pick(rng, SURNAMES);
  const female = rng() < 0.5;
  const [first, firstLatin] = pick(rng, female ? FEMALE_FIRST : MALE_FIRST);
  let [second, secondLatin] = pick(rng, female ? FEMALE_SECOND : MALE_SECOND);
  if (second === first) [second, secondLatin] = pick(rng, female ? FEMALE_SECOND : MALE_SECOND);
  if (second === first) [second, secondLatin] = female ? ['희', 'hee'] : ['호', 'ho'];
  const given = first + second;
  return { name: surname + given, surname, given, surnameLatin, givenLatin: firstLatin + secondLatin };
}
