// Activation only: wire the pieces in src/common together.

import * as vscode from 'vscode';
import { registerCommands } from './common/commands';
import { CONFIG_SECTION, EXTENSION_NAME } from './common/constants';
import { registerLogger, traceInfo } from './common/log/logging';
import { onDidChangePythonInterpreter, pythonExtensionInterpreter } from './common/python';
import { ServerManager } from './common/server';
import { reactToConfigurationChange } from './common/settings';
import { createStatusBar } from './common/statusBar';
import { createLogOutputChannel, createOutputChannel, onDidChangeConfiguration, primaryWorkspaceFolder } from './common/vscodeapi';

let server: ServerManager | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const outputChannel = createLogOutputChannel(EXTENSION_NAME);
    const traceChannel = createOutputChannel(`${EXTENSION_NAME} LSP Trace`);
    context.subscriptions.push(outputChannel, traceChannel, registerLogger(outputChannel));
    traceInfo(`${EXTENSION_NAME} ${context.extension.packageJSON.version as string} activating`);

    server = new ServerManager(outputChannel, traceChannel);
    context.subscriptions.push(
        server,
        createStatusBar(server.onDidChangeStatus, server.status),
        ...registerCommands(server, outputChannel),
        onDidChangeConfiguration((e) => {
            if (!e.affectsConfiguration(CONFIG_SECTION)) {
                return;
            }
            const reaction = reactToConfigurationChange((section) => e.affectsConfiguration(section));
            if (reaction.restart) {
                server?.scheduleRestart();
            } else if (reaction.notify) {
                server?.notifyConfigurationChanged();
            }
        }),
    );

    // The Python extension is optional; its interpreter is the default one.
    const folder = primaryWorkspaceFolder()?.uri;
    server.setPythonExtensionInterpreter(await pythonExtensionInterpreter(folder));
    const subscription = await onDidChangePythonInterpreter(async () => {
        server?.setPythonExtensionInterpreter(await pythonExtensionInterpreter(primaryWorkspaceFolder()?.uri));
    });
    if (subscription) {
        context.subscriptions.push(subscription);
    }
    await server.restart('activation');
}

export async function deactivate(): Promise<void> {
    await server?.stop();
    server = undefined;
}
