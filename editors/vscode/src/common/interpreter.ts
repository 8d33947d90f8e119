// Which Python runs the server, and how it is launched. Pure.

import { DEFAULT_INTERPRETER, SERVER_ARGS, SERVER_INSTALL, SERVER_MODULE } from './constants';

export type InterpreterSource = 'setting' | 'python-extension' | 'default';

export interface InterpreterChoice {
    path: string;
    source: InterpreterSource;
}

export interface InterpreterInputs {
    /** `afterburner.interpreter`, variables resolved; '' or undefined when unset. */
    configured?: string;
    /** The interpreter selected in the Python extension, when it is installed and has one. */
    pythonExtension?: string;
    /** Used when neither is set (python3). */
    fallback?: string;
}

/** `afterburner.interpreter`, else the Python extension's interpreter, else `python3`. */
export function chooseInterpreter(inputs: InterpreterInputs): InterpreterChoice {
    const configured = inputs.configured?.trim();
    if (configured) {
        return { path: configured, source: 'setting' };
    }
    const selected = inputs.pythonExtension?.trim();
    if (selected) {
        return { path: selected, source: 'python-extension' };
    }
    return { path: inputs.fallback?.trim() || DEFAULT_INTERPRETER, source: 'default' };
}

export function describeChoice(choice: InterpreterChoice): string {
    switch (choice.source) {
        case 'setting':
            return `${choice.path} (from afterburner.interpreter)`;
        case 'python-extension':
            return `${choice.path} (selected in the Python extension)`;
        case 'default':
            return `${choice.path} (default; set afterburner.interpreter or select an interpreter in the Python extension)`;
    }
}

export interface ServerCommand {
    command: string;
    args: string[];
}

export function serverCommand(choice: InterpreterChoice): ServerCommand {
    return { command: choice.path, args: [...SERVER_ARGS] };
}

/** Arguments of the pre-flight check: does this interpreter import the server? */
export function preflightArgs(): string[] {
    return ['-c', `import ${SERVER_MODULE}`];
}

/** The result of running the pre-flight check. */
export interface PreflightResult {
    /** Spawn error code, e.g. ENOENT when the interpreter does not exist. */
    errorCode?: string;
    exitCode?: number | null;
    stderr?: string;
    timedOut?: boolean;
}

/** Undefined when the server can start; otherwise a message that says what to do. */
export function preflightProblem(choice: InterpreterChoice, result: PreflightResult): string | undefined {
    const where = describeChoice(choice);
    if (result.errorCode === 'ENOENT') {
        return `Python interpreter not found: ${where}.`;
    }
    if (result.errorCode === 'EACCES') {
        return `Python interpreter is not executable: ${where}.`;
    }
    if (result.timedOut) {
        return `Python interpreter did not answer within the time limit: ${where}.`;
    }
    if (result.errorCode) {
        return `Could not run ${where}: ${result.errorCode}.`;
    }
    if (result.exitCode === 0) {
        return undefined;
    }
    const lastLine = (result.stderr ?? '').trim().split(/\r?\n/).pop() ?? '';
    if (/ModuleNotFoundError|No module named/.test(lastLine)) {
        return (
            `The Afterburner server is not installed in ${where}: ${lastLine}. ` +
            `Install it with \`${choice.path} -m ${SERVER_INSTALL}\` or point afterburner.interpreter at a Python that has it.`
        );
    }
    return `${where} cannot import ${SERVER_MODULE}: ${lastLine || `exit code ${result.exitCode}`}.`;
}

/**
 * Restart only when the server would run under a different interpreter; a change of the
 * Python extension's selection that leaves the server's interpreter alone only changes
 * the workspace interpreter (`python`), which the server re-reads.
 */
export function interpreterChangeAction(
    running: InterpreterChoice | undefined,
    next: InterpreterChoice,
): 'restart' | 'notify' {
    if (running === undefined || running.path !== next.path) {
        return 'restart';
    }
    return 'notify';
}
