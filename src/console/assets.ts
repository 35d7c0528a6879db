import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BROWSER_DIR = new URL('./browser/', import.meta.url);
const SOURCE_MAP = /^\/\/# sourceMappingURL=.*$/m;

/** The page's script modules by file name (`main.js`), as the browser fetches them. */
export type BrowserModules = ReadonlyMap<string, string>;

async function transpile(source: string, file: string): Promise<string> {
  // Only when running from src/ (tests, tsx), where TypeScript is installed as a dev tool; a
  // build ships the compiled .js beside this file and never gets here.
  const ts = (await import('typescript')).default;
  const out = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, verbatimModuleSyntax: true },
  });
  return out.outputText;
}

/**
 * Loads the browser modules once at start: the compiled `browser/*.js` next to this module
 * after `npm run build`, or `browser/*.ts` compiled in memory when running from source. The
 * set is fixed here, so a request can only ever name one of these files.
 *
 * @example
 * const modules = await loadBrowserModules();
 * modules.get('main.js') // 'import { ... } from "./dom.js"; ...'
 */
export async function loadBrowserModules(): Promise<BrowserModules> {
  const dir = fileURLToPath(BROWSER_DIR);
  const files = readdirSync(dir);
  const compiled = files.filter((f) => f.endsWith('.js'));
  const modules = new Map<string, string>();
  if (compiled.length > 0) {
    for (const file of compiled) modules.set(file, readFileSync(new URL(file, BROWSER_DIR), 'utf8').replace(SOURCE_MAP, ''));
    return modules;
  }
  const sources = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'));
  for (const file of sources) {
    const code = await transpile(readFileSync(new URL(file, BROWSER_DIR), 'utf8'), file);
    modules.set(file.replace(/\.ts$/, '.js'), code.replace(SOURCE_MAP, ''));
  }
  return modules;
}
