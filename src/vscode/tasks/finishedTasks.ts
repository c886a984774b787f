import type * as vscode from 'vscode';
import { calibrate, type Calibration, type FinishedTask } from '../../core/calibration';

const KEY = 'handsOn.finishedTasks';
/** Enough for calibration (recent tasks weigh most), small enough for globalState. */
const KEEP = 200;

/** Tasks finished under the focus timer: the user's own pace, which calibrates later estimates. */
export class FinishedTasks {
  constructor(private readonly state: vscode.Memento) {}

  all(): FinishedTask[] {
    return this.state.get<FinishedTask[]>(KEY, []);
  }

  async add(task: FinishedTask): Promise<void> {
    await this.state.update(KEY, [...this.all(), task].slice(-KEEP));
  }

  calibration(now: number): Calibration {
    return calibrate(this.all(), now);
  }
}
