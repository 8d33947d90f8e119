// The thin layer over the `vscode` API that the other modules use, so that the logic
// modules (settings, interpreter, commandArgs, status, restartPolicy) never import it.

import * as vscode from 'vscode';
import * as os from 'node:os';
import { CONFIG_SECTION } from './constants';
import type { EditorSnapshot } from './commandArgs';
import type { ConfigGetter, Variables } from './settings';

export function createLogOutputChannel(name: string): vscode.LogOutputChannel {
    return vscode.window.createOutputChannel(name, { log: true });
}

export function createOutputChannel(name: string): vscode.OutputChannel {
    return vscode.window.createOutputChannel(name);
}

export function registerCommand(command: string, callback: (...args: unknown[]) => unknown): vscode.Disposable {
    return vscode.commands.registerCommand(command, callback);
}

export function onDidChangeConfiguration(listener: (e: vscode.ConfigurationChangeEvent) => unknown): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration(listener);
}

/** The folder whose settings the server gets: the first workspace folder (the server's root). */
export function primaryWorkspaceFolder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.[0];
}

/** `get(key)` over the `afterburner` section for a resource (a URI string or Uri). */
export function configGetter(scope?: vscode.Uri | string | null): ConfigGetter {
    const uri = typeof scope === 'string' ? vscode.Uri.parse(scope) : scope ?? primaryWorkspaceFolder()?.uri;
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION, uri);
    return (key: string) => config.get(key);
}

export function variables(scope?: vscode.Uri | string | null): Variables {
    const uri = typeof scope === 'string' ? vscode.Uri.parse(scope) : scope ?? undefined;
    const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? primaryWorkspaceFolder();
    return { workspaceFolder: folder?.uri.fsPath, userHome: os.homedir(), env: process.env };
}

export function activeEditorSnapshot(): EditorSnapshot | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
        return undefined;
    }
    const doc = editor.document;
    return {
        uri: doc.uri.toString(),
        scheme: doc.uri.scheme,
        languageId: doc.languageId,
        line: editor.selection.active.line,
    };
}

export function showMessage(type: number, message: string, ...actions: string[]): Thenable<string | undefined> {
    switch (type) {
        case 1:
            return vscode.window.showErrorMessage(message, ...actions);
        case 2:
            return vscode.window.showWarningMessage(message, ...actions);
        default:
            return vscode.window.showInformationMessage(message, ...actions);
    }
}

export function openSettings(query: string): Thenable<unknown> {
    return vscode.commands.executeCommand('workbench.action.openSettings', query);
}
