// @ts-check

/**
 * Ends the run with one plain line, `N passed, N failed, N skipped`, that CI reads whatever the
 * runner's own formatting.
 * @implements {Pick<import('@jest/reporters').Reporter, 'onRunComplete'>}
 */
class SummaryReporter {
  /** @param {unknown} _contexts @param {import('@jest/reporters').AggregatedResult} results */
  onRunComplete(_contexts, results) {
    // A file that failed to load has no tests to count; it still counts as a failure.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `\n${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`,
    );
  }
}

module.exports = SummaryReporter;
