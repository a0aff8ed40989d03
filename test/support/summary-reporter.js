/** Prints the closing line CI reads, exactly "N passed, N failed" (any skipped tests on the line before). */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const suiteFailures = results.numRuntimeErrorTestSuites;
    const failed = results.numFailedTests + suiteFailures;
    const skippedLine = skipped ? `${skipped} skipped (each prints its reason above)\n` : '';
    process.stdout.write(`\n${skippedLine}${results.numPassedTests} passed, ${failed} failed\n`);
  }
}
module.exports = SummaryReporter;
