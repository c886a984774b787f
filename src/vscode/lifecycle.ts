import * as vscode from 'vscode';

/** Owns disposables so that nothing registered can leak: dispose the owner, everything goes. */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected _register<T extends vscode.Disposable>(value: T): T {
    if (this.disposed) {
      value.dispose();
    } else {
      this.owned.push(value);
    }
    return value;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    for (const value of this.owned.splice(0).reverse()) {
      value.dispose();
    }
  }
}
