// The commands this extension contributes.

import * as vscode from 'vscode';
import { buildCommandRequest, describeCommandResult, ServerCommandKind } from './commandArgs';
import { CLIENT_COMMANDS, SERVER_COMMANDS } from './constants';
import { traceError, traceInfo } from './log/logging';
import { isCancellation, type ServerManager } from './server';
import { scanPickItems } from './scanItems';
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

async function scanWorkspace(server: ServerManager): Promise<void> {
    let result: unknown;
    try {
        result = await server.executeCommand({ command: SERVER_COMMANDS.scan, arguments: [{}] });
    } catch (error) {
        if (!isCancellation(error)) {
            const message = error instanceof Error ? error.message : String(error);
            traceError(`scan failed: ${message}`);
            void showMessage(1, `Afterburner: ${message}`);
        }
        return;
    }
    const out = scanPickItems(result);
    if ('reason' in out) {
        if (out.reason) {
            void showMessage(3, out.reason);
        }
        return;
    }
    const picked = await vscode.window.showQuickPick(out.items, {
        title: 'Afterburner: the workspace\'s functions by share of test time',
        matchOnDescription: true,
        matchOnDetail: true,
    });
    if (picked) {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(picked.uri));
        const at = new vscode.Position(picked.line, 0);
        await vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at) });
    }
}

export function registerCommands(server: ServerManager, outputChannel: vscode.OutputChannel): vscode.Disposable[] {
    return [
        registerCommand(CLIENT_COMMANDS.optimizeAtCursor, () => atCursor(server, 'optimize')),
        registerCommand(CLIENT_COMMANDS.profileAtCursor, () => atCursor(server, 'profile')),
        registerCommand(CLIENT_COMMANDS.scanWorkspace, () => scanWorkspace(server)),
        registerCommand(CLIENT_COMMANDS.cancel, () => server.cancelAll()),
        registerCommand(CLIENT_COMMANDS.restart, () => server.restart('restart requested')),
        registerCommand(CLIENT_COMMANDS.showLog, () => outputChannel.show()),
    ];
}
