import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Batcher } from './batcher';

describe('Batcher', () => {
  it('runs requests that arrive together as one batch, each answered with its own output', async () => {
    const runs: number[][] = [];
    const batcher = new Batcher<number, string>(async (inputs) => {
      runs.push(inputs);
      return inputs.map((input) => `#${input}`);
    }, 10);
    const outputs = await Promise.all([1, 2, 3].map((input) => batcher.submit('ws', input)));
    expect(outputs).toEqual(['#1', '#2', '#3']);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('keeps keys apart and respects the batch size', async () => {
    const runs: string[][] = [];
    const batcher = new Batcher<string, string>(async (inputs) => {
      runs.push(inputs);
      return inputs;
    }, 2);
    await Promise.all(['a1', 'a2', 'a3', 'b1'].map((input) => batcher.submit(input[0], input)));
    expect(runs).toHaveLength(3);
    expect(runs).toEqual(expect.arrayContaining([['a1', 'a2'], ['a3'], ['b1']]));
  });

  it('when a batch fails, runs each alone: only the bad request fails', async () => {
    const runs: number[][] = [];
    const batcher = new Batcher<number, number>(async (inputs) => {
      runs.push(inputs);
      if (inputs.includes(2)) throw new Error('bad 2');
      return inputs;
    }, 10);
    const results = await Promise.allSettled([1, 2, 3].map((input) => batcher.submit('ws', input)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(runs).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  describe('with a linger', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('lets a lone request wait that long for company, then runs them together', async () => {
      jest.useFakeTimers();
      const runs: number[][] = [];
      const batcher = new Batcher<number, number>(
        async (inputs) => {
          runs.push(inputs);
          return inputs;
        },
        10,
        50,
      );
      const first = batcher.submit('ws', 1);
      await jest.advanceTimersByTimeAsync(30);
      expect(runs).toEqual([]);
      const second = batcher.submit('ws', 2);
      await jest.advanceTimersByTimeAsync(20);
      expect(await Promise.all([first, second])).toEqual([1, 2]);
      expect(runs).toEqual([[1, 2]]);
    });

    it('lets each later run wait for company too, unless a full batch is in', async () => {
      jest.useFakeTimers();
      const runs: number[][] = [];
      let release!: () => void;
      const gate = new Promise<void>((done) => (release = done));
      const batcher = new Batcher<number, number>(
        async (inputs) => {
          runs.push(inputs);
          if (runs.length === 1) await gate;
          return inputs;
        },
        3,
        50,
      );
      const answers = [batcher.submit('ws', 1)];
      await jest.advanceTimersByTimeAsync(50);
      // A full batch arrives while [1] runs: it runs as soon as that run ends.
      answers.push(...[2, 3, 4].map((input) => batcher.submit('ws', input)));
      // One more arrives; after the full batch it waits for company.
      answers.push(batcher.submit('ws', 5));
      release();
      await jest.advanceTimersByTimeAsync(1);
      expect(runs).toEqual([[1], [2, 3, 4]]);
      await jest.advanceTimersByTimeAsync(30);
      answers.push(batcher.submit('ws', 6));
      expect(runs).toEqual([[1], [2, 3, 4]]);
      await jest.advanceTimersByTimeAsync(20);
      expect(runs).toEqual([[1], [2, 3, 4], [5, 6]]);
      expect(await Promise.all(answers)).toEqual([1, 2, 3, 4, 5, 6]);
    });
  });
});
