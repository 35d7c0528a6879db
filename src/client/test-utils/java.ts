import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('GuideEndpoint.java', import.meta.url));

/**
 * Whether a `java` launcher is on PATH.
 *
 * @example
 * if (!javaAvailable()) console.log('no java');
 */
export function javaAvailable(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts `GuideEndpoint.java` (the guide's verification, in Java) on a random loopback port and
 * resolves once it listens. `refusal` is the status of a failed verification (400 plays the
 * guide's `error.bad_request`). `close` ends that one process by its id.
 *
 * @example
 * const endpoint = await startJavaEndpoint('bf7769e5321448de88838cdb');
 */
export function startJavaEndpoint(key: string, scheme = 'body+timestamp', path = '/oc/customer', refusal: 403 | 400 = 403) {
  const child = spawn('java', [SOURCE, key, scheme, String(refusal)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve, reject) => {
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`GuideEndpoint.java did not start within 60 s: ${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${match[1]}${path}`, close });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`GuideEndpoint.java exited with ${code}: ${output}`));
    });
  });
}

const SENDER = fileURLToPath(new URL('GuideSender.java', import.meta.url));

/**
 * Sends one lookup as a Java helpdesk following the guide would (`GuideSender.java`): signed
 * with the guide's algorithm, posted by `java.net.http` with no Content-Type.
 *
 * @example
 * const { status, body } = await sendLikeGuide(url, KEY, '{"callNum":"01012345678"}');
 */
export function sendLikeGuide(url: string, key: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('java', [SENDER, url, key, body], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const newline = out.indexOf('\n');
      if (code !== 0 || newline < 0) return reject(new Error(`GuideSender.java exited with ${code}: ${err}`));
      resolve({ status: Number(out.slice(0, newline)), body: out.slice(newline + 1) });
    });
  });
}
