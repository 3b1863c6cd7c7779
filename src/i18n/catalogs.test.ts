import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { catalogPartOf } from '../../i18n/catalog-parts.ts';
import { argumentsOf } from '../../i18n/arguments.ts';
import { readMessageText } from '../../i18n/message.ts';
import { signInRequestSchema } from '../../contract/api.ts';

const root = join(import.meta.dirname, '..', '..');
const catalog = (locale: string) =>
  JSON.parse(readFileSync(join(root, 'i18n', `${locale}.json`), 'utf8')) as Record<string, string>;
const en = catalog('en');
const de = catalog('de');

function sourceFiles(dir: string, extension: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path, extension);
    return extension.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const consoleFiles = sourceFiles(join(root, 'src'), /\.tsx?$/);
/** Everything that names messages: the console, the contract, the service, the demo PBX and the demo's handlers. */
const productFiles = [
  ...consoleFiles,
  ...['contract', 'server', 'sim', 'mocks'].flatMap((dir) => sourceFiles(join(root, dir), /\.tsx?$/)),
];
const LETTERS = /\p{L}{2,}/u;
/** Attributes people read or hear: a literal here is a string that no catalogue holds. */
const SPOKEN_ATTRIBUTES = new Set([
  'title',
  'aria-label',
  'placeholder',
  'alt',
  'label',
  'description',
  'confirmLabel',
  'submitLabel',
  'pendingLabel',
  'hint',
]);
/** Words that are the same in every language (the product's name), and the names of keys and DOM errors. */
const UNTRANSLATED = new Set([
  'Hotdesk',
  'Escape',
  'Enter',
  'Delete',
  'Backspace',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Tab',
  'Shift',
  'AbortError',
  // The myApps protocol's message type and the HTTP authentication scheme.
  'Login',
  'Bearer',
  // Each language's name in its own words, so that anyone can find theirs.
  'English',
  'Deutsch',
]);
/** Code the console shows to be copied (a PowerShell script), examples in fields, errors for developers only. */
const CODE = /^(Invoke-RestMethod|index\.html has no|https:\/\/|PC-B1-)/;
/** A string that reads as words: "Log out", "Free" (not "desk-table", "board.lead" or "2-digit"). */
const WORDS = /\p{L}{2,}\s+\p{L}|^\p{Lu}\p{Ll}+$/u;

