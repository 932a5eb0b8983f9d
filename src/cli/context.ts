import type { LoadedProject } from '../config/load.js';

/** Everything a command may touch of the outside world; bin/shelfcast.js supplies the real one. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stderr is a terminal: progress and colours allowed. */
  isTTY: boolean;
  /** Injected clock, for byte-stable output in tests; default `() => new Date()`. */
  now?: () => Date;
  /**
   * Registers a handler for SIGTERM/SIGINT (long-running commands finish their work and exit 0);
   * returns the function that unregisters it. Default: none (the process default applies).
   */
  onShutdown?: (handler: (signal: string) => void) => () => void;
  /**
   * Registers what to release if SIGTERM/SIGINT stops the command (the run lock); the cleanup
   * answers what it released, for the line that says so. Returns the function that unregisters
   * it. Default: none.
   */
  onInterrupt?: (cleanup: () => Promise<string>) => () => void;
}

export interface CommandContext {
  io: CliIO;
  /** Loads shelfcast.yaml (path from --config, default ./shelfcast.yaml) and returns the project. */
  loadProject(configPath: string): Promise<LoadedProject>;
  /** Sets the process exit code (0 ok, 1 problems, 2 usage/config); the highest one set wins. */
  setExitCode(code: 0 | 1 | 2): void;
}
