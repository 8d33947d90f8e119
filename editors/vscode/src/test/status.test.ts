import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProgressTracker, progressText, statusView } from '../common/status';

describe('statusView', () => {
    it('names each state', () => {
        assert.equal(statusView('ready').text, '$(flame) Afterburner');
        assert.equal(statusView('starting').text, '$(loading~spin) Afterburner: starting');
        assert.equal(statusView('stopped').text, '$(circle-slash) Afterburner: stopped');
        assert.equal(statusView('error').text, '$(error) Afterburner: error');
        assert.equal(statusView('error').severity, 'error');
        assert.equal(statusView('stopped').severity, 'warning');
        assert.equal(statusView('ready').severity, 'none');
    });

    it('puts the detail in the tooltip', () => {
        const view = statusView('error', undefined, 'Python interpreter not found: /nope.');
        assert.match(view.tooltip, /Afterburner server: error\nPython interpreter not found: \/nope\./);
    });

    it('shows the current progress while ready', () => {
        const tracker = new ProgressTracker();
        tracker.update('t1', { kind: 'begin', title: 'Optimizing unique_skus (rules)', percentage: 0 });
        tracker.update('t1', { kind: 'report', message: 'verifying', percentage: 40 });
        const view = statusView('ready', tracker.current());
        assert.equal(view.text, '$(sync~spin) Optimizing unique_skus (rules): verifying 40%');
        tracker.update('t1', { kind: 'end', message: 'done' });
        assert.equal(statusView('ready', tracker.current()).text, '$(flame) Afterburner');
    });
});

describe('ProgressTracker', () => {
    it('shows the newest job and counts the others', () => {
        const tracker = new ProgressTracker();
        tracker.update('a', { kind: 'begin', title: 'Profiling f' });
        tracker.update(2, { kind: 'begin', title: 'Optimizing g (rules)' });
        tracker.update('a', { kind: 'report', message: 'timing', percentage: 50 });
        const { job, count } = tracker.current();
        assert.equal(count, 2);
        assert.equal(job?.title, 'Optimizing g (rules)');
        assert.equal(progressText(job!, count), 'Optimizing g (rules) (+1 more)');
        tracker.update(2, { kind: 'end' });
        assert.equal(progressText(tracker.current().job!), 'Profiling f: timing 50%');
    });

    it('keeps the last message when a report only moves the percentage, ignores unknown tokens', () => {
        const tracker = new ProgressTracker();
        tracker.update('a', { kind: 'report', message: 'ghost' });
        assert.equal(tracker.current().count, 0);
        tracker.update('a', { kind: 'begin', title: 'Profiling f' });
        tracker.update('a', { kind: 'report', message: 'inputs', percentage: 10 });
        tracker.update('a', { kind: 'report', percentage: 30 });
        assert.equal(progressText(tracker.current().job!), 'Profiling f: inputs 30%');
        assert.equal(progressText({ title: 't', percentage: 140 }), 't 100%');
    });
});
