import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * What an application sees of the package is its declarations, as `npm run build` emits them
 * (tsconfig.build.json, `stripInternal`). They are emitted here into a folder of their own, not
 * dist/, which other tests run from. The names the README, docs/ and examples/ import must be
 * there; the endpoint's wiring and the protocol's plumbing must not.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string | { types?: string }> };
/** `custlink/server` → `server/index.d.ts`, from package.json's `exports`. */
const ENTRIES = new Map(
  Object.entries(PKG.exports).flatMap(([subpath, target]) =>
    typeof target === 'object' && target.types !== undefined ? [[join('custlink', subpath).replace(/\/\.$/, ''), target.types.replace(/^\.\/dist\//, '')] as const] : [],
  ),
);
/** Set by `custlink serve`, its reloads and its workers only. */
const INTERNAL_OPTIONS = ['replays', 'cluster', 'checkStoredForm'];
/** The request checks `verifyRequest` is built from. */
const PROTOCOL_PLUMBING = ['checkTimestamp', 'SIGNATURE_LENGTH', 'isSignatureShaped'];

let out: string;

beforeAll(() => {
  // Inside node_modules/, so that the declarations' imports (pino, prom-client, zod) resolve as in an app.
  out = mkdtempSync(join(ROOT, 'node_modules', '.custlink-surface-'));
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.build.json'), { outDir: out, emitDeclarationOnly: true, declarationMap: false }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (parsed === undefined) throw new Error('tsconfig.build.json did not parse');
  const emitted = ts.createProgram(parsed.fileNames, parsed.options).emit();
  expect(emitted.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** A program over the emitted declarations, with `custlink/...` resolving to them as in an installed package. */
function against(rootNames: string[], extra: Record<string, string> = {}): ts.Program {
  const texts = new Map(Object.entries(extra));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    paths: Object.fromEntries([...ENTRIES].map(([name, types]) => [name, [join(out, types)]])),
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => (texts.has(name) ? ts.createSourceFile(name, texts.get(name)!, language, true) : getSourceFile(name, language, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => texts.has(name) || fileExists(name);
  return ts.createProgram({ rootNames: [...rootNames, ...texts.keys()], options, host });
}

function errors(program: ts.Program): string[] {
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? relative(ROOT, d.file.fileName) : ''} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** The names an entry exports, and the properties of the interfaces among them. */
function surface(entry: string): { names: string[]; members(name: string): string[] } {
  const program = against([join(out, ENTRIES.get(entry)!)]);
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(join(out, ENTRIES.get(entry)!))!)!;
  const exports = checker.getExportsOfModule(module);
  return {
    names: exports.map((symbol) => symbol.name),
    members(name) {
      const symbol = exports.find((s) => s.name === name);
      if (symbol === undefined) throw new Error(`${entry} does not export ${name}`);
      return checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(symbol))).map((p) => p.name);
    },
  };
}

/** `import { a, b } from 'custlink/x'` in the README (both), docs/ and examples/: what applications are shown. */
function documentedImports(): Map<string, Set<string>> {
  const files = ['README.md', 'README.ko.md', ...readdirSync(join(ROOT, 'docs')).map((f) => `docs/${f}`), ...(readdirSync(join(ROOT, 'examples'), { recursive: true }) as string[]).map((f) => `examples/${f}`)];
  const found = new Map<string, Set<string>>();
  for (const file of files.filter((f) => /\.(md|ts)$/.test(f))) {
    for (const [, names, from] of readFileSync(join(ROOT, file), 'utf8').matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'(custlink[^']*)'/g)) {
      if (!found.has(from!)) found.set(from!, new Set());
      for (const name of names!.split(',').map((n) => n.trim().replace(/^type\s+/, '')).filter(Boolean)) found.get(from!)!.add(name);
    }
  }
  return found;
}

describe("the package's declarations", () => {
  it('export every name the README, docs/ and examples/ import, from the entry they import it from', () => {
    const documented = documentedImports();
    expect([...documented.keys()].sort()).toEqual(expect.arrayContaining(['custlink', 'custlink/server', 'custlink/server/adapters']));
    for (const [entry, names] of documented) expect(surface(entry).names, entry).toEqual(expect.arrayContaining([...names]));
    expect(surface('custlink/client').names).toEqual(expect.arrayContaining(['createClient', 'runCheck']));
  });

  it("keep the protocol's plumbing out of custlink and custlink/web", () => {
    for (const entry of ['custlink', 'custlink/web']) {
      const { names } = surface(entry);
      expect(names).toEqual(expect.arrayContaining(['signRequest', 'verifyRequest', 'dataEnvelope', 'errorEnvelope', 'CustlinkError']));
      for (const name of PROTOCOL_PLUMBING) expect(names, entry).not.toContain(name);
    }
    for (const file of ['index.d.ts', 'web.d.ts', 'protocol/common.d.ts']) {
      for (const name of PROTOCOL_PLUMBING) expect(readFileSync(join(out, file), 'utf8'), file).not.toContain(name);
    }
  });

  it("show an endpoint's API, not its wiring: no route, and no options only custlink serve sets", () => {
    const server = surface('custlink/server');
    expect(server.members('Endpoint').sort()).toEqual(['close', 'config', 'handle', 'logger', 'paths', 'ready', 'registry']);
    expect(server.members('EndpointOptions').sort()).toEqual(['logger', 'source', 'sources']);
    expect(server.members('StartServerOptions').sort()).toEqual(['drainMs', 'logger', 'source', 'sources']);
    const adapters = surface('custlink/server/adapters');
    expect(adapters.members('AdapterEndpoint').sort()).toEqual(['handle', 'paths']);
    const declarations = readFileSync(join(out, 'server/endpoint-types.d.ts'), 'utf8');
    for (const name of [...INTERNAL_OPTIONS, 'route']) expect(declarations).not.toMatch(new RegExp(`\\b${name}\\??[:(]`));
  });

  it('compile examples/ (Express, Fastify, Hono, Next.js) as an application would, against them alone', () => {
    const apps = (readdirSync(join(ROOT, 'examples'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(ROOT, 'examples', f));
    expect(apps.length).toBeGreaterThanOrEqual(4);
    expect(errors(against(apps))).toEqual([]);
  }, 60_000);

  it('refuse, in an application, what is wiring', () => {
    const app = join(ROOT, 'examples', 'surface-probe.ts');
    const program = against([], {
      [app]: [
        "import { createEndpoint, loadConfigFile } from 'custlink/server';",
        "import { checkTimestamp } from 'custlink';",
        "const endpoint = await createEndpoint(loadConfigFile('custlink.yaml'), { checkStoredForm: true });",
        "endpoint.route('/customer');",
        'void checkTimestamp;',
      ].join('\n'),
    });
    const found = errors(program).join('\n');
    expect(found).toMatch(/'checkStoredForm' does not exist in type 'EndpointOptions'/);
    expect(found).toMatch(/Property 'route' does not exist on type 'Endpoint'/);
    expect(found).toMatch(/has no exported member '?checkTimestamp'?/);
  }, 60_000);
});
