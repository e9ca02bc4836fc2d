/**
 * Starts the wizard on a terminal and resolves when it ends. The only place
 * that mounts Ink: it takes the terminal's alternate screen (so the shell's
 * scrollback is left as it was) and gives it back whatever happens.
 */
import { render } from 'ink';
import { Wizard, type ExitReason } from './app.js';
import type { WizardData, WizardIo, WizardServices } from './data.js';

export interface StartOptions {
  data: WizardData;
  services: WizardServices;
  io: WizardIo;
  color: boolean;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';

/** Runs the wizard until the person quits or presses Ctrl-C. */
export async function startWizard(options: StartOptions): Promise<ExitReason> {
  const { stdout } = options;
  let reason: ExitReason = 'quit';
  let left = false;
  const leave = (): void => {
    if (left) return;
    left = true;
    stdout.write(LEAVE_ALTERNATE_SCREEN);
  };
  // Leave the alternate screen even when the process ends some other way (a signal, a crash).
  process.once('exit', leave);
  stdout.write(ENTER_ALTERNATE_SCREEN);
  try {
    const instance = render(
      <Wizard data={options.data} services={options.services} io={options.io} color={options.color} onExit={(r) => (reason = r)} />,
      {
        stdout: stdout as NodeJS.WriteStream,
        stdin: options.stdin as NodeJS.ReadStream,
        // Ctrl-C is a key like any other here: the wizard finishes a write in progress before stopping.
        exitOnCtrlC: false,
        // Nothing the wizard runs writes to the console; leaving it alone keeps test runners' consoles working.
        patchConsole: false,
        // Ink 6.8's incremental mode starts one line low when a frame ends in a newline; whole frames are drawn instead.
        incrementalRendering: false,
      },
    );
    await instance.waitUntilExit();
  } finally {
    leave();
    process.off('exit', leave);
  }
  return reason;
}
