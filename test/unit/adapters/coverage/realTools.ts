/**
 * Runs real coverage tools in temp folders, so the parsers are tested on what tools really write.
 * Nothing is installed here: a missing tool makes its tests skip with the reason (npm test
 * provisions them: c8 is a devDependency; python3-coverage and libjacoco-java are Debian packages).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `hands-on-${prefix}-`));
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.error ?? ''}${result.stderr}`);
}

function resolveOrUndefined(id: string): string | undefined {
  try {
    return require.resolve(id);
  } catch {
    return undefined;
  }
}

export function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

// ---- JavaScript through c8 -------------------------------------------------------------------

/** Lines 8–9 (the throw) and 13–16 (`unused`) never run. */
export const CALC_JS = `'use strict';
function add(a, b) {
  return a + b;
}

function divide(a, b) {
  if (b === 0) {
    throw new Error('division by zero');
  }
  return a / b;
}

function unused(x) {
  const y = x * 2;
  return y + 1;
}

module.exports = { add, divide, unused };
`;
export const CALC_JS_UNCOVERED = [8, 9, 13, 14, 15, 16];

export const C8_MISSING = 'c8 is not installed (devDependency; run npm ci)';

/** A project with src/calc.js exercised by test/run.js, and c8's lcov, json, cobertura and clover in coverage/. */
export function makeC8Project(): string | undefined {
  const c8 = resolveOrUndefined('c8/bin/c8.js');
  if (!c8) return undefined;
  const dir = tempDir('c8');
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'test'));
  writeFileSync(join(dir, 'src', 'calc.js'), CALC_JS);
  writeFileSync(join(dir, 'test', 'run.js'), `const { add, divide } = require('../src/calc');\nadd(1, 2);\ndivide(4, 2);\n`);
  const reporters = ['lcov', 'json', 'cobertura', 'clover'].flatMap((r) => ['--reporter', r]);
  run(process.execPath, [c8, ...reporters, '--report-dir', 'coverage', '--exclude', 'test/**', process.execPath, 'test/run.js'], dir);
  return dir;
}

// ---- Python through Debian's python3-coverage ------------------------------------------------

/** Lines 7 (the raise) and 12–13 (`unused`) never run. */
export const CALC_PY = `"""A tiny module for coverage."""


def divide(a, b):
    """Divide, refusing zero."""
    if b == 0:
        raise ValueError("division by zero")
    return a / b


def unused(x):
    y = x * 2
    return y + 1
`;
export const CALC_PY_UNCOVERED = [7, 12, 13];

export const PYTHON_COVERAGE_MISSING = 'python3-coverage is not installed (Debian package python3-coverage)';

/** A project with pkg/calc.py run by run_calc.py under python3-coverage, and its Cobertura `coverage.xml`. */
export function makePythonProject(): string | undefined {
  if (!onPath('python3-coverage')) return undefined;
  const dir = tempDir('py');
  mkdirSync(join(dir, 'pkg'));
  writeFileSync(join(dir, 'pkg', '__init__.py'), '');
  writeFileSync(join(dir, 'pkg', 'calc.py'), CALC_PY);
  writeFileSync(join(dir, 'run_calc.py'), 'from pkg.calc import divide\n\ndivide(4, 2)\n');
  run('python3-coverage', ['run', '--source=pkg', 'run_calc.py'], dir);
  run('python3-coverage', ['xml', '-o', 'coverage.xml'], dir);
  return dir;
}

// ---- Java through Debian's JaCoCo library ----------------------------------------------------

/** Lines 10 (the throw), 16–17 (`unused`) and 3 (the implicit constructor) never run. */
export const CALC_JAVA = `package com.example;

public class Calc {
    public static int add(int a, int b) {
        return a + b;
    }

    public static int divide(int a, int b) {
        if (b == 0) {
            throw new IllegalArgumentException("division by zero");
        }
        return a / b;
    }

    public static int unused(int x) {
        int y = x * 2;
        return y + 1;
    }

    public static void main(String[] args) {
        add(1, 2);
        divide(4, 2);
    }
}
`;
export const CALC_JAVA_UNCOVERED = [3, 10, 16, 17];

const JACOCO_JARS = ['org.jacoco.core.jar', 'org.jacoco.report.jar', 'asm.jar', 'asm-commons.jar', 'asm-tree.jar'].map((jar) => `/usr/share/java/${jar}`);

export const JACOCO_MISSING = 'JaCoCo or a JDK is missing (Debian packages libjacoco-java and a JDK with javac)';

/**
 * A Maven-layout project (src/main/java/com/example/Calc.java) whose class JaCoCo instruments,
 * runs and reports as `target/site/jacoco/jacoco.xml`. Debian ships JaCoCo's libraries but not its
 * CLI, so fixtures/JacocoReport.java drives the library API (JaCoCo's own "core tutorial" flow).
 */
export function makeJavaProject(): string | undefined {
  if (!onPath('javac') || !onPath('java') || !JACOCO_JARS.every((jar) => existsSync(jar))) return undefined;
  const dir = tempDir('java');
  const sources = join(dir, 'src', 'main', 'java');
  mkdirSync(join(sources, 'com', 'example'), { recursive: true });
  mkdirSync(join(dir, 'target', 'classes'), { recursive: true });
  mkdirSync(join(dir, 'target', 'site', 'jacoco'), { recursive: true });
  writeFileSync(join(sources, 'com', 'example', 'Calc.java'), CALC_JAVA);
  // --release 11: class files JaCoCo 0.8.6 (Debian 12's) can read; -g: line numbers.
  run('javac', ['--release', '11', '-g', '-d', 'target/classes', 'src/main/java/com/example/Calc.java'], dir);
  const driver = join(__dirname, 'fixtures', 'JacocoReport.java');
  run('java', ['-cp', JACOCO_JARS.join(':'), driver, 'com.example.Calc', 'target/classes', 'src/main/java', 'target/site/jacoco/jacoco.xml'], dir);
  return dir;
}
