/** Exit code 2: the user's input (arguments, file, data) is wrong. */
export const EXIT_USAGE = 2;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = EXIT_USAGE,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
