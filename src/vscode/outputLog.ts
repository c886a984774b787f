import * as vscode from 'vscode';

/**
 * The "Hands-On" output channel. Problems that repeat on every load (a corrupt line, git missing)
 * are logged once per key per session, so the log stays readable.
 */
export class OutputLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Hands-On', { log: true });
  private readonly reported = new Set<string>();

  /** `mirrorToConsole`: tests read the host's console, not the output channel. */
  constructor(private readonly mirrorToConsole = false) {}

  info(message: string): void {
    this.channel.info(message);
  }

  warnOnce(key: string, message: string): void {
    if (this.reported.has(key)) {
      return;
    }
    this.reported.add(key);
    this.channel.warn(message);
  }

  error(message: string, error?: unknown): void {
    const line = error === undefined ? message : `${message}: ${describeError(error)}`;
    this.channel.error(line);
    if (this.mirrorToConsole) console.error(`[Hands-On] ${line}`);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
