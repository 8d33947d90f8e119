// The logic modules must load without VS Code: no `vscode` import may creep in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

const PURE = ['settings', 'interpreter', 'commandArgs', 'status', 'restartPolicy', 'debounce', 'constants', 'log/logging'];

it('pure modules do not import vscode', () => {
    for (const name of PURE) {
        const js = readFileSync(join(__dirname, '..', 'common', `${name}.js`), 'utf8');
        assert.doesNotMatch(js, /require\("vscode(-languageclient[^"]*)?"\)/, name);
    }
});
