// Time as a dependency: production reads the system clock, tests pass a FixedClock.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class FixedClock implements Clock {
  #ms: number;
  constructor(start: Date | string = '2026-11-29T12:00:00Z') {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(seconds: number): void {
    this.#ms += seconds * 1000;
  }
  set(to: Date | string): void {
    this.#ms = new Date(to).getTime();
  }
}
