/**
 * jest reporter of the grading child. Tests report themselves through the environment; this
 * adds what only a reporter sees: a suite file that failed before any test ran. jest's own
 * console reporters are not used, so nothing but learner output reaches the child's stdout.
 */
import type { Reporter, Test, TestResult } from '@jest/reporters';
import { emit } from './channel';

export default class ChannelReporter implements Pick<Reporter, 'onTestResult'> {
  onTestResult(test: Test, result: TestResult): void {
    if (result.testExecError) {
      const message = String(result.testExecError.message ?? result.failureMessage ?? 'the suite failed to run').split('\n').slice(0, 6).join(' ');
      emit({ e: 'file-error', file: test.path, message });
    }
  }
}
