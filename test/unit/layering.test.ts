/**
 * src/core must stay pure TypeScript: no editor, git, GitHub, file system, process or other Node API.
 * The detector parses each file with the TypeScript compiler, so comments and strings cannot fool it,
 * and it sees every form of import: static, type-only, re-export, require, import = require,
 * dynamic import() and import('…') types.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import ts from 'typescript';

const CORE_DIR = join(__dirname, '..', '..', 'src', 'core');
const FORBIDDEN_PACKAGES = new Set(['vscode', 'simple-git']);
const NODE_BUILTINS = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));

/** Why a module specifier may not appear in src/core, or undefined when it may. */
function forbiddenReason(specifier: string): string | undefined {
  if (specifier.startsWith('node:')) return 'Node built-in';
  if (FORBIDDEN_PACKAGES.has(specifier) || specifier.startsWith('vscode/')) return 'adapter-only package';
  if (specifier === '@octokit' || specifier.startsWith('@octokit/')) return 'adapter-only package';
  const root = specifier.split('/')[0]!;
  if (NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(root)) return 'Node built-in';
  return undefined;
}

/** Every module specifier the source refers to, in any import form. */
function moduleSpecifiers(source: string, fileName = 'sample.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined): void => {
    if (node && ts.isStringLiteralLike(node)) found.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isRequire || callee.kind === ts.SyntaxKind.ImportKeyword) literal(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function forbiddenImports(source: string): string[] {
  return moduleSpecifiers(source).filter((specifier) => forbiddenReason(specifier) !== undefined);
}

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFilesUnder(path);
    return /\.(c|m)?tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('layering: src/core is pure', () => {
  it('the detector catches every import form of a forbidden module', () => {
    const offending = [
      `import * as vscode from 'vscode';`,
      `import type { SimpleGit } from 'simple-git';`,
      `import { Octokit } from '@octokit/rest';`,
      `export { readFile } from 'fs';`,
      `import { readFile } from "fs/promises";`,
      `import { readFile } from 'node:fs/promises';`,
      `const cp = require('child_process');`,
      `import cp = require('node:child_process');`,
      `const m = await import('node:os');`,
      `import 'path';`,
      `let x: import('fs').Stats;`,
      `import { spawn } from 'node:child_process'; // a trailing comment`,
    ];
    for (const line of offending) assert.equal(forbiddenImports(line).length, 1, line);
  });

  it('the detector allows relative imports and ignores comments and strings', () => {
    const clean = [
      `import type { LocalDay } from './model';`,
      `export * from './ports';`,
      `// import * as fs from 'fs';`,
      `/* require('vscode') */ const text = "import x from 'vscode'";`,
      `const fsLike = 'fs';`,
    ].join('\n');
    assert.deepEqual(forbiddenImports(clean), []);
    assert.deepEqual(moduleSpecifiers(clean), ['./model', './ports']);
  });

  it('no file under src/core imports vscode, simple-git, @octokit, fs, child_process or any Node built-in', () => {
    const files = tsFilesUnder(CORE_DIR);
    assert.ok(files.length >= 2, `expected core files under ${CORE_DIR}`);
    const violations = files.flatMap((file) =>
      moduleSpecifiers(readFileSync(file, 'utf8'), file)
        .filter((specifier) => forbiddenReason(specifier) !== undefined)
        .map((specifier) => `${relative(CORE_DIR, file)}: '${specifier}' (${forbiddenReason(specifier)})`),
    );
    assert.deepEqual(violations, []);
  });
});
