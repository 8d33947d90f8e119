import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCommandRequest, describeCommandResult, EditorSnapshot, formatSeconds } from '../common/commandArgs';

const editor: EditorSnapshot = {
    uri: 'file:///work/demo/inventory.py',
    scheme: 'file',
    languageId: 'python',
    line: 5,
};

describe('buildCommandRequest', () => {
    it('sends [document uri, 0-based cursor line]', () => {
        assert.deepEqual(buildCommandRequest('optimize', editor), {
            ok: true,
            params: { command: 'afterburner.optimize', arguments: ['file:///work/demo/inventory.py', 5] },
        });
        const profile = buildCommandRequest('profile', { ...editor, line: 0 });
        assert.ok(profile.ok);
        assert.deepEqual(profile.params, { command: 'afterburner.profile', arguments: ['file:///work/demo/inventory.py', 0] });
    });

    it('refuses without a Python file on disk', () => {
        assert.equal(buildCommandRequest('optimize', undefined).ok, false);
        assert.equal(buildCommandRequest('optimize', { ...editor, languageId: 'markdown' }).ok, false);
        const untitled = buildCommandRequest('optimize', { ...editor, scheme: 'untitled', uri: 'untitled:Untitled-1' });
        assert.equal(untitled.ok, false);
        assert.match(untitled.ok ? '' : untitled.reason, /Save the file once/);
        assert.equal(buildCommandRequest('optimize', { ...editor, line: -1 }).ok, false);
    });
});

describe('formatSeconds', () => {
    it('prints like the server (3 significant digits)', () => {
        assert.equal(formatSeconds(0.00123456), '1.23 ms');
        assert.equal(formatSeconds(0.0015), '1.5 ms');
        assert.equal(formatSeconds(2.5e-5), '25 µs');
        assert.equal(formatSeconds(4.2e-8), '42 ns');
        assert.equal(formatSeconds(12.3456), '12.3 s');
        assert.equal(formatSeconds(1234), '1.23e+03 s');
        assert.equal(formatSeconds(null), '-');
    });
});

describe('describeCommandResult', () => {
    it('summarizes a profile', () => {
        assert.equal(
            describeCommandResult('profile', { median_s: 0.00123, regression: false }),
            'Afterburner: median 1.23 ms per call; hover the function for details.',
        );
        assert.match(describeCommandResult('profile', { median_s: 0.002, regression: true }) ?? '', /slower than the last measurement/);
    });

    it('stays quiet when the server already spoke', () => {
        assert.equal(describeCommandResult('optimize', { speedup: 3.2, ci95: [3, 3.4] }), undefined);
        assert.equal(describeCommandResult('profile', null), undefined);
        assert.equal(describeCommandResult('profile', {}), undefined);
    });
});
