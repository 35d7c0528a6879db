import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** A redis-server of the soak's own, on a port nobody else uses: restarting it disturbs no one. */
export interface PrivateRedis {
  url: string;
  /** Stops the server, waits `downMs`, and starts it again on the same port (empty, as after a crash). */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` on a free loopback port with persistence off (`--save ''`,
 * `--appendonly no`), and resolves once it answers PING.
 *
 * @example
 * const redis = await startPrivateRedis();
 * await redis.restart(1000);
 * await redis.stop();
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child = await launch(port, url);
  return {
    url,
    async restart(downMs) {
      await stopChild(child);
      await new Promise((r) => setTimeout(r, downMs));
      child = await launch(port, url);
    },
    stop: () => stopChild(child),
  };
}

async function launch(port: number, url: string): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const failed = once(child, 'exit').then(([code]) => {
    throw new Error(`redis-server on port ${port} exited (${String(code)}) before answering`);
  });
  failed.catch(() => {});
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) await failed;
    if (await answers(url)) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} did not answer within 10 s`);
}

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 500, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** A port the kernel just handed out, released for redis-server to take. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
