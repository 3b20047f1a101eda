/**
 * Prints the plain closing line `N passed, N failed[, N skipped]` after a run, which CI reads
 * whatever the test runner. A test that did not run because a hook of its suite failed counts as
 * failed, not skipped: the run did fail there.
 */
import type { Reporter, TestCase, TestModule } from "vitest/node";

/** Whether a suite holding the test failed on its own (a hook threw), not through a test of its. */
function underFailedHook(test: TestCase): boolean {
  for (let parent = test.parent; ; parent = parent.parent) {
    if (parent.errors().length > 0) return true;
    if (parent.type === "module") return false;
  }
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) counts.failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed" || underFailedHook(test)) counts.failed++;
        else counts.skipped++;
      }
    }
    const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : "";
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed${skipped}\n`);
  }
}
