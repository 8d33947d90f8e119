// The language client: starting, stopping and restarting the Afterburner server, answering
// its `workspace/configuration` requests, tracking its progress and its crashes.

import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import {
    CloseAction,
    DidChangeConfigurationNotification,
    ErrorAction,
    ExecuteCommandRequest,
    LanguageClient,
    LanguageClientOptions,
    ResponseError,
    RevealOutputChannelOn,
    ServerOptions,
    ShowMessageNotification,
    State,
    LSPErrorCodes,
} from 'vscode-languageclient/node';
import { commandTitle, type ExecuteCommandParams } from './commandArgs';
import { CONFIG_SECTION, EXTENSION_NAME, INTERPRETER_DEBOUNCE_MS, SERVER_COMMANDS } from './constants';
import { Debouncer } from './debounce';
import {
    chooseInterpreter,
    describeChoice,
    interpreterChangeAction,
    InterpreterChoice,
    preflightArgs,
    preflightProblem,
    PreflightResult,
    serverCommand,
} from './interpreter';
import { traceError, traceInfo, traceWarn } from './log/logging';
import { crashMessage, RestartPolicy } from './restartPolicy';
import { readClientSettings, readServerSettings, ServerSettings, shouldNotify } from './settings';
import { ProgressTracker, ServerState, WorkDoneValue } from './status';
import { configGetter, openSettings, primaryWorkspaceFolder, showMessage, variables } from './vscodeapi';

const PREFLIGHT_TIMEOUT_MS = 30_000;

export interface ServerStatus {
    state: ServerState;
    detail?: string;
    progress: ReturnType<ProgressTracker['current']>;
}

function runPreflight(choice: InterpreterChoice, cwd: string | undefined): Promise<PreflightResult> {
    return new Promise((resolve) => {
        execFile(choice.path, preflightArgs(), { cwd, timeout: PREFLIGHT_TIMEOUT_MS }, (error, _stdout, stderr) => {
            if (!error) {
                resolve({ exitCode: 0 });
                return;
            }
            const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: string | number };
            if (typeof e.code === 'string') {
                resolve({ errorCode: e.code });
            } else if (e.killed) {
                resolve({ timedOut: true });
            } else {
                resolve({ exitCode: typeof e.code === 'number' ? e.code : 1, stderr: String(stderr) });
            }
        });
    });
}

export class ServerManager implements vscode.Disposable {
    private client: LanguageClient | undefined;
    private running: InterpreterChoice | undefined;
    private pythonExtension: string | undefined;
    private state: ServerState = 'stopped';
    private detail: string | undefined;
    private queue: Promise<void> = Promise.resolve();
    private attempted = false;
    private readonly policy = new RestartPolicy();
    private readonly tracker = new ProgressTracker();
    private readonly inFlight = new Set<vscode.CancellationTokenSource>();
    private readonly progressEmitter = new vscode.EventEmitter<WorkDoneValue>();
    private readonly statusEmitter = new vscode.EventEmitter<ServerStatus>();
    private readonly debouncer = new Debouncer(INTERPRETER_DEBOUNCE_MS, () => this.restart('the interpreter changed'));
    readonly onDidChangeStatus = this.statusEmitter.event;

    constructor(
        private readonly outputChannel: vscode.LogOutputChannel,
        private readonly traceChannel: vscode.OutputChannel,
    ) {}

    get status(): ServerStatus {
        return { state: this.state, detail: this.detail, progress: this.tracker.current() };
    }

    get isRunning(): boolean {
        return this.client?.state === State.Running;
    }

    /** The interpreter the server would run under now. */
    interpreter(): InterpreterChoice {
        const folder = primaryWorkspaceFolder();
        return chooseInterpreter({
            configured: readClientSettings(configGetter(folder?.uri), variables(folder?.uri)).interpreter,
            pythonExtension: this.pythonExtension,
        });
    }

    /** What the server gets for section `afterburner`, for a scope (a resource URI). */
    serverSettings(scopeUri?: string | null): ServerSettings {
        return readServerSettings(configGetter(scopeUri), {
            workspacePython: this.pythonExtension,
            vars: variables(scopeUri),
        });
    }

