// The status bar item: server state, or the running job's progress message.

import * as vscode from 'vscode';
import { CLIENT_COMMANDS } from './constants';
import type { ServerStatus } from './server';
import { statusView } from './status';

export function createStatusBar(onDidChangeStatus: vscode.Event<ServerStatus>, initial: ServerStatus): vscode.Disposable {
    const item = vscode.window.createStatusBarItem('afterburner.status', vscode.StatusBarAlignment.Left, 0);
    item.name = 'Afterburner';
    item.command = CLIENT_COMMANDS.showLog;
    const render = (status: ServerStatus): void => {
        const view = statusView(status.state, status.progress, status.detail);
        item.text = view.text;
        item.tooltip = view.tooltip;
        item.backgroundColor =
            view.severity === 'error'
                ? new vscode.ThemeColor('statusBarItem.errorBackground')
                : view.severity === 'warning'
                  ? new vscode.ThemeColor('statusBarItem.warningBackground')
                  : undefined;
    };
    render(initial);
    item.show();
    const subscription = onDidChangeStatus(render);
    return vscode.Disposable.from(subscription, item);
}
