// The interpreter selected in the Python extension (ms-python.python), when it is installed.
// Optional: without it the server runs under `afterburner.interpreter` or python3.

import * as vscode from 'vscode';
import { PYTHON_EXTENSION_ID } from './constants';
import { traceError, traceInfo } from './log/logging';

interface EnvironmentPath {
    readonly id: string;
    readonly path: string;
}

interface ResolvedEnvironment {
    readonly executable: { readonly uri: vscode.Uri | undefined };
}

interface EnvironmentsApi {
    getActiveEnvironmentPath(resource?: vscode.Uri | vscode.WorkspaceFolder): EnvironmentPath;
    resolveEnvironment(environment: EnvironmentPath | string): Promise<ResolvedEnvironment | undefined>;
    readonly onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
}

/** The parts of the Python extension's API used here; `environments` (current) or `environment` (older). */
interface PythonExtensionApi {
    ready?: Promise<void>;
    environments?: EnvironmentsApi;
    environment?: EnvironmentsApi;
}

async function environmentsApi(): Promise<EnvironmentsApi | undefined> {
    const extension = vscode.extensions.getExtension<PythonExtensionApi>(PYTHON_EXTENSION_ID);
    if (!extension) {
        return undefined;
    }
    try {
        const api = extension.isActive ? extension.exports : await extension.activate();
        await api?.ready;
        return api?.environments ?? api?.environment;
    } catch (error) {
        traceError(`The Python extension's API is unavailable: ${String(error)}`);
        return undefined;
    }
}

/** The executable of the interpreter selected in the Python extension for `resource`. */
export async function pythonExtensionInterpreter(resource?: vscode.Uri): Promise<string | undefined> {
    const api = await environmentsApi();
    if (!api) {
        return undefined;
    }
    try {
        const active = api.getActiveEnvironmentPath(resource);
        const resolved = await api.resolveEnvironment(active);
        const path = resolved?.executable.uri?.fsPath ?? active?.path;
        traceInfo(`Python extension interpreter: ${path ?? '(none)'}`);
        return path || undefined;
    } catch (error) {
        traceError(`Could not read the Python extension's interpreter: ${String(error)}`);
        return undefined;
    }
}

/** Fires when the interpreter selected in the Python extension changes. */
export async function onDidChangePythonInterpreter(listener: () => void): Promise<vscode.Disposable | undefined> {
    const api = await environmentsApi();
    return api?.onDidChangeActiveEnvironmentPath(() => listener());
}
