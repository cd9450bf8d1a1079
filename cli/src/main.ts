import { commands } from './commands/index.ts';
import { CliError, EXIT_USAGE } from './errors.ts';

const [name, ...args] = process.argv.slice(2);

function usage(): string {
  const lines = Object.entries(commands).map(([cmd, c]) => `  ${cmd.padEnd(10)} ${c.summary}`);
  return `Usage: valueloop <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

async function main(): Promise<number> {
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : EXIT_USAGE;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`valueloop: unknown command '${name}'\n\n${usage()}`);
    return EXIT_USAGE;
  }
  return (await command.load()).run(args);
}

main().then(
  (code) => {
    if (code !== 0 || !['start'].includes(name ?? '')) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`valueloop ${name}: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(
      `valueloop ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
