import { describe, expect, it } from '@jest/globals';
import { PollingLoop } from './polling-loop';

describe('PollingLoop', () => {
  it('runs again at once while the step answers 0, and waits the delay it answers otherwise', async () => {
    const runs: number[] = [];
    let reachedWait!: () => void;
    const waiting = new Promise<void>((resolve) => (reachedWait = resolve));
    const loop = new PollingLoop(async () => {
      runs.push(Date.now());
      if (runs.length < 3) return 0;
      reachedWait();
      return 60_000;
    });
    loop.start();
    await waiting;
    expect(runs).toHaveLength(3);
    // Stopping cuts the minute's wait short: the test would time out otherwise.
    await loop.stop();
    expect(runs).toHaveLength(3);
  });

  it('lets the step in progress finish before stop resolves', async () => {
    let finished = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const loop = new PollingLoop(async () => {
      started();
      await new Promise((resolve) => setImmediate(resolve));
      finished = true;
      return 1000;
    });
    loop.start();
    await running;
    await loop.stop();
    expect(finished).toBe(true);
  });

  it('runs the next step at once when nudged, also when nudged during a step', async () => {
    let steps = 0;
    let release!: () => void;
    const stepWaits: (() => void)[] = [];
    const loop = new PollingLoop(async () => {
      steps += 1;
      stepWaits.splice(0).forEach((notify) => notify());
      if (steps === 2) await new Promise<void>((resolve) => (release = resolve));
      return 60_000;
    });
    const nextStep = () => new Promise<void>((resolve) => stepWaits.push(resolve));
    let next = nextStep();
    loop.start();
    await next; // step 1 ran; the loop now waits a minute
    next = nextStep();
    loop.nudge();
    await next; // step 2 runs, and is nudged while it runs
    next = nextStep();
    loop.nudge();
    release();
    await next; // so step 3 follows without the minute's wait
    expect(steps).toBe(3);
    await loop.stop();
  });
});
