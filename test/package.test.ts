import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/server/config/parse.js';

/*
 * The ways README's "Installing on a server" gives, run for real: `npm pack` (which builds through
 * `prepare`) in a copy of the project, then the tarball installed into temporary prefixes. There is
 * no container runtime here, so the Dockerfile and compose.yaml are checked statically against
 * the same tarball.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', 'data', 'coverage', 'test-results', '.git']);

let work: string;
let tarball: string;
let files: string[];

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The tarball installed into `work/dir` with npm `install` flags, once per file run.
 * --ignore-scripts: compiling better-sqlite3 from source takes minutes on CI's cores; npm itself
 * runs that step on a real install. Nothing here opens SQLite.
 */
function installed(dir: string, install: string[]): string {
  const target = join(work, dir);
  if (!existsSync(join(target, 'node_modules'))) npm([...install, '--prefix', target, '--prefer-offline', '--ignore-scripts', tarball], work);
  return target;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'custlink-package-'));
  const copy = join(work, 'src');
  // A copy, so that rebuilding dist/ does not pull it from under other tests using this checkout.
  cpSync(ROOT, copy, { recursive: true, filter: (from) => !SKIP.has(relative(ROOT, from).split(/[\\/]/)[0] ?? '') });
  symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(copy, 'node_modules'));
  npm(['pack', '--pack-destination', work], copy);
  const name = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (name === undefined) throw new Error('npm pack wrote no tarball');
  tarball = join(work, name);
  files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
}, 400_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it('holds the built CLI, and the build leaves its bin executable (npx custlink in the project)', () => {
    expect(files).toContain('package/dist/cli/bin.js');
    for (const doc of ['LICENSE', 'CHANGELOG.md', 'README.md', 'README.ko.md']) expect(files).toContain(`package/${doc}`);
    expect(files.some((f) => f.includes('.test.'))).toBe(false);
    expect(statSync(join(work, 'src', 'dist', 'cli', 'bin.js')).mode & 0o111).toBe(0o111);
  });

  it('ships its source maps with the sources in them (sourcesContent: no src/ in the package)', () => {
    const maps = files.filter((f) => f.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(10);
    const dir = mkdtempSync(join(work, 'unpacked-'));
    execFileSync('tar', ['xzf', tarball, '-C', dir]);
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(readFileSync(join(dir, map), 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      expect(sourcesContent?.length, map).toBe(sources.length);
      expect(sourcesContent?.every((text) => text.length > 0), map).toBe(true);
    }
  });

  it('passes publint --strict and arethetypeswrong with the esm-only profile (CommonJS require is not offered)', () => {
    for (const [tool, args] of [
      ['publint', ['run', tarball, '--strict']],
      ['attw', [tarball, '--profile', 'esm-only', '--format', 'table-flipped']],
    ] as const) {
      const run = spawnSync(join(ROOT, 'node_modules', '.bin', tool), args, { encoding: 'utf8' });
      expect(run.status, `${tool}:\n${run.stdout}${run.stderr}`).toBe(0);
    }
  }, 120_000);

  it.each([
    ['npm install -g --prefix', 'global', ['install', '-g'], 'bin/custlink'],
    ['npm install --omit=dev in a directory', 'opt', ['install', '--omit=dev'], 'node_modules/.bin/custlink'],
  ])('installs with %s, and the installed custlink runs', (_, dir, install, bin) => {
    const target = installed(dir, install);
    const custlink = join(target, bin);
    const run = (...args: string[]) => execFileSync(custlink, args, { cwd: work, encoding: 'utf8' });
    expect(run('--version')).toMatch(/^custlink \d+\.\d+\.\d+/);
    expect(run('keygen')).toMatch(/^[0-9a-f]{24}\n$/);
    const config = join(target, 'pg.yaml');
    expect(run('init', '--source', 'postgres', '--out', config)).toContain(`wrote ${config}`);
    expect(readFileSync(config, 'utf8')).toContain(`custlink serve --config ${config}`);
  }, 240_000);
});

