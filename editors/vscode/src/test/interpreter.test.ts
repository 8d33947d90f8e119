import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
    chooseInterpreter,
    describeChoice,
    interpreterChangeAction,
    preflightArgs,
    preflightProblem,
    serverCommand,
} from '../common/interpreter';

describe('chooseInterpreter', () => {
    it('prefers afterburner.interpreter', () => {
        assert.deepEqual(chooseInterpreter({ configured: '/opt/ab/bin/python', pythonExtension: '/proj/.venv/bin/python' }), {
            path: '/opt/ab/bin/python',
            source: 'setting',
        });
    });

    it('then the Python extension selection', () => {
        assert.deepEqual(chooseInterpreter({ configured: '  ', pythonExtension: '/proj/.venv/bin/python' }), {
            path: '/proj/.venv/bin/python',
            source: 'python-extension',
        });
    });

    it('then python3', () => {
        assert.deepEqual(chooseInterpreter({}), { path: 'python3', source: 'default' });
        assert.deepEqual(chooseInterpreter({ configured: '', pythonExtension: '' }), { path: 'python3', source: 'default' });
        assert.deepEqual(chooseInterpreter({ fallback: 'python3.12' }), { path: 'python3.12', source: 'default' });
    });

    it('describes where the choice came from', () => {
        assert.match(describeChoice({ path: 'python3', source: 'default' }), /default/);
        assert.match(describeChoice({ path: '/p', source: 'setting' }), /afterburner\.interpreter/);
        assert.match(describeChoice({ path: '/p', source: 'python-extension' }), /Python extension/);
    });
});

describe('serverCommand', () => {
    it('runs the server module on stdio', () => {
        assert.deepEqual(serverCommand({ path: '/v/bin/python', source: 'setting' }), {
            command: '/v/bin/python',
            args: ['-m', 'afterburner.server.cli', 'serve'],
        });
        assert.deepEqual(preflightArgs(), ['-c', 'import afterburner.server.cli']);
    });
});

describe('preflightProblem', () => {
    const choice = { path: '/usr/bin/python3', source: 'default' as const };

    it('is undefined when the import works', () => {
        assert.equal(preflightProblem(choice, { exitCode: 0 }), undefined);
    });

    it('explains a missing interpreter', () => {
        assert.match(preflightProblem(choice, { errorCode: 'ENOENT' }) ?? '', /not found: \/usr\/bin\/python3/);
    });

    it('explains a missing server package with the pip command', () => {
        const text = preflightProblem(choice, {
            exitCode: 1,
            stderr: "Traceback (most recent call last):\n  File \"<string>\", line 1\nModuleNotFoundError: No module named 'afterburner'\n",
        });
        assert.match(text ?? '', /not installed/);
        assert.match(text ?? '', /\/usr\/bin\/python3 -m pip install -e \/path\/to\/afterburner/);
    });

    it('reports other failures with their last line', () => {
        assert.match(preflightProblem(choice, { exitCode: 1, stderr: 'SyntaxError: bad\n' }) ?? '', /SyntaxError: bad/);
        assert.match(preflightProblem(choice, { timedOut: true }) ?? '', /did not answer/);
    });
});

describe('interpreterChangeAction', () => {
    it('restarts when the server interpreter changes, else only notifies', () => {
        const a = { path: '/a/python', source: 'python-extension' as const };
        const b = { path: '/b/python', source: 'python-extension' as const };
        assert.equal(interpreterChangeAction(a, b), 'restart');
        assert.equal(interpreterChangeAction(undefined, b), 'restart');
        assert.equal(interpreterChangeAction({ path: '/opt/ab', source: 'setting' }, { path: '/opt/ab', source: 'setting' }), 'notify');
    });
});
