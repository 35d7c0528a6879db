import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One `@example` block: where it is and its code, the JSDoc's ` * ` taken off each line. */
interface JsdocExample {
  file: string;
  /** 1-based line of the example's first code line. */
  line: number;
  code: string[];
}

/** A compile error in an example, at the line of the source file that holds it. */
export interface ExampleError {
  at: string;
  message: string;
}

/**
 * The `@example` blocks of a TypeScript source text: from the tag's line to the next tag or the
 * end of the comment.
 *
 * @example
 * extractExamples('src/a.ts', '/**\n * @example\n * a(1) // 2\n *\/\nexport function a() {}')
 * // [{ file: 'src/a.ts', line: 3, code: ['a(1) // 2'] }]
 */
function extractExamples(file: string, text: string): JsdocExample[] {
  const lines = text.split('\n');
  const examples: JsdocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const tag = /^\s*\* @example\b(.*)$/.exec(lines[i]!);
    if (tag === null) continue;
    const code: string[] = tag[1]!.trim() === '' ? [] : [tag[1]!.trim()];
    const start = tag[1]!.trim() === '' ? i + 2 : i + 1;
    let j = i + 1;
    for (; j < lines.length && !/^\s*\*\//.test(lines[j]!) && !/^\s*\* @\w/.test(lines[j]!); j++) code.push(lines[j]!.replace(/^\s*\* ?/, ''));
    examples.push({ file, line: start, code });
    i = j - 1;
  }
  return examples;
}

/** `custlink/server` → src/server/index.ts: each entry of package.json's `exports` by its source. */
function entrySources(root: string): Map<string, string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; exports: Record<string, string | { default: string }> };
  const entries = new Map<string, string>();
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const js = typeof target === 'string' ? target : target.default;
    if (!js.endsWith('.js')) continue;
    entries.set(join(pkg.name, subpath).replace(/\/\.$/, '').replace(/\\/g, '/'), join(root, js.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')));
  }
  return entries;
}

/** "Cannot find name 'x'", and `{ x }` with no `x` in scope. */
const UNDEFINED_NAME = new Set([2304, 18004]);
/** "Parameter 'x' implicitly has an 'any' type" and its kin for binding patterns and variables. */
const IMPLICIT_ANY = new Set([7005, 7006, 7031, 7034]);

/** "Cannot find name 'x'. Did you mean 'y'?" */
const DID_YOU_MEAN = 2552;

/**
 * A suggestion of a lib's global (`command` → DOM's `oncommand`) is no sign of a misspelt project
 * name; TypeScript points at where a suggestion is declared only when that is another file.
 */
const suggestsLib = ({ relatedInformation = [] }: ts.Diagnostic): boolean =>
  relatedInformation.length > 0 && relatedInformation.every((info) => info.file !== undefined && /[\\/]node_modules[\\/]/.test(info.file.fileName));

interface Placed extends JsdocExample {
  /** 0-based line in the checked text where the example's code begins. */
  from: number;
  to: number;
  imports: { names: string[]; from: string; line: number }[];
}

/**
 * Typechecks every `@example` of the given source files in the scope of its own file: the file's
 * imports and top-level names, as a reader of that file sees them. The convention:
 * - a name the example does not define and the file does not have (`config`, `request`, `key`) is
 *   an input the reader supplies, and is checked as `any`; a name for which TypeScript suggests a
 *   near spelling in the project ("Did you mean") is an error, so a misspelt function does not pass as an input;
 * - `import { a } from 'custlink/server'` lines show an application's import: each name must be
 *   exported by that entry of the package (its source under src/), and is then used from the file's scope;
 * - a leading `export` (an example showing a module of the app) is checked without it.
 * Returns the errors at the example's line in its file, and how many examples were checked.
 * `edited` replaces a file's text (by its path under `root`), for a test of the check itself.
 *
 * @example
 * const { checked, errors } = checkExamples(ROOT, ['src/server/ops/ip-allow.ts']);
 * errors // [] when every example there compiles
 */