describe('README "Your own endpoint", with custlink installed', () => {
  it('keeps the key it generates: in a 0600 file and in CUSTLINK_KEY for the commands after it', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /## Your own endpoint[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const keyLines = block.split('\n').slice(0, block.split('\n').findIndex((l) => l.startsWith('custlink import')));
    expect(keyLines.join('\n')).toContain('custlink keygen');
    const dir = mkdtempSync(join(work, 'readme-'));
    const out = execFileSync('bash', ['-euc', `${keyLines.join('\n')}\nprintf '%s %s' "$CUSTLINK_KEY" "$(stat -c %a custlink.key)"`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${join(work, 'global', 'bin')}:${process.env.PATH ?? ''}` },
    });
    const [key, mode] = out.split(' ');
    expect(key).toMatch(/^[0-9a-f]{24}$/);
    expect(readFileSync(join(dir, 'custlink.key'), 'utf8').trim()).toBe(key);
    expect(mode).toBe('600');
  });
});

// Every entry, and both adapters of the optional peers, as an application's code uses them.
const CONSUMER = `import { signRequest, verifyRequest, agentMessage } from 'custlink';
import * as web from 'custlink/web';
import { createClient, runCheck } from 'custlink/client';
import { createEndpoint, functionSource, parseConfig, startServer, type EndpointConfig } from 'custlink/server';
import { createFetchHandler, custlinkExpress, custlinkFastify, type FastifyLike } from 'custlink/server/adapters';

const key = 'bf7769e5321448de88838cdb';
const signed = signRequest({ key, body: '{}' });
const verified: boolean = verifyRequest({ keys: [key], body: '{}', ...signed }).ok;
const config: EndpointConfig = parseConfig({});
const endpoint = await createEndpoint(config, { source: functionSource(async () => undefined) });
export const handlers = [createFetchHandler(endpoint), custlinkExpress(endpoint), startServer, runCheck, web.signRequest];
export const plugin: (app: FastifyLike, options: { endpoint: typeof endpoint }) => Promise<void> = custlinkFastify;
export const seen = [verified, agentMessage(404).ko, createClient({ url: 'http://127.0.0.1:8080/' })];
`;

describe('the published types', () => {
  // An application's own install: --omit=dev, so neither fastify nor express (optional peers) is
  // there, and neither are our devDependencies' @types; @types/node is the application's.
  it('compile with skipLibCheck: false and without the optional peers installed', () => {
    const app = installed('opt', ['install', '--omit=dev']);
    for (const peer of ['fastify', 'express', '@types/express']) expect(existsSync(join(app, 'node_modules', peer)), peer).toBe(false);
    // A dependency may have brought @types/node along already.
    const types = join(app, 'node_modules', '@types');
    mkdirSync(types, { recursive: true });
    if (!existsSync(join(types, 'node'))) symlinkSync(realpathSync(join(ROOT, 'node_modules', '@types', 'node')), join(types, 'node'));
    writeFileSync(join(app, 'consumer.mts'), CONSUMER);
    const compilerOptions = { strict: true, skipLibCheck: false, module: 'nodenext', target: 'es2022', noEmit: true, types: ['node'] };
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.mts'] }));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 240_000);
});

/** Dockerfile instructions: comments dropped, continuation lines joined. */
function instructions(text: string): { op: string; args: string }[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

describe('Dockerfile (static: no container runtime here)', () => {
  const all = instructions(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  const stages = all.filter((i) => i.op === 'FROM');
  const final = all.slice(all.lastIndexOf(stages[stages.length - 1]!));

  it('is multi-stage on node:22-slim, and the final stage runs as a user other than root', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.args).toMatch(/^node:22-slim\b/);
    const user = final.filter((i) => i.op === 'USER').pop()?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user?.split(':')[0]);
  });

  it('copies only files that exist and are not in .dockerignore, and stages that are defined earlier', () => {
    const names: string[] = [];
    for (const i of all) {
      if (i.op === 'FROM') names.push(/\bAS\s+(\S+)/i.exec(i.args)?.[1] ?? '');
      if (i.op !== 'COPY') continue;
      const parts = i.args.split(/\s+/);
      const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
      const sources = parts.filter((p) => !p.startsWith('--')).slice(0, -1);
      if (from !== undefined) {
        expect(names.slice(0, -1)).toContain(from);
        continue;
      }
      for (const source of sources) {
        expect(existsSync(join(ROOT, source)), `COPY ${source}`).toBe(true);
        const tracked = execFileSync('git', ['ls-files', '--', source], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
        // The only files left out are the test certificate's, which the build (tsconfig.build.json) skips.
        const leftOut = tracked.filter(dockerIgnored);
        expect(leftOut.filter((f) => !f.startsWith('src/client/test-utils/test-')), `COPY ${source}: files .dockerignore leaves out`).toEqual([]);
      }
    }
  });

  it('starts the CLI from a path that the tarball installs, and probes /healthz on loopback', () => {
    const entry = JSON.parse(final.find((i) => i.op === 'ENTRYPOINT')!.args) as string[];
    const script = entry.find((a) => a.startsWith('/opt/custlink/node_modules/custlink/'));
    expect(script).toBeDefined();
    expect(files).toContain(`package/${script!.slice('/opt/custlink/node_modules/custlink/'.length)}`);
    // The probe reads the config's listen block (test/healthcheck.test.ts runs it), so it is
    // copied beside node_modules, where it finds the installed custlink package by name.
    const health = final.find((i) => i.op === 'HEALTHCHECK')?.args ?? '';
    expect(health).toMatch(/CMD \["node", "\/opt\/custlink\/healthcheck\.mjs"\]$/);
    expect(final.map((i) => `${i.op} ${i.args}`)).toContain('COPY deploy/healthcheck.mjs /opt/custlink/healthcheck.mjs');
    expect(health).not.toContain('8080');
  });

  it('leaves keys, environment files, databases, CSV exports and a run\'s data and audit out of the build context', () => {
    for (const secret of ['custlink.key', 'deploy/custlink.key', 'next.key', '.env', 'deploy/.env', '.env.production', 'customers.sqlite', 'data/customers.sqlite',
      'examples/customers.csv', 'export/고객.csv', 'data/replay.json', 'audit/2026-12-07.log', 'tls/server.pem']) {
      expect(dockerIgnored(secret), secret).toBe(true);
    }
    for (const source of ['src/server/audit/writer.ts', 'src/cli/import.ts', 'package.json', 'deploy/healthcheck.mjs']) expect(dockerIgnored(source), source).toBe(false);
  });
});

/**
 * Whether .dockerignore leaves this path (relative to the context) out, as Docker reads it: Go's
 * filepath.Match per pattern plus `**`, a match of a parent folder leaving out what it holds, and
 * a later `!pattern` taking a path back.
 */
function dockerIgnored(path: string): boolean {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const parts = path.split('/');
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const line of patterns) {
    const negated = line.startsWith('!');
    const pattern = (negated ? line.slice(1) : line).replace(/^\/+/, '').replace(/\/+$/, '');
    const source = pattern
      .split(/(\*\*\/|\*\*|\*|\?)/)
      .map((piece) => ({ '**/': '(?:.*/)?', '**': '.*', '*': '[^/]*', '?': '[^/]' })[piece] ?? piece.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
      .join('');
    const regex = new RegExp(`^${source}$`);
    if (prefixes.some((prefix) => regex.test(prefix))) ignored = !negated;
  }
  return ignored;
}

describe('compose.yaml', () => {
  interface Service {
    volumes?: string[];
    image?: string;
    environment?: Record<string, string>;
    healthcheck?: { test: string[] };
  }
  const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8')) as { services: Record<string, Service> };

  it('checks PostgreSQL over TCP, as custlink connects, not over the socket that answers during initdb', () => {
    const test = compose.services.postgres!.healthcheck!.test;
    expect(test.slice(0, 2)).toEqual(['CMD', 'pg_isready']);
    expect(test[test.indexOf('-h') + 1]).toBe('127.0.0.1');
  });

  it('gives the superuser and custlink\'s read-only role different secrets, and custlink only its own', () => {
    const postgres = compose.services.postgres!.environment!;
    const custlink = compose.services.custlink!.environment!;
    const variable = (value: string | undefined) => /^\$\{([A-Z_]+)/.exec(value ?? '')?.[1];
    expect(variable(postgres.POSTGRES_PASSWORD)).toBe('POSTGRES_PASSWORD');
    expect(variable(postgres.DB_PASSWORD)).toBe('DB_PASSWORD');
    expect(variable(custlink.DB_PASSWORD)).toBe('DB_PASSWORD');
    expect(Object.values(custlink).map(variable)).not.toContain('POSTGRES_PASSWORD');
    const init = readFileSync(join(ROOT, 'deploy', 'postgres-init.sh'), 'utf8');
    expect(init).toMatch(/CREATE ROLE custlink_ro LOGIN PASSWORD :'pw'/);
    expect(init).toContain('-v pw="$DB_PASSWORD"');
    // The init script refuses one secret for both.
    expect(init).toContain('[ "$DB_PASSWORD" = "$POSTGRES_PASSWORD" ]');
  });

  it('runs custlink with PostgreSQL and Redis, mounting files that exist', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['custlink', 'postgres', 'redis']);
    for (const service of Object.values(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('.')) expect(existsSync(join(ROOT, source)), volume).toBe(true);
      }
    }
  });

  it('mounts a config that parses and listens where the image\'s HEALTHCHECK probes', () => {
    const text = readFileSync(join(ROOT, 'deploy', 'custlink.yaml'), 'utf8');
    const config = parseConfig(parse(text), { env: { CUSTLINK_KEY: 'bf7769e5321448de88838cdb', DB_PASSWORD: 'pw' } });
    expect(config.listen).toMatchObject({ host: '0.0.0.0', port: 8080 });
    expect(config.listen.tls).toBeUndefined();
    expect(config.apis[0]!.source.type).toBe('postgres');
    expect(config.apis[0]!.auth.replay).toMatchObject({ store: 'redis' });
  });
});
