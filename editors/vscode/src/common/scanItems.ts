// The quick pick of "Afterburner: Scan Workspace": the server's `afterburner.scan` answer
// as items, hottest first. Pure: no `vscode` import, so node's test runner checks it.

import { formatSeconds } from './commandArgs';

/** One row of the server's answer (server/scanning.py `to_json`, plus uri and 0-based line). */
export interface ScanRow {
    uri: string;
    line: number;
    file: string;
    qualname: string;
    self_s: number;
    total_s: number;
    self_share: number;
    total_share: number;
    calls: number | null;
}

export interface ScanPickItem {
    label: string;
    description: string;
    detail: string;
    uri: string;
    line: number;
}

function percent(share: number): string {
    const pct = 100 * share;
    return pct >= 10 ? `${pct.toFixed(0)}%` : `${pct.toFixed(1)}%`;
}

/** Items for the quick pick, or a reason to show instead when the answer has none. */
export function scanPickItems(result: unknown): { items: ScanPickItem[] } | { reason: string } {
    if (result === null || result === undefined) {
        return { reason: '' }; // failed or cancelled: the server has said why
    }
    const r = result as { functions?: unknown; workload?: unknown };
    if (!Array.isArray(r.functions)) {
        return { reason: 'Afterburner: the server sent no ranking.' };
    }
    if (r.functions.length === 0) {
        return { reason: `Afterburner: \`${String(r.workload)}\` spent no measurable time in the workspace's own functions.` };
    }
    const items = (r.functions as ScanRow[]).map((f) => {
        const calls = f.calls === null || f.calls === undefined ? '' : ` · ${f.calls} calls`;
        return {
            label: `$(flame) ${percent(f.self_share)}  ${f.qualname}`,
            description: `${f.file}:${f.line + 1}`,
            detail: `${formatSeconds(f.self_s)} self, ${formatSeconds(f.total_s)} with callees (${percent(f.total_share)})${calls}`,
            uri: f.uri,
            line: f.line,
        };
    });
    return { items };
}