    /** The Python extension's selection changed (or became known). */
    setPythonExtensionInterpreter(path: string | undefined): void {
        const changed = path !== this.pythonExtension;
        this.pythonExtension = path;
        if (!changed || !this.attempted) {
            return; // before the first start: that start picks it up
        }
        if (interpreterChangeAction(this.running, this.interpreter()) === 'restart') {
            this.scheduleRestart();
        } else {
            this.notifyConfigurationChanged();
        }
    }

    /** Debounced restart, for interpreter changes that come in bursts. */
    scheduleRestart(): void {
        this.debouncer.trigger();
    }

    /** (Re)start the server; calls are serialized. A deliberate restart forgets earlier crashes. */
    restart(reason: string): Promise<void> {
        this.queue = this.queue.then(() => this.doRestart(reason)).catch((error) => traceError(`restart failed: ${String(error)}`));
        return this.queue;
    }

    stop(): Promise<void> {
        this.queue = this.queue.then(() => this.doStop()).catch((error) => traceError(`stop failed: ${String(error)}`));
        return this.queue;
    }

    /** Tell the server its settings changed; it answers by asking (`workspace/configuration`). */
    notifyConfigurationChanged(): void {
        if (this.client?.state === State.Running) {
            void this.client
                .sendNotification(DidChangeConfigurationNotification.type, { settings: { [CONFIG_SECTION]: this.serverSettings() } })
                .catch((error) => traceError(`didChangeConfiguration failed: ${String(error)}`));
        }
    }

    /**
     * Run a server command under a cancellable notification (its stages as the message).
     * Cancel there, or "Afterburner: Cancel", sends $/cancelRequest: the server kills the
     * job's processes and keeps nothing of it.
     */
    async executeCommand(params: ExecuteCommandParams | { command: string; arguments?: unknown[] }): Promise<unknown> {
        const client = this.client;
        if (!client || client.state !== State.Running) {
            throw new Error('The Afterburner server is not running. Run "Afterburner: Restart Server" or see the log.');
        }
        const source = new vscode.CancellationTokenSource();
        this.inFlight.add(source);
        try {
            return await vscode.window.withProgress(
                { location: vscode.ProgressLocation.Notification, title: commandTitle(params.command), cancellable: true },
                (progress, token) => {
                    token.onCancellationRequested(() => source.cancel());
                    const stages = this.progressEmitter.event((value) => {
                        if (value.kind === 'report' && value.message) {
                            progress.report({ message: value.message });
                        }
                    });
                    return client.sendRequest(ExecuteCommandRequest.type, params, source.token).finally(() => stages.dispose());
                },
            );
        } finally {
            this.inFlight.delete(source);
            source.dispose();
        }
    }

    /** Cancel every server command this window started. */
    cancelAll(): void {
        for (const source of this.inFlight) {
            source.cancel();
        }
    }

    dispose(): void {
        this.cancelAll();
        this.progressEmitter.dispose();
        this.debouncer.dispose();
        void this.stop();
        this.statusEmitter.dispose();
    }

    // -- internals ------------------------------------------------------------------------

    private setState(state: ServerState, detail?: string): void {
        this.state = state;
        this.detail = detail;
        if (state !== 'ready') {
            this.tracker.clear();
        }
        this.statusEmitter.fire(this.status);
    }

    private notify(type: number, message: string): void {
        const level = readClientSettings(configGetter()).showNotifications;
        if (shouldNotify(level, type)) {
            void showMessage(type, message, 'Show Log').then((choice) => {
                if (choice === 'Show Log') {
                    this.outputChannel.show(true);
                }
            });
        }
    }

    private async doStop(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        this.running = undefined;
        if (client) {
            try {
                if (client.state === State.Starting) {
                    await client.start().catch(() => undefined); // let the start in progress settle
                }
                if (client.isRunning()) {
                    await client.dispose(2000);
                }
            } catch (error) {
                traceWarn(`stopping the server: ${String(error)}`);
            }
        }
        this.setState('stopped');
    }

