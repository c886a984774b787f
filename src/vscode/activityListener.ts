import * as vscode from 'vscode';
import { Disposable } from './lifecycle';

/** Documents whose changes are the user's own work; output panes and logs also fire change events. */
const USER_SCHEMES = new Set(['file', 'untitled', 'vscode-notebook-cell', 'vscode-remote', 'vscode-userdata']);

/** Receives one call per counted editor event; must stay O(1) with no I/O. */
export type ActivitySink = (uri: vscode.Uri | undefined, languageId: string) => void;

/**
 * Turns editor, debug, task and terminal events into activity, counted only while this window
 * is focused (an unfocused window is not the user working).
 */
export class ActivityListener extends Disposable {
  constructor(private readonly sink: ActivitySink) {
    super();
    const fromDocument = (document: vscode.TextDocument): void => {
      if (USER_SCHEMES.has(document.uri.scheme)) {
        this.emit(document.uri, document.languageId);
      }
    };
    // Debugging, tasks and the terminal have no document; they count for the active editor's repo
    // under a pseudo-language so the split by language stays truthful.
    const fromTool = (tool: 'debug' | 'task' | 'terminal') => (): void =>
      this.emit(vscode.window.activeTextEditor?.document.uri, tool);

    this._register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) {
          fromDocument(event.document);
        }
      }),
    );
    this._register(vscode.workspace.onDidSaveTextDocument(fromDocument));
    this._register(vscode.window.onDidChangeTextEditorSelection((event) => fromDocument(event.textEditor.document)));
    this._register(vscode.window.onDidChangeActiveTextEditor((editor) => editor && fromDocument(editor.document)));
    this._register(vscode.debug.onDidStartDebugSession(fromTool('debug')));
    this._register(vscode.debug.onDidChangeActiveDebugSession(fromTool('debug')));
    this._register(vscode.debug.onDidChangeBreakpoints(fromTool('debug')));
    this._register(vscode.tasks.onDidStartTask(fromTool('task')));
    this._register(vscode.tasks.onDidEndTask(fromTool('task')));
    this._register(vscode.window.onDidOpenTerminal(fromTool('terminal')));
    this._register(vscode.window.onDidChangeActiveTerminal(fromTool('terminal')));
    this._register(vscode.window.onDidChangeTerminalState(fromTool('terminal')));
    this._register(vscode.window.onDidStartTerminalShellExecution(fromTool('terminal')));
    this._register(vscode.window.onDidEndTerminalShellExecution(fromTool('terminal')));
  }

  private emit(uri: vscode.Uri | undefined, languageId: string): void {
    if (vscode.window.state.focused) {
      this.sink(uri, languageId);
    }
  }
}
