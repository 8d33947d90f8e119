// The commands this extension contributes.

import * as vscode from 'vscode';
import { buildCommandRequest, describeCommandResult, ServerCommandKind } from './commandArgs';
import { CLIENT_COMMANDS } from './constants';
import { traceError, traceInfo } from './log/logging';
import { isCancellation, type ServerManager } from './server';
import { readClientSettings, shouldNotify } from './settings';
import { activeEditorSnapshot, configGetter, registerCommand, showMessage } from './vscodeapi';

async function atCursor(server: ServerManager, kind: ServerCommandKind): Promise<unknown> {
    const request = buildCommandRequest(kind, activeEditorSnapshot());
    if (!request.ok) {
        void showMessage(2, `Afterburner: ${request.reason}`);
        return undefined;
    }
    traceInfo(`executeCommand ${request.params.command} ${JSON.stringify(request.params.arguments)}`);
    try {
        const result = await server.executeCommand(request.params);
        const text = describeCommandResult(kind, result);
        if (text && shouldNotify(readClientSettings(configGetter()).showNotifications, 3)) {
            void showMessage(3, text);
        }
        return result;
    } catch (error) {
        if (isCancellation(error)) {
            traceInfo(`${request.params.command} cancelled`);
            return undefined;
        }
        const message = error instanceof Error ? error.message : String(error);
        traceError(`${request.params.command} failed: ${message}`);
        void showMessage(1, `Afterburner: ${message}`);
        return undefined;
    }
}

export function registerCommands(server: ServerManager, outputChannel: vscode.OutputChannel): vscode.Disposable[] {
    return [
        registerCommand(CLIENT_COMMANDS.optimizeAtCursor, () => atCursor(server, 'optimize')),
        registerCommand(CLIENT_COMMANDS.profileAtCursor, () => atCursor(server, 'profile')),
        registerCommand(CLIENT_COMMANDS.cancel, () => server.cancelAll()),
        registerCommand(CLIENT_COMMANDS.restart, () => server.restart('restart requested')),
        registerCommand(CLIENT_COMMANDS.showLog, () => outputChannel.show()),
    ];
}
