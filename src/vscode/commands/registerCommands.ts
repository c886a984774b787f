import * as vscode from 'vscode';
import type { ActivityInterval } from '../../core/model';
import { CommandIds } from '../commandIds';
import { exportActivityData, type ExportRequest } from './exportData';
import { showCodingStats } from './showStats';

export interface CommandHandlers {
  readonly togglePrivacy: () => Promise<void>;
  readonly setPaused: (paused: boolean) => Promise<void>;
  /** Every interval ever recorded, this window's unsaved ones included. */
  readonly exportIntervals: () => Promise<ActivityInterval[]>;
  readonly today: () => string;
}

/** Registers every palette command; one Disposable for all of them. */
export function registerCommands(handlers: CommandHandlers): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandIds.showStats, showCodingStats),
    vscode.commands.registerCommand(CommandIds.togglePrivacy, handlers.togglePrivacy),
    vscode.commands.registerCommand(CommandIds.pauseTracking, () => handlers.setPaused(true)),
    vscode.commands.registerCommand(CommandIds.resumeTracking, () => handlers.setPaused(false)),
    vscode.commands.registerCommand(CommandIds.exportData, (request?: ExportRequest) =>
      exportActivityData(handlers.exportIntervals, handlers.today(), request),
    ),
  );
}