    private async doRestart(reason: string): Promise<void> {
        this.debouncer.dispose();
        this.attempted = true;
        await this.doStop();
        this.policy.reset();
        const choice = this.interpreter();
        const folder = primaryWorkspaceFolder();
        traceInfo(`Starting the server (${reason}) with ${describeChoice(choice)}`);
        this.setState('starting', `Interpreter: ${describeChoice(choice)}`);

        const problem = preflightProblem(choice, await runPreflight(choice, folder?.uri.fsPath));
        if (problem) {
            traceError(problem);
            this.setState('error', problem);
            // Not awaited: the notification stays until dismissed, and restarts must not wait for it.
            const level = readClientSettings(configGetter()).showNotifications;
            if (shouldNotify(level, 1)) {
                void showMessage(1, `Afterburner: ${problem}`, 'Open Settings', 'Show Log').then((action) => {
                    if (action === 'Open Settings') {
                        void openSettings(`${CONFIG_SECTION}.interpreter`);
                    } else if (action === 'Show Log') {
                        this.outputChannel.show(true);
                    }
                });
            }
            return;
        }

        const client = this.createClient(choice, folder);
        this.client = client;
        this.running = choice;
        try {
            await client.start();
            traceInfo(`Server ready (${describeChoice(choice)})`);
        } catch (error) {
            const message = `The Afterburner server did not start: ${String(error)}`;
            traceError(message);
            if (this.client === client) {
                this.setState('error', message);
            }
        }
    }

    private createClient(choice: InterpreterChoice, folder: vscode.WorkspaceFolder | undefined): LanguageClient {
        const { command, args } = serverCommand(choice);
        const serverOptions: ServerOptions = {
            command,
            args, // no `transport`: TransportKind.stdio would append `--stdio`, which `serve` rejects
            options: { cwd: folder?.uri.fsPath, env: { ...process.env, PYTHONUNBUFFERED: '1' } },
        };
        const clientOptions: LanguageClientOptions = {
            documentSelector: [{ scheme: 'file', language: 'python' }],
            outputChannel: this.outputChannel,
            traceOutputChannel: this.traceChannel,
            revealOutputChannelOn: RevealOutputChannelOn.Never,
            initializationOptions: this.serverSettings(folder?.uri.toString()),
            // the hover's Profile / Optimize / Apply links run these, and nothing else
            markdown: { isTrusted: { enabledCommands: Object.values(SERVER_COMMANDS) } },
            errorHandler: {
                error: (_error, _message, count) => ({
                    action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown,
                    handled: true,
                }),
                closed: () => {
                    const decision = this.policy.onCrash();
                    const message = crashMessage(decision);
                    traceError(message);
                    if (decision.restart) {
                        this.notify(2, message);
                        this.setState('starting', message);
                        return { action: CloseAction.Restart, handled: true };
                    }
                    this.notify(1, message);
                    this.setState('error', message);
                    return { action: CloseAction.DoNotRestart, handled: true };
                },
            },
            middleware: {
                workspace: {
                    configuration: async (params, token, next) => {
                        const answer = await next(params, token);
                        if (answer instanceof ResponseError) {
                            return answer;
                        }
                        return params.items.map((item, i) =>
                            item.section === CONFIG_SECTION ? this.serverSettings(item.scopeUri) : answer[i],
                        );
                    },
                },
                handleWorkDoneProgress: (token, params, next) => {
                    this.tracker.update(token, params as WorkDoneValue);
                    this.statusEmitter.fire(this.status);
                    this.progressEmitter.fire(params as WorkDoneValue);
                    next(token, params);
                },
                // code actions and lenses run server commands too: under the same notification
                executeCommand: (command, args) =>
                    this.executeCommand({ command, arguments: args }).catch((error: unknown) => {
                        if (!isCancellation(error)) {
                            throw error;
                        }
                        return undefined;
                    }),
            },
        };
        const client = new LanguageClient(CONFIG_SECTION, EXTENSION_NAME, serverOptions, clientOptions);
        // The server's window/showMessage: always logged, shown as configured.
        client.onNotification(ShowMessageNotification.type, ({ type, message }) => {
            const log = type === 1 ? traceError : type === 2 ? traceWarn : traceInfo;
            log(`[server] ${message}`);
            this.notify(type, message);
        });
        client.onDidChangeState(({ newState }) => {
            if (this.client !== client) {
                return;
            }
            if (newState === State.Running) {
                this.setState('ready', `Interpreter: ${describeChoice(choice)}`);
            } else if (newState === State.Starting) {
                this.setState('starting', this.detail);
            } else if (this.state !== 'error') {
                this.setState('stopped', this.detail);
            }
        });
        return client;
    }
}

/** A request that ended because it was cancelled (by the user, or by the server's shutdown). */
export function isCancellation(error: unknown): boolean {
    return error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled;
}
