import type { CommanderError} from 'commander';
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { createContext, type CliContext, type GlobalOptions } from './context.js';
import { registerCommands } from './commands.js';

export interface Io {
  stdout: CliContext['stdout'];
  stderr: CliContext['stderr'];
  stdin: CliContext['stdin'];
  env: NodeJS.ProcessEnv;
}

/** Builds the commander program; each command's action receives a fresh context. */
export function buildProgram(io: Io, version: string): Command {
  const program = new Command('kubelift')
    .description('Audit an EC2 estate for single points of failure and plan its move to Kubernetes.')
    .version(version, '-V, --version', 'print the version')
    .option('--debug', 'print stack traces and SDK request logs')
    .option('-q, --quiet', 'print errors only')
    .option('-v, --verbose', 'print debug messages')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .addOption(new Option('--log-format <format>', 'progress format on stderr').choices(['text', 'json']).default('text'))
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      outputError: () => undefined,
    })
    .enablePositionalOptions(false);

  const context = (): CliContext => createContext(program.opts<GlobalOptions>(), io, version);
  registerCommands(program, context);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      outputError: () => undefined,
    });
  }
  return program;
}

/** Turns commander's own errors (unknown option, missing argument) into UsageError; help and version are not errors. */
export function fromCommanderError(error: CommanderError): UsageError | undefined {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return undefined;
  const message = error.message.replace(/^error: /, '');
  return new UsageError(message, { hint: 'Run `kubelift --help` or `kubelift <command> --help` for usage.' });
}
