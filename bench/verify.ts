import { createHmac } from 'node:crypto';
import { signRequest, verifyRequest } from '../src/index.js';
import { compareRates, fmt } from './measure.js';

const KEY = 'bf7769e5321448de88838cdb';

function bodyOf(size: number): string {
  const head = '{"callNum":"01012345678","nation":"korea","pad":"';
  return head + 'x'.repeat(size - head.length - 2) + '"}';
}

/**
 * verifyRequest against the limit Node's crypto sets: the bare
 * `createHmac('sha256', key).update(message).digest('base64')` loop on the same message.
 */
export async function run(): Promise<void> {
  const targets = { 60: 0.9, 4096: 0.9 };
  for (const [sizeText, target] of Object.entries(targets)) {
    const size = Number(sizeText);
    const body = bodyOf(size);
    const bytes = Buffer.from(body);
    const { authorization, timestamp } = signRequest({ key: KEY, body });
    const message = body + timestamp;
    const keys = [KEY];
    const rates = compareRates({
      raw: () => createHmac('sha256', KEY).update(message).digest('base64').length,
      'verify(string)': () => verifyRequest({ keys, body, timestamp, authorization }).ok,
      'verify(bytes)': () => verifyRequest({ keys, body: bytes, timestamp, authorization }).ok,
    });
    const raw = rates.raw!;
    console.log(`body ${bytes.length} B: raw HMAC ${fmt(raw)} ops/s`);
    for (const name of ['verify(string)', 'verify(bytes)']) {
      const ratio = rates[name]! / raw;
      const verdict = ratio >= target ? 'meets' : 'BELOW';
      console.log(`  ${name.padEnd(15)} ${fmt(rates[name]!)} ops/s  ratio ${ratio.toFixed(3)} (${verdict} target ${target})`);
    }
  }
}
