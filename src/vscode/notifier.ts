import * as vscode from 'vscode';

/**
 * The one gateway for notifications. Every message has a suppression key and a "Don't Show Again"
 * button, and a key is shown at most once per session, so a fault that repeats never turns into noise.
 */
export class Notifier {
  private readonly shownThisSession = new Set<string>();

  constructor(private readonly state: vscode.Memento) {}

  /** Shows `message` unless suppressed; resolves to the chosen action title, if any. */
  warn(key: string, message: string, ...actions: string[]): Promise<string | undefined> {
    return this.show('warning', key, message, actions, true);
  }

  /** Like `warn`, for news the user asked for (a timer ending); may repeat within a session. */
  inform(key: string, message: string, ...actions: string[]): Promise<string | undefined> {
    return this.show('info', key, message, actions, false);
  }

  /** True once the user chose "Don't Show Again" for `key`, in any window. */
  isSuppressed(key: string): boolean {
    return this.state.get<boolean>(suppressionKey(key)) === true;
  }

  private async show(severity: 'info' | 'warning', key: string, message: string, actions: string[], oncePerSession: boolean): Promise<string | undefined> {
    if ((oncePerSession && this.shownThisSession.has(key)) || this.isSuppressed(key)) {
      return undefined;
    }
    this.shownThisSession.add(key);
    const dontShowAgain = vscode.l10n.t("Don't Show Again");
    const showMessage = severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const choice = await showMessage(message, ...actions, dontShowAgain);
    if (choice === dontShowAgain) {
      await this.state.update(suppressionKey(key), true);
      return undefined;
    }
    return choice;
  }
}

const suppressionKey = (key: string): string => `handsOn.suppressed.${key}`;
