/**
 * Runs in every test worker before the test file loads. Ink decides once, when
 * it is imported, whether it runs in CI (from CI / CONTINUOUS_INTEGRATION), and
 * in CI it draws no frames until the end: the in-process wizard tests would
 * wait for screens that never come. Tests that check kubelift's own behaviour
 * in CI pass CI explicitly in the environment they give the command.
 */
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
