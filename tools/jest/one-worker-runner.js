// @ts-check
const TestRunner = require('jest-runner').default;

/**
 * jest's own runner, limited to one worker process: jest runs the projects' runners one after
 * another, so the e2e files (each starting several service processes) run one at a time after
 * the unit and integration files, and each still in a worker jest can end.
 */
class OneWorkerRunner extends TestRunner {
  constructor(globalConfig, context) {
    super({ ...globalConfig, maxWorkers: 1 }, context);
  }
}

module.exports = OneWorkerRunner;
