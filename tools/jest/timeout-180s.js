// E2e files start, stop and kill whole service processes: a test or hook may take three minutes.
require('@jest/globals').jest.setTimeout(180_000);
