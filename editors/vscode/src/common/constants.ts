// Names shared by the extension and its pure logic. No `vscode` import here.

export const EXTENSION_NAME = 'Afterburner';
export const CONFIG_SECTION = 'afterburner';
/** `<interpreter> -m afterburner.server.cli serve` starts the language server on stdio. */
export const SERVER_MODULE = 'afterburner.server.cli';
export const SERVER_ARGS: readonly string[] = ['-m', SERVER_MODULE, 'serve'];
/**
 * How to install the server, for hints. Not on PyPI yet: from a clone of the repository
 * (or a wheel built there with `pip wheel .`).
 */
export const SERVER_INSTALL = 'pip install -e /path/to/afterburner (a clone of the repository)';
export const DEFAULT_INTERPRETER = 'python3';
export const PYTHON_EXTENSION_ID = 'ms-python.python';

/** Commands executed by the server through `workspace/executeCommand`. */
export const SERVER_COMMANDS = {
    profile: 'afterburner.profile',
    optimize: 'afterburner.optimize',
    apply: 'afterburner.apply',
    scan: 'afterburner.scan',
} as const;

/** Commands this extension contributes (package.json `contributes.commands`). */
export const CLIENT_COMMANDS = {
    optimizeAtCursor: 'afterburner.optimizeAtCursor',
    profileAtCursor: 'afterburner.profileAtCursor',
    scanWorkspace: 'afterburner.scanWorkspace',
    cancel: 'afterburner.cancel',
    restart: 'afterburner.restart',
    showLog: 'afterburner.showLog',
} as const;

/** Crashes tolerated within RESTART_WINDOW_MS before the server is left stopped. */
export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;
/** Quiet time after an interpreter change before the server restarts. */
export const INTERPRETER_DEBOUNCE_MS = 1000;
