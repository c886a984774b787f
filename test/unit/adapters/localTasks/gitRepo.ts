/** Real temporary git repositories for the local-task tests. No system or user git config leaks in. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitGateway, type GitResult, type GitRunOptions } from '../../../../src/adapters/gitProcess';

export const DAY_MS = 86_400_000;

/** A gateway that records every git command it runs, to prove what was (not) spawned. */
export class CountingGateway extends GitGateway {
  readonly calls: string[][] = [];
  override run(args: readonly string[], options: GitRunOptions & { maxOutputBytes?: number }): Promise<GitResult> {
    this.calls.push([...args]);
    return super.run(args, options);
  }
  override streamLines(args: readonly string[], options: GitRunOptions, onLine: (line: string) => void): Promise<GitResult> {
    this.calls.push([...args]);
    return super.streamLines(args, options, onLine);
  }
  /** The subcommand of each call (skipping leading `-c key=value` pairs). */
  commands(): string[] {
    return this.calls.map((args) => {
      let i = 0;
      while (args[i] === '-c') i += 2;
      return args[i]!;
    });
  }
}

export class TempRepos {
  readonly tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'hands-on-local-')));
  readonly home = path.join(this.tmp, 'home');
  readonly env: NodeJS.ProcessEnv;

  constructor() {
    mkdirSync(this.home);
    this.env = { PATH: process.env.PATH, HOME: this.home, USERPROFILE: this.home, GIT_CONFIG_NOSYSTEM: '1', LANG: 'C' };
  }

  gateway(): CountingGateway {
    return new CountingGateway({ env: { PATH: process.env.PATH, HOME: this.home, USERPROFILE: this.home } });
  }

  git(cwd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}, input?: string): string {
    return execFileSync('git', args, { cwd, env: { ...this.env, ...extraEnv }, encoding: 'utf8', input, maxBuffer: 64 << 20 }).trim();
  }

  init(name: string): string {
    const repo = path.join(this.tmp, name);
    mkdirSync(repo, { recursive: true });
    this.git(repo, ['init', '-q', '-b', 'main']);
    return repo;
  }

  write(repo: string, files: Record<string, string>): void {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
      writeFileSync(path.join(repo, rel), text);
    }
  }

  /** Writes `files`, stages everything (forced when asked) and commits at `daysAgo` for author and committer. */
  commit(repo: string, message: string, daysAgo: number, files: Record<string, string> = {}, force = false): string {
    this.write(repo, files);
    this.git(repo, ['add', '-A', ...(force ? ['-f', ...Object.keys(files)] : [])]);
    const when = `@${Math.floor((Date.now() - daysAgo * DAY_MS) / 1000)} +0000`;
    this.git(repo, ['commit', '-q', '--allow-empty', '-m', message], {
      GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_AUTHOR_DATE: when,
      GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.com', GIT_COMMITTER_DATE: when,
    });
    return this.git(repo, ['rev-parse', 'HEAD']);
  }

  dispose(): void {
    rmSync(this.tmp, { recursive: true, force: true });
  }
}
