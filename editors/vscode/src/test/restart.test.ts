import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Debouncer, Timers } from '../common/debounce';
import { crashMessage, RestartPolicy } from '../common/restartPolicy';

describe('RestartPolicy', () => {
    it('restarts a bounded number of times within the window', () => {
        let now = 0;
        const policy = new RestartPolicy(3, 60_000, () => now);
        assert.deepEqual(policy.onCrash(), { restart: true, attempt: 1, max: 3 });
        now += 1000;
        assert.equal(policy.onCrash().restart, true);
        now += 1000;
        assert.equal(policy.onCrash().restart, true);
        now += 1000;
        assert.deepEqual(policy.onCrash(), { restart: false, attempt: 4, max: 3 });
    });

    it('forgets crashes older than the window, and on reset', () => {
        let now = 0;
        const policy = new RestartPolicy(1, 60_000, () => now);
        assert.equal(policy.onCrash().restart, true);
        now += 61_000;
        assert.equal(policy.onCrash().restart, true);
        assert.equal(policy.onCrash().restart, false);
        policy.reset();
        assert.equal(policy.onCrash().restart, true);
    });

    it('says what happens', () => {
        assert.match(crashMessage({ restart: true, attempt: 2, max: 5 }), /restarting it \(2\/5\)/);
        assert.match(crashMessage({ restart: false, attempt: 6, max: 5 }), /will not be restarted.*Restart Server/);
    });
});

describe('Debouncer', () => {
    /** Manual timers: advance() fires what is due. */
    function fakeTimers() {
        let now = 0;
        let next = 1;
        const due = new Map<number, { at: number; fn: () => void }>();
        const timers: Timers = {
            setTimeout: (fn, ms) => {
                const id = next++;
                due.set(id, { at: now + ms, fn });
                return id;
            },
            clearTimeout: (id) => {
                due.delete(id as number);
            },
        };
        const advance = (ms: number) => {
            now += ms;
            for (const [id, t] of [...due]) {
                if (t.at <= now) {
                    due.delete(id);
                    t.fn();
                }
            }
        };
        return { timers, advance };
    }

    it('runs once after a burst has been quiet for the delay', () => {
        const { timers, advance } = fakeTimers();
        let runs = 0;
        const d = new Debouncer(1000, () => void runs++, timers);
        d.trigger();
        advance(500);
        d.trigger();
        advance(500);
        d.trigger();
        assert.equal(runs, 0);
        assert.equal(d.isPending, true);
        advance(999);
        assert.equal(runs, 0);
        advance(1);
        assert.equal(runs, 1);
        assert.equal(d.isPending, false);
    });

    it('does nothing once disposed', () => {
        const { timers, advance } = fakeTimers();
        let runs = 0;
        const d = new Debouncer(10, () => void runs++, timers);
        d.trigger();
        d.dispose();
        advance(100);
        assert.equal(runs, 0);
    });
});
