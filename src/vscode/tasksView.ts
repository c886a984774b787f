import * as vscode from 'vscode';

/**
 * The "Suggested Tasks" view. Until task sources exist it has no items, so VS Code shows the
 * welcome content from package.json; registering a provider keeps the view from saying
 * "no data provider".
 */
export function registerTasksView(): vscode.Disposable {
  const empty: vscode.TreeDataProvider<never> = {
    getTreeItem: (element) => element,
    getChildren: () => [],
  };
  return vscode.window.createTreeView('handsOn.tasks', { treeDataProvider: empty });
}
