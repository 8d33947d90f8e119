import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
    CLIENT_DEFAULTS,
    readClientSettings,
    readServerSettings,
    reactToConfigurationChange,
    resolveVariables,
    SERVER_DEFAULTS,
    shouldNotify,
} from '../common/settings';

/** A `get(key)` over a plain object, like WorkspaceConfiguration.get. */
const from = (values: Record<string, unknown>) => (key: string) => values[key];

describe('readServerSettings', () => {
    it('gives the documented defaults when nothing is set', () => {
        assert.deepEqual(readServerSettings(from({})), {
            backend: 'rules',
            baseUrl: null,
            model: null,
            apiKey: null,
            device: null,
            rounds: 10,
            k: 4,
            temperature: 0.7,
            maxTokens: 2048,
            timeout: 120,
            seed: 0,
            timeBudget: 300,
            threshold: 1.05,
            'equivalence.floatTolerance': 0,
            profileOnSave: true,
            python: null,
        });
        assert.deepEqual(readServerSettings(from({})), { ...SERVER_DEFAULTS });
    });

    it('passes set values through with the camelCase keys the server reads', () => {
        const s = readServerSettings(
            from({
                backend: 'openai',
                baseUrl: ' http://127.0.0.1:8000/v1 ',
                model: 'afterburner-7b',
                apiKey: 'sk-test',
                device: 'cuda',
                rounds: 3,
                k: 8,
                temperature: 0,
                maxTokens: 512,
                timeout: 30,
                seed: 7,
                timeBudget: 60,
                threshold: 1.2,
                'equivalence.floatTolerance': 1e-9,
                profileOnSave: false,
            }),
        );
        assert.equal(s.maxTokens, 512);
        assert.equal(s.timeout, 30);
        assert.equal(s.seed, 7);
        assert.equal(s['equivalence.floatTolerance'], 1e-9); // the server reads the dotted key
        assert.equal(s.backend, 'openai');
        assert.equal(s.baseUrl, 'http://127.0.0.1:8000/v1');
        assert.equal(s.model, 'afterburner-7b');
        assert.equal(s.apiKey, 'sk-test');
        assert.equal(s.device, 'cuda');
        assert.equal(s.rounds, 3);
        assert.equal(s.k, 8);
        assert.equal(s.temperature, 0); // 0 is a value, not "unset"
        assert.equal(s.timeBudget, 60);
        assert.equal(s.threshold, 1.2);
        assert.equal(s.profileOnSave, false); // false is a value, not "unset"
    });

    it('sends empty strings as null so the server uses its defaults', () => {
        const s = readServerSettings(from({ backend: '', baseUrl: '', model: '   ', python: '' }));
        assert.equal(s.backend, 'rules');
        assert.equal(s.baseUrl, null);
        assert.equal(s.model, null);
        assert.equal(s.python, null);
    });

    it('leaves wrongly typed values for the server to report', () => {
        const s = readServerSettings(from({ rounds: 'ten', k: -1, profileOnSave: 'yes' }));
        assert.equal(s.rounds, 'ten');
        assert.equal(s.k, -1);
        assert.equal(s.profileOnSave, 'yes');
    });

    it('defaults python to the Python extension interpreter, an explicit setting wins', () => {
        assert.equal(readServerSettings(from({}), { workspacePython: '/proj/.venv/bin/python' }).python, '/proj/.venv/bin/python');
        assert.equal(
            readServerSettings(from({ python: '${workspaceFolder}/env/bin/python' }), {
                workspacePython: '/proj/.venv/bin/python',
                vars: { workspaceFolder: '/proj' },
            }).python,
            '/proj/env/bin/python',
        );
    });

    it('never includes client-only settings', () => {
        const s = readServerSettings(from({ interpreter: '/x/python', showNotifications: 'off' })) as unknown as Record<string, unknown>;
        assert.equal('interpreter' in s, false);
        assert.equal('showNotifications' in s, false);
    });
});

describe('readClientSettings', () => {
    it('has defaults', () => {
        assert.deepEqual(readClientSettings(from({})), { ...CLIENT_DEFAULTS });
    });

    it('resolves variables in the interpreter and rejects unknown notification levels', () => {
        const s = readClientSettings(from({ interpreter: '~/venvs/ab/bin/python', showNotifications: 'sometimes' }), {
            userHome: '/home/me',
        });
        assert.equal(s.interpreter, '/home/me/venvs/ab/bin/python');
        assert.equal(s.showNotifications, 'always');
        assert.equal(readClientSettings(from({ showNotifications: 'onError' })).showNotifications, 'onError');
    });
});

describe('resolveVariables', () => {
    it('substitutes workspaceFolder, userHome, env and ~', () => {
        const vars = { workspaceFolder: '/w', userHome: '/h', env: { VENV: '/v' } };
        assert.equal(resolveVariables('${workspaceFolder}/.venv/bin/python', vars), '/w/.venv/bin/python');
        assert.equal(resolveVariables('${userHome}/py', vars), '/h/py');
        assert.equal(resolveVariables('${env:VENV}/bin/python', vars), '/v/bin/python');
        assert.equal(resolveVariables('${env:MISSING}x', vars), 'x');
        assert.equal(resolveVariables('~/py', vars), '/h/py');
        assert.equal(resolveVariables('a~/py', vars), 'a~/py');
        assert.equal(resolveVariables('${unknown}/py', vars), '${unknown}/py');
    });
});

describe('reactToConfigurationChange', () => {
    const changed = (...keys: string[]) => (section: string) =>
        keys.some((k) => k === section || k.startsWith(section + '.') || section.startsWith(k + '.'));

    it('restarts on an interpreter change', () => {
        assert.deepEqual(reactToConfigurationChange(changed('afterburner.interpreter')), { restart: true, notify: false });
    });

    it('notifies the server on a server setting change', () => {
        for (const key of ['backend', 'rounds', 'k', 'temperature', 'maxTokens', 'timeout', 'seed', 'timeBudget', 'threshold', 'equivalence.floatTolerance', 'profileOnSave', 'python', 'apiKey']) {
            assert.deepEqual(reactToConfigurationChange(changed(`afterburner.${key}`)), { restart: false, notify: true }, key);
        }
    });

    it('does neither for client-only settings', () => {
        assert.deepEqual(reactToConfigurationChange(changed('afterburner.showNotifications')), { restart: false, notify: false });
        assert.deepEqual(reactToConfigurationChange(changed('afterburner.trace.server')), { restart: false, notify: false });
        assert.deepEqual(reactToConfigurationChange(changed('python.defaultInterpreterPath')), { restart: false, notify: false });
    });
});

describe('shouldNotify', () => {
    it('filters by level (1 error, 2 warning, 3 info, 4 log)', () => {
        const table: Record<string, boolean[]> = {
            off: [false, false, false, false],
            onError: [true, false, false, false],
            onWarning: [true, true, false, false],
            always: [true, true, true, false],
        };
        for (const [level, expected] of Object.entries(table)) {
            assert.deepEqual(
                [1, 2, 3, 4].map((t) => shouldNotify(level as 'off', t)),
                expected,
                level,
            );
        }
    });
});
