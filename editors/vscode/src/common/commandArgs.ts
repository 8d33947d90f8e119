// Building `workspace/executeCommand` requests for the "... Function at Cursor" commands,
// and the words shown for their results. Pure: the editor is passed as a plain snapshot.

import { SERVER_COMMANDS } from './constants';

export type ServerCommandKind = keyof typeof SERVER_COMMANDS;

/** What the commands need to know about the active editor. */
export interface EditorSnapshot {
    /** The document URI as a string (vscode.Uri.toString()), as the server keys documents. */
    uri: string;
    scheme: string;
    languageId: string;
    /** 0-based line of the cursor (the primary selection's active end). */
    line: number;
}

export interface ExecuteCommandParams {
    command: string;
    arguments: [string, number];
}

export type CommandRequest =
    | { ok: true; params: ExecuteCommandParams }
    | { ok: false; reason: string };

/**
 * `afterburner.optimize` / `afterburner.profile` with [document uri, cursor line]; the
 * server finds the function around that line and measures the text the editor holds,
 * saved or not (the rest of the workspace comes from disk).
 */
export function buildCommandRequest(kind: ServerCommandKind, editor: EditorSnapshot | undefined): CommandRequest {
    if (editor === undefined) {
        return { ok: false, reason: 'Open a Python file and put the cursor inside a function.' };
    }
    if (editor.languageId !== 'python') {
        return { ok: false, reason: 'The active editor is not a Python file.' };
    }
    if (editor.scheme !== 'file') {
        return { ok: false, reason: 'Save the file once: Afterburner imports it from its folder, next to its tests.' };
    }
    if (!Number.isInteger(editor.line) || editor.line < 0) {
        return { ok: false, reason: `Not a line number: ${editor.line}.` };
    }
    return {
        ok: true,
        params: { command: SERVER_COMMANDS[kind], arguments: [editor.uri, editor.line] },
    };
}

/** Python's `f"{v:.3g}"`: three significant digits, no trailing zeros. */
function threeDigits(v: number): string {
    if (v !== 0 && (Math.abs(v) >= 1000 || Math.abs(v) < 1e-4)) {
        const [mantissa, exponent] = v.toExponential(2).split('e');
        const exp = Number(exponent);
        return `${Number(mantissa)}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
    }
    return String(Number(v.toPrecision(3)));
}

/** Seconds as the server prints them (server/report.py `seconds`). */
export function formatSeconds(s: number | null | undefined): string {
    if (s === null || s === undefined || !Number.isFinite(s)) {
        return '-';
    }
    const units: [string, number][] = [
        ['s', 1],
        ['ms', 1e-3],
        ['µs', 1e-6],
    ];
    for (const [unit, scale] of units) {
        if (s >= scale) {
            return `${threeDigits(s / scale)} ${unit}`;
        }
    }
    return `${threeDigits(s / 1e-9)} ns`;
}

/**
 * A short message for a command's result, or undefined when the server already said
 * everything (optimize reports its outcome itself; null means failed or cancelled, and
 * the server has shown why).
 */
export function describeCommandResult(kind: ServerCommandKind, result: unknown): string | undefined {
    if (kind !== 'profile' || result === null || typeof result !== 'object') {
        return undefined;
    }
    const r = result as { median_s?: unknown; regression?: unknown };
    if (typeof r.median_s !== 'number') {
        return undefined;
    }
    const regression = r.regression === true ? ' — slower than the last measurement' : '';
    return `Afterburner: median ${formatSeconds(r.median_s)} per call${regression}; hover the function for details.`;
}

/** The title of the cancellable notification a server command runs under. */
export function commandTitle(command: string): string {
    if (command === SERVER_COMMANDS.optimize) {
        return 'Afterburner: optimizing';
    }
    if (command === SERVER_COMMANDS.profile) {
        return 'Afterburner: profiling';
    }
    if (command === SERVER_COMMANDS.scan) {
        return 'Afterburner: scanning the workspace (its tests run once)';
    }
    if (command === SERVER_COMMANDS.apply) {
        return 'Afterburner: applying the rewrite';
    }
    return `Afterburner: ${command}`;
}
