import type { Channel } from '../types.js';

/** Online Contact's ticket channels (채널) the console's sample tickets come from. */
export const CHANNELS: ReadonlyArray<{ id: Channel; ko: string; en: string }> = [
  { id: 'phone', ko: '전화', en: 'Phone' },
  { id: 'email', ko: '이메일', en: 'Email' },
  { id: 'chat', ko: '채팅', en: 'Chat' },
  { id: 'kakao', ko: '카카오톡', en: 'KakaoTalk' },
  { id: 'web', ko: '웹 문의', en: 'Web form' },
];