export function checkExamples(root: string, files: readonly string[], edited: ReadonlyMap<string, string> = new Map()): { checked: number; errors: ExampleError[] } {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (parsed === undefined) throw new Error('tsconfig.build.json did not parse');
  const options = { ...parsed.options, noEmit: true, declaration: false, sourceMap: false };
  const entries = entrySources(root);
  const placed = new Map<string, { text: string; examples: Placed[] }>();
  for (const file of files) {
    const absolute = join(root, file);
    const text = edited.get(file) ?? readFileSync(absolute, 'utf8');
    placed.set(absolute, { text, examples: extractExamples(file, text).map((example) => ({ ...example, from: 0, to: 0, imports: [] })) });
  }

  const errors: ExampleError[] = [];
  let inputs = new Map<Placed, Set<string>>();
  let program: ts.Program | undefined;
  // Twice: the first run finds each example's inputs (names nobody defines), the second declares them.
  for (const pass of [1, 2]) {
    const texts = new Map<string, string>();
    for (const [absolute, { text, examples }] of placed) {
      const out = [...text.split('\n'), ''];
      const top = out.length - 1;
      const hoisted: string[] = [];
      examples.forEach((example, n) => {
        example.imports = [];
        const body: string[] = [];
        example.code.forEach((line, k) => {
          const imported = /^import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';?\s*(\/\/.*)?$/.exec(line);
          if (imported !== null && entries.has(imported[2]!)) {
            example.imports.push({ names: imported[1]!.split(',').map((name) => name.trim().replace(/^type\s+/, '')).filter(Boolean), from: imported[2]!, line: example.line + k });
            body.push('');
          } else if (/^import\s/.test(line)) {
            // Another module's import (`node:cluster`, `pg`) goes to the module's top, where imports live.
            hoisted.push(line);
            body.push('');
          } else body.push(line.replace(/^export\s+(?=(const|let|function|async|class|default)\b)/, ''));
        });
        const declared = [...(inputs.get(example) ?? [])].map((name) => `let ${name}: any; type ${name} = any;`).join(' ');
        out.push(`async function __custlinkExample${n}() { ${declared}`);
        example.from = out.length;
        out.push(...body);
        example.to = out.length;
        out.push('}');
      });
      // All on the one line between the file and its examples, so that no example's line moves.
      out[top] = hoisted.join(' ');
      texts.set(absolute, out.join('\n'));
    }
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) => {
      const text = texts.get(name);
      return text === undefined ? getSourceFile(name, language, ...rest) : ts.createSourceFile(name, text, language, true);
    };
    host.readFile = (name) => texts.get(name) ?? ts.sys.readFile(name);
    program = ts.createProgram({ rootNames: parsed.fileNames, options, host, ...(program && { oldProgram: program }) });
    const found = new Map<Placed, Set<string>>();
    const failures: ExampleError[] = [];
    for (const [absolute, { examples }] of placed) {
      const source = program.getSourceFile(absolute);
      if (source === undefined) throw new Error(`${absolute} is not in tsconfig.build.json's program`);
      for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
        const line = diagnostic.start === undefined ? -1 : source.getLineAndCharacterOfPosition(diagnostic.start).line;
        const example = examples.find((e) => line >= e.from && line < e.to);
        const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
        if (example === undefined) {
          failures.push({ at: `${relative(root, absolute)}:${line + 1}`, message: `outside any example (the checker's wrapping): ${message}` });
          continue;
        }
        // A callback's parameter on an input (`any`) has no type to take; that is the input's doing.
        if (IMPLICIT_ANY.has(diagnostic.code)) continue;
        if ((UNDEFINED_NAME.has(diagnostic.code) || (diagnostic.code === DID_YOU_MEAN && suggestsLib(diagnostic))) && pass === 1) {
          const name = /(?:Cannot find name|shorthand property) '([^']+)'/.exec(message)?.[1];
          if (name !== undefined) {
            if (!found.has(example)) found.set(example, new Set());
            found.get(example)!.add(name);
            continue;
          }
        }
        failures.push({ at: `${example.file}:${example.line + line - example.from}`, message });
      }
    }
    if (pass === 1) {
      inputs = found;
      continue;
    }
    errors.push(...failures);
    const checker = program.getTypeChecker();
    for (const { examples } of placed.values()) {
      for (const example of examples) {
        for (const { names, from, line } of example.imports) {
          const entry = program.getSourceFile(entries.get(from)!);
          const symbol = entry && checker.getSymbolAtLocation(entry);
          const exported = new Set(symbol === undefined ? [] : checker.getExportsOfModule(symbol).map((s) => s.name));
          for (const name of names) if (!exported.has(name)) errors.push({ at: `${example.file}:${line}`, message: `'${from}' does not export ${name}` });
        }
      }
    }
  }
  return { checked: [...placed.values()].reduce((n, { examples }) => n + examples.length, 0), errors };
}

/**
 * The package's source files that hold examples: src/ without its tests and test helpers.
 *
 * @example
 * exampleFiles(ROOT).includes('src/protocol/sign.ts') // true
 */
export function exampleFiles(root: string): string[] {
  return ts.sys
    .readDirectory(join(root, 'src'), ['.ts'], ['**/*.test.ts', '**/*.test.helper.ts', '**/test-utils/**'])
    .map((file) => relative(root, file))
    .filter((file) => readFileSync(join(root, file), 'utf8').includes('@example'))
    .sort();
}