/** The strings of a component file that are shown to people without going through a catalogue. */
function literalsIn(file: string): string[] {
  const source = parse(file);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const trimmed = text.trim();
    if (LETTERS.test(trimmed) && !UNTRANSLATED.has(trimmed) && !CODE.test(trimmed)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${relative(root, file)}:${line + 1} ${JSON.stringify(trimmed)}`);
    }
  };
  /** Inside an attribute people do not read (className, fallback, footer…): only the JSX in it is read. */
  const visitJsxOnly = (node: ts.Node): void => {
    if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) visit(node);
    else ts.forEachChild(node, visitJsxOnly);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isJsxAttribute(node) && !SPOKEN_ATTRIBUTES.has(node.name.getText())) {
      if (node.initializer) visitJsxOnly(node.initializer);
      return;
    }
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && WORDS.test(node.text.trim())) {
      if (!ts.isJsxAttribute(node.parent)) report(node, node.text);
    }
    if (ts.isTemplateExpression(node) && WORDS.test(node.head.text.trim())) report(node, node.head.text);
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxAttribute(node) && SPOKEN_ATTRIBUTES.has(node.name.getText()) && node.initializer) {
      const value = node.initializer;
      if (ts.isStringLiteral(value)) report(value, value.text);
      else if (ts.isJsxExpression(value) && value.expression) {
        const expression = value.expression;
        if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression))
          report(expression, expression.text);
        else if (ts.isTemplateExpression(expression)) report(expression, expression.head.text);
      }
    } else if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteral(node.expression)) {
      if (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) report(node.expression, node.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function parse(file: string): ts.SourceFile {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

/** The files a module needs before it runs: its static imports (not `import()`, not types), transitively. */
function staticImports(entry: string): string[] {
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    found.add(file);
    for (const statement of parse(file).statements) {
      const runtime =
        (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly !== true) ||
        (ts.isExportDeclaration(statement) && !statement.isTypeOnly);
      const specifier = runtime ? statement.moduleSpecifier : undefined;
      if (specifier && ts.isStringLiteral(specifier) && /^\.{1,2}\/.*\.tsx?$/.test(specifier.text))
        visit(resolve(dirname(file), specifier.text));
    }
  };
  visit(entry);
  return [...found];
}

/** The catalogue keys a file names (`t('board.title')`, or a key in a table of labels). */
function keysNamedIn(file: string): string[] {
  const keys: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && node.text in en) keys.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  return keys;
}

describe('the message catalogues', () => {
  it('hold the same messages in English and German', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    const empty = Object.entries(de).filter(([, message]) => message.trim() === '');
    expect(empty).toEqual([]);
  });

  it('are valid ICU messages, and each German message uses the arguments of the English one', () => {
    const mismatched = Object.keys(en).filter(
      (key) => argumentsOf(en[key] ?? '').join() !== argumentsOf(de[key] ?? '').join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('hold no message nothing uses', () => {
    const code = productFiles.map((file) => readFileSync(file, 'utf8')).join('\n');
    const unused = Object.keys(en).filter((key) => !code.includes(`'${key}'`) && !code.includes(`"${key}"`));
    expect(unused).toEqual([]);
  });

  it('are given the values each message names, wherever code says one (`msg`, `messageText`, `say`, `said`)', () => {
    const wrong = productFiles.flatMap((file) => {
      const found: string[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
          const at = { msg: 0, messageText: 0, say: 1, said: 0 }[node.expression.text];
          const id = at === undefined ? undefined : node.arguments[at];
          if (at !== undefined && id && ts.isStringLiteral(id) && id.text in en) {
            const values = node.arguments[at + 1];
            const names =
              values === undefined
                ? []
                : ts.isObjectLiteralExpression(values) && values.properties.every((p) => !ts.isSpreadAssignment(p))
                  ? values.properties.map((property) => property.name?.getText() ?? '').sort()
                  : null;
            if (names !== null && names.join() !== argumentsOf(en[id.text] ?? '').join()) {
              const { line } = node.getSourceFile().getLineAndCharacterOfPosition(node.getStart());
              found.push(`${relative(root, file)}:${line + 1} ${id.text} (${names.join()})`);
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(parse(file));
      return found;
    });
    expect(wrong).toEqual([]);
  });

  it('keep the service’s own messages out of the console’s parts', () => {
    const consoleCode = consoleFiles.map((file) => readFileSync(file, 'utf8')).join('\n');
    const service = Object.keys(en).filter((key) => catalogPartOf(key) === 'service');
    expect(service.length).toBeGreaterThan(100);
    expect(service.filter((key) => consoleCode.includes(`'${key}'`))).toEqual([]);
  });

  it("load what the first screen shows with the first script; the sections' messages come with them", () => {
    const firstScript = staticImports(join(root, 'src', 'main.tsx'));
    expect(firstScript.map((file) => relative(root, file))).toContain('src/app/layout/app-layout.tsx');
    // The first script imports the contract's schemas for their types and limits; their messages show only in the
    // forms that validate with them, all in sections (which load their part first), but for sign-in's (below).
    const showing = firstScript.filter((file) => !relative(root, file).startsWith('contract/'));
    const used = showing.flatMap((file) => keysNamedIn(file).map((key) => `${relative(root, file)}: ${key}`));
    expect(used.length).toBeGreaterThan(50);
    const missing = used.filter((entry) => catalogPartOf(entry.split(': ')[1] ?? '') !== 'first-screen');
    expect(missing).toEqual([]);
    const signIn = signInRequestSchema.safeParse({ username: '', password: '' }).error?.issues ?? [];
    const signInIds = signIn.map((issue) => readMessageText(issue.message)?.id ?? issue.message);
    expect(signInIds).toHaveLength(2);
    expect(signInIds.filter((id) => catalogPartOf(id) !== 'first-screen')).toEqual([]);
  });

  it('hold every string the console shows: no text in a component bypasses them', () => {
    const literals = consoleFiles.flatMap(literalsIn);
    expect(literals).toEqual([]);
  });
});
