interface Waiting<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Groups concurrent requests with the same key into one run, each caller still answered with its
 * own output. At most one run per key is in flight: a request that arrives while one runs waits
 * for the next run, together with everything else that arrived meanwhile. So a lone request runs
 * at once (after the current event-loop turn), and under load batches grow by themselves to what
 * arrived during one run, with no fixed waiting window. (Two runs in flight per key measured no
 * faster: 874-938/s against 896/s, on a busy machine.)
 *
 * `lingerMs` trades that for fewer runs where a caller is in no hurry: every run short of a full
 * batch first waits that long for company (else, at a steady trickle, each run would take only
 * the two or three that arrived during the one before).
 *
 * When a run of several fails, each input runs again alone, so one bad request fails only itself.
 * `run` must answer one output per input, in order, and be atomic (all or nothing).
 */
export class Batcher<I, O> {
  private readonly queues = new Map<string, Waiting<I, O>[]>();

  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    private readonly maxBatch: number,
    private readonly lingerMs = 0,
  ) {}

  submit(key: string, input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const queue = this.queues.get(key);
      if (queue) {
        queue.push({ input, resolve, reject });
        return;
      }
      const fresh = [{ input, resolve, reject }];
      this.queues.set(key, fresh);
      void this.drain(key, fresh);
    });
  }

  private async drain(key: string, queue: Waiting<I, O>[]): Promise<void> {
    // Requests decoded in the same event-loop turn join the first run.
    if (this.lingerMs === 0) await new Promise((done) => setImmediate(done));
    while (queue.length > 0) {
      // A lingering batcher lets every run short of a full batch wait for company first.
      if (this.lingerMs > 0 && queue.length < this.maxBatch) {
        await new Promise((done) => setTimeout(done, this.lingerMs));
      }
      const batch = queue.splice(0, this.maxBatch);
      try {
        const outputs = await this.run(batch.map((waiting) => waiting.input));
        batch.forEach((waiting, index) => waiting.resolve(outputs[index]));
      } catch (error) {
        if (batch.length === 1) batch[0].reject(error);
        else await this.oneByOne(batch);
      }
    }
    this.queues.delete(key);
  }

  private async oneByOne(batch: Waiting<I, O>[]): Promise<void> {
    for (const waiting of batch) {
      try {
        const [output] = await this.run([waiting.input]);
        waiting.resolve(output);
      } catch (error) {
        waiting.reject(error);
      }
    }
  }
}
