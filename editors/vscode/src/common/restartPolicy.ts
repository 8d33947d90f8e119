// A bounded number of automatic restarts after crashes. Pure; the clock is injected.

import { MAX_RESTARTS, RESTART_WINDOW_MS } from './constants';

export interface RestartDecision {
    restart: boolean;
    /** 1-based count of crashes inside the window, this one included. */
    attempt: number;
    max: number;
}

export class RestartPolicy {
    private crashes: number[] = [];

    constructor(
        readonly max: number = MAX_RESTARTS,
        readonly windowMs: number = RESTART_WINDOW_MS,
        private readonly now: () => number = Date.now,
    ) {}

    /** Called when the server's connection closed unexpectedly. */
    onCrash(): RestartDecision {
        const t = this.now();
        this.crashes = this.crashes.filter((c) => t - c < this.windowMs);
        this.crashes.push(t);
        const attempt = this.crashes.length;
        return { restart: attempt <= this.max, attempt, max: this.max };
    }

    /** A deliberate (re)start forgets earlier crashes. */
    reset(): void {
        this.crashes = [];
    }
}

export function crashMessage(decision: RestartDecision): string {
    if (decision.restart) {
        return `The Afterburner server stopped unexpectedly; restarting it (${decision.attempt}/${decision.max}).`;
    }
    return (
        `The Afterburner server stopped unexpectedly ${decision.attempt} times in a short time and will not be restarted. ` +
        'See the Afterburner output for the cause, then run "Afterburner: Restart Server".'
    );
}
