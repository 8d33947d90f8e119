// Logging to the extension's output channel. No `vscode` import: the channel is
// anything with these methods (vscode.LogOutputChannel has them).

export interface Logger {
    info(message: string, ...args: unknown[]): void;
    warn(message: string, ...args: unknown[]): void;
    error(message: string | Error, ...args: unknown[]): void;
    debug(message: string, ...args: unknown[]): void;
}

let current: Logger | undefined;

export function registerLogger(logger: Logger): { dispose(): void } {
    current = logger;
    return {
        dispose: () => {
            if (current === logger) {
                current = undefined;
            }
        },
    };
}

export function traceInfo(message: string, ...args: unknown[]): void {
    current?.info(message, ...args);
}

export function traceWarn(message: string, ...args: unknown[]): void {
    current?.warn(message, ...args);
}

export function traceError(message: string, ...args: unknown[]): void {
    current?.error(message, ...args);
}

export function traceDebug(message: string, ...args: unknown[]): void {
    current?.debug(message, ...args);
}
