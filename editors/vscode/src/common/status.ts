// The status bar's words: server state and the current work-done progress. Pure.

export type ServerState = 'starting' | 'ready' | 'stopped' | 'error';

export interface ProgressView {
    title: string;
    message?: string;
    percentage?: number;
}

/** The LSP work-done progress values, as `$/progress` carries them. */
export type WorkDoneValue =
    | { kind: 'begin'; title: string; message?: string; percentage?: number; cancellable?: boolean }
    | { kind: 'report'; message?: string; percentage?: number; cancellable?: boolean }
    | { kind: 'end'; message?: string };

/** Progress of the jobs under way, by token; the most recently begun one is shown. */
export class ProgressTracker {
    private readonly jobs = new Map<string, ProgressView>();

    update(token: string | number, value: WorkDoneValue): void {
        const key = String(token);
        switch (value.kind) {
            case 'begin':
                this.jobs.delete(key); // re-insert: Map order makes it the newest
                this.jobs.set(key, { title: value.title, message: value.message, percentage: value.percentage });
                break;
            case 'report': {
                const job = this.jobs.get(key);
                if (job) {
                    this.jobs.set(key, {
                        title: job.title,
                        message: value.message ?? job.message,
                        percentage: value.percentage ?? job.percentage,
                    });
                }
                break;
            }
            case 'end':
                this.jobs.delete(key);
                break;
        }
    }

    /** The newest job, and how many are running. */
    current(): { job: ProgressView | undefined; count: number } {
        let job: ProgressView | undefined;
        for (const view of this.jobs.values()) {
            job = view;
        }
        return { job, count: this.jobs.size };
    }

    clear(): void {
        this.jobs.clear();
    }
}

export interface StatusView {
    text: string;
    tooltip: string;
    /** Drives the item's background colour: error / warning / none. */
    severity: 'none' | 'warning' | 'error';
}

const ICONS: Record<ServerState, string> = {
    starting: '$(loading~spin)',
    ready: '$(flame)',
    stopped: '$(circle-slash)',
    error: '$(error)',
};

export function progressText(job: ProgressView, count = 1): string {
    let text = job.title;
    if (job.message) {
        text += `: ${job.message}`;
    }
    if (typeof job.percentage === 'number') {
        text += ` ${Math.max(0, Math.min(100, Math.round(job.percentage)))}%`;
    }
    if (count > 1) {
        text += ` (+${count - 1} more)`;
    }
    return text;
}

/**
 * `$(flame) Afterburner` when ready, `$(sync~spin) Optimizing unique_skus (rules): verifying 40%`
 * while a job runs, `$(error) Afterburner` with the reason in the tooltip on error.
 */
export function statusView(
    state: ServerState,
    progress: { job: ProgressView | undefined; count: number } = { job: undefined, count: 0 },
    detail?: string,
): StatusView {
    const label = { starting: 'starting', ready: 'ready', stopped: 'stopped', error: 'error' }[state];
    if (state === 'ready' && progress.job) {
        const text = progressText(progress.job, progress.count);
        return {
            text: `$(sync~spin) ${text}`,
            tooltip: `Afterburner: ${text}\nCancel from its notification, or run "Afterburner: Cancel".`,
            severity: 'none',
        };
    }
    const tooltip = [`Afterburner server: ${label}`, detail, 'Click to show the log.']
        .filter((line): line is string => Boolean(line))
        .join('\n');
    return {
        text: state === 'ready' ? `${ICONS[state]} Afterburner` : `${ICONS[state]} Afterburner: ${label}`,
        tooltip,
        severity: state === 'error' ? 'error' : state === 'stopped' ? 'warning' : 'none',
    };
}
