import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { pickLocale } from './text.ts';

describe('the language of an answer', () => {
  it.each([
    [undefined, 'en'],
    ['de', 'de'],
    ['de-AT,de;q=0.9,en;q=0.8', 'de'],
    ['fr-FR,de;q=0.7,en;q=0.8', 'en'],
    ['fr-FR,de;q=0.9,en;q=0.8', 'de'],
    ['fr, it', 'en'],
    ['de;q=0, en', 'en'],
    ['EN-gb', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(pickLocale(header)).toBe(expected);
  });
});

describe('the service’s error messages', () => {
  it('are the catalogues’ messages wherever an error is raised, never a sentence written in code', () => {
    const root = join(import.meta.dirname, '..', '..');
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return walk(path);
        return entry.name.endsWith('.ts') && !entry.name.includes('.test.') ? [path] : [];
      });
    })(join(root, 'server'));
    const englishOnly: string[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (
          ts.isNewExpression(node) &&
          ts.isIdentifier(node.expression) &&
          (node.expression.text === 'DomainError' || node.expression.text === 'HttpError')
        ) {
          const message = node.arguments?.[2];
          if (
            message &&
            (ts.isStringLiteral(message) ||
              ts.isNoSubstitutionTemplateLiteral(message) ||
              ts.isTemplateExpression(message))
          ) {
            const { line } = source.getLineAndCharacterOfPosition(message.getStart());
            englishOnly.push(`${relative(root, file)}:${line + 1}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(englishOnly).toEqual([]);
  });
});
