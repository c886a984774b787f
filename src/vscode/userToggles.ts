import * as vscode from 'vscode';
import { ContextKeys } from './commandIds';

/**
 * The two switches a user flips: privacy and paused tracking. They are machine-local preferences,
 * not records, so globalState suits them; each is mirrored to a context key for `when` clauses.
 */
export class UserToggles {
  constructor(private readonly state: vscode.Memento) {}

  get privacy(): boolean {
    return this.state.get<boolean>('handsOn.privacy', false);
  }

  get paused(): boolean {
    return this.state.get<boolean>('handsOn.paused', false);
  }

  async setPrivacy(value: boolean): Promise<void> {
    await this.state.update('handsOn.privacy', value);
    await vscode.commands.executeCommand('setContext', ContextKeys.privacy, value);
  }

  async setPaused(value: boolean): Promise<void> {
    await this.state.update('handsOn.paused', value);
    await vscode.commands.executeCommand('setContext', ContextKeys.trackingPaused, value);
  }

  /** Context keys start unset in every window; publish the stored values once. */
  publish(): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.privacy, this.privacy);
    void vscode.commands.executeCommand('setContext', ContextKeys.trackingPaused, this.paused);
  }
}
