// Integration files start services in-process: a test or hook may take up to a minute.
require('@jest/globals').jest.setTimeout(60_000);
