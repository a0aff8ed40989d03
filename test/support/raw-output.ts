/**
 * Every way text can bypass the JSON logger: console calls (silenced while spied) and direct writes
 * to stdout or stderr.
 */
export function spyOnRawOutput() {
  const spies = [
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      jest.spyOn(console, method).mockImplementation(() => undefined),
    ),
    jest.spyOn(process.stdout, 'write'),
    jest.spyOn(process.stderr, 'write'),
  ];
  return {
    written: () => spies.flatMap((spy) => spy.mock.calls.map((call) => String(call[0]))),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}
