import type { Clock } from '../core/ports';

/**
 * The wall clock, with an offset that only the integration tests move (through the extension's
 * test API in ExtensionMode.Test), so a test can "wait" minutes without sleeping.
 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
