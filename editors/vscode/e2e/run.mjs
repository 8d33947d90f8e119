#!/usr/bin/env node
// End-to-end test of the packaged extension in a real VS Code workbench: code-server (VS Code
// 1.100 in the browser) with the .vsix installed, driven by headless Chromium through
// playwright-core, against the real Afterburner server on benchmarks/demo.
//
//   editors/vscode/e2e/setup.sh          # once: code-server + playwright-core (see README.md)
//   node editors/vscode/e2e/run.mjs      # packages the working tree (npm run package), tests it
//
// Options (environment): AFTERBURNER_PYTHON (default: <repo>/.venv/bin/python), CHROMIUM
// (default: /usr/bin/chromium), E2E_VSIX (test this .vsix instead of packaging), E2E_KEEP=1
// keeps code-server's logs, E2E_SKIP_OPTIMIZE=1 skips the ~30 s optimization, E2E_TRACE
// (afterburner.trace.server: messages by default, verbose). Not part of CI.

import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const extensionDir = resolve(here, '..');
const repo = resolve(extensionDir, '..', '..');
const python = process.env.AFTERBURNER_PYTHON ?? join(repo, '.venv', 'bin', 'python');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const codeServer = join(here, 'node_modules', '.bin', 'code-server');
const work = join(here, '.work');
const started = Date.now();
const transcript = [];

function log(...parts) {
    const line = `[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${parts.join(' ')}`;
    console.log(line);
    transcript.push(line);
}

function fail(message) {
    throw new Error(message);
}

function freePort() {
    return new Promise((res, rej) => {
        const srv = createServer();
        srv.once('error', rej);
        srv.listen(0, '127.0.0.1', () => {
            const { port } = srv.address();
            srv.close(() => res(port));
        });
    });
}

function newestVsix() {
    const files = readdirSync(extensionDir)
        .filter((f) => /^afterburner-.*\.vsix$/.test(f))
        .map((f) => join(extensionDir, f))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    return files[0];
}

/** Descendants of `root` (pids), from /proc. */
function descendants(root) {
    const children = new Map();
    for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
            const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            if (!children.has(ppid)) children.set(ppid, []);
            children.get(ppid).push(Number(entry));
        } catch {
            /* gone */
        }
    }
    const out = [];
    const stack = [root];
    while (stack.length) {
        for (const child of children.get(stack.pop()) ?? []) {
            out.push(child);
            stack.push(child);
        }
    }
    return out;
}

function cmdline(pid) {
    try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
        return '';
    }
}

async function main() {
    // -- preconditions ---------------------------------------------------------------------
    if (!existsSync(codeServer)) fail(`code-server is not installed: run ${join(here, 'setup.sh')} first`);
    if (!existsSync(chromiumPath)) fail(`no Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM)`);
    execFileSync(python, ['-c', 'import afterburner.server.cli'], { stdio: 'inherit' });
    let vsix = process.env.E2E_VSIX;
    if (!vsix) {
        log('npm run package');
        execFileSync('npm', ['run', 'package'], { cwd: extensionDir, stdio: ['ignore', 'ignore', 'inherit'] });
        vsix = newestVsix();
    }
    const { chromium } = await import('playwright-core');

    // -- an isolated code-server with the extension and the demo workspace ------------------
    rmSync(work, { recursive: true, force: true });
    const userData = join(work, 'user-data');
    const extensions = join(work, 'extensions');
    const workspace = join(work, 'demo');
    const shots = join(work, 'screenshots');
    for (const d of [join(userData, 'User'), extensions, shots]) mkdirSync(d, { recursive: true });
    cpSync(join(repo, 'benchmarks', 'demo'), workspace, { recursive: true });
    mkdirSync(join(workspace, '.vscode'));
    writeFileSync(
        join(workspace, '.vscode', 'settings.json'),
        JSON.stringify({ 'afterburner.interpreter': python, 'afterburner.trace.server': process.env.E2E_TRACE ?? 'messages' }, null, 4),
    );
    writeFileSync(
        join(userData, 'User', 'settings.json'),
        JSON.stringify({
            'workbench.startupEditor': 'none',
            'security.workspace.trust.enabled': false,
            'telemetry.telemetryLevel': 'off',
            'extensions.autoUpdate': false,
            'extensions.autoCheckUpdates': false,
            'update.mode': 'none',
            'workbench.tips.enabled': false,
            'editor.codeLens': true,
            'editor.hover.delay': 100,
            // as desktop VS Code ships: nothing is saved unless the user saves
            'files.autoSave': 'off',
        }),
    );
    const config = join(work, 'config.yaml');
    writeFileSync(config, 'auth: none\ncert: false\n');
    const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];

    log(`installing ${vsix}`);
    execFileSync(codeServer, [...common, '--install-extension', vsix], { stdio: 'inherit' });

    const port = await freePort();
    const server = spawn(
        codeServer,
        [...common, '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace],
        { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    const serverLog = [];
    server.stdout.on('data', (d) => serverLog.push(String(d)));
    server.stderr.on('data', (d) => serverLog.push(String(d)));
    const stopServer = () => {
        // The group we created (code-server and its children), then any descendant that left it.
        const pids = descendants(server.pid);
        for (const target of [-server.pid, ...pids]) {
            try {
                process.kill(target, 'SIGTERM');
            } catch {
                /* already gone */
            }
        }
    };
    process.on('exit', stopServer);
    for (let i = 0; i < 100 && !serverLog.join('').includes('HTTP server listening'); i++) {
        await new Promise((r) => setTimeout(r, 200));
    }
    log(`code-server on port ${port}`);

    const browser = await chromium.launch({
        executablePath: chromiumPath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const results = [];
    const captured = {};
    try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`) });
        const step = async (name, fn) => {
            const t = Date.now();
            try {
                await fn();
                results.push({ name, ok: true, s: (Date.now() - t) / 1000 });
                log(`ok   ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
            } catch (error) {
                results.push({ name, ok: false, s: (Date.now() - t) / 1000, error: String(error).split('\n')[0] });
                log(`FAIL ${name}: ${String(error).split('\n')[0]}`);
                await shot(`fail-${name.replace(/\W+/g, '-')}`).catch(() => {});
                throw error;
            }
        };
        const status = page.locator('[id="afterburner.afterburner.afterburner.status"]');
        const statusText = async () => ((await status.innerText().catch(() => '')) || '').trim();
        const waitStatus = async (predicate, timeoutMs, what) => {
            const seen = new Set();
            const end = Date.now() + timeoutMs;
            while (Date.now() < end) {
                const text = await statusText();
                if (text && !seen.has(text)) {
                    seen.add(text);
                    log(`     status bar: ${JSON.stringify(text)}`);
                }
                if (predicate(text)) return [...seen];
                await page.waitForTimeout(250);
            }
            fail(`status bar never showed ${what}; saw ${JSON.stringify([...seen])}`);
        };
        const runCommand = async (title) => {
            await page.keyboard.press('F1');
            const input = page.locator('.quick-input-widget input');
            await input.waitFor();
            await input.fill(`>${title}`);
            const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
            await row.waitFor({ timeout: 15000 });
            await page.keyboard.press('Enter');
        };
        const gotoLine = async (line) => {
            await runCommand('Go to Line/Column...');
            await page.keyboard.type(String(line));
            await page.keyboard.press('Enter');
            await page.waitForTimeout(300); // let the editor take the focus back
        };
        const toast = async (pattern, timeoutMs) => {
            const loc = page.locator('.notification-toast', { hasText: pattern }).first();
            await loc.waitFor({ timeout: timeoutMs });
            return (await loc.innerText()).replace(/\s+/g, ' ').trim();
        };
        const refactorMenu = async () => {
            // VS Code sometimes answers "No refactorings available" right after an edit or a
            // refresh (before the server's answer): try again.
            const rows = page.locator('.action-widget .monaco-list-row');
            for (let attempt = 1; ; attempt++) {
                await runCommand('Refactor...');
                try {
                    await rows.first().waitFor({ timeout: 5000 });
                    return rows;
                } catch (error) {
                    if (attempt === 3) throw error;
                    log(`     no action menu (attempt ${attempt}); trying again`);
                    await page.keyboard.press('Escape');
                    await page.waitForTimeout(1000);
                }
            }
        };
        /** Pick an entry of the open action menu with the keyboard (the menu blocks pointer clicks). */
        const chooseAction = async (pattern) => {
            for (let i = 0; i < 20; i++) {
                const focused = page.locator('.action-widget .monaco-list-row.focused').first();
                const label = (await focused.getAttribute('aria-label').catch(() => null)) ?? '';
                if (pattern.test(label)) {
                    await page.keyboard.press('Enter');
                    return label;
                }
                await page.keyboard.press('ArrowDown');
            }
            fail(`no action matching ${pattern} in the menu`);
        };
        const editorText = () => page.locator('.monaco-editor .view-lines').first().innerText();

        await step('workbench loads', async () => {
            await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
            await page.locator('.monaco-workbench').waitFor({ timeout: 120000 });
            await page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^inventory\.py$/ }).waitFor({ timeout: 60000 });
        });

        await step('opening a Python file starts the server (status bar: ready)', async () => {
            await page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^inventory\.py$/ }).click();
            await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30000 });
            captured.statusStart = await waitStatus((t) => t === 'Afterburner', 60000, 'ready');
            captured.statusTooltip = await status.getAttribute('aria-label');
            await shot('1-ready');
        });

        await step('hover before measuring says how to measure', async () => {
            await gotoLine(4);
            await runCommand('Show or Focus Hover');
            const hover = page.locator('.monaco-hover-content', { hasText: 'Afterburner' }).first();
            await hover.waitFor({ timeout: 15000 });
            captured.hoverBefore = (await hover.innerText()).trim();
            if (!/Not measured yet/.test(captured.hoverBefore)) fail(`unexpected hover: ${captured.hoverBefore}`);
            await page.keyboard.press('Escape');
        });

        await step('Profile Function at Cursor: progress in the status bar, then a result', async () => {
            await gotoLine(6);
            await runCommand('Afterburner: Profile Function at Cursor');
            captured.statusProfile = await waitStatus((t) => /Profiling/.test(t), 30000, 'Profiling ...');
            captured.statusProfile.push(...(await waitStatus((t) => t === 'Afterburner', 120000, 'ready again')));
            captured.profileToast = await toast(/median .* per call/, 30000);
            await shot('2-profiled');
        });

        await step('hover and code lens show the measurement', async () => {
            await gotoLine(4);
            await runCommand('Show or Focus Hover');
            const hover = page.locator('.monaco-hover-content', { hasText: 'median' }).first();
            await hover.waitFor({ timeout: 15000 });
            captured.hoverAfterProfile = (await hover.innerText()).trim();
            await shot('3-hover');
            await page.keyboard.press('Escape');
            const lens = page.locator('.contentWidgets .codelens-decoration', { hasText: '/call' }).first();
            await lens.waitFor({ timeout: 30000 });
            captured.codeLens = (await lens.innerText()).trim();
        });

        await step('code actions offer Profile and Optimize', async () => {
            await gotoLine(6);
            const rows = await refactorMenu();
            captured.actionsBefore = (await rows.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
            await shot('4-actions');
            if (!captured.actionsBefore.some((t) => t.includes('with Afterburner'))) {
                fail(`no Optimize action in ${JSON.stringify(captured.actionsBefore)}`);
            }
            await page.keyboard.press('Escape');
        });

        if (process.env.E2E_SKIP_OPTIMIZE !== '1') {
            await step('an unsaved edit (auto-save is off)', async () => {
                await gotoLine(6);
                await page.keyboard.press('End');
                await page.keyboard.type('  # unsaved: the server measures the buffer');
                await page.waitForTimeout(500);
                captured.diskBeforeOptimize = readFileSync(join(workspace, 'inventory.py'), 'utf8');
                if (captured.diskBeforeOptimize.includes('unsaved')) fail('the edit was saved: auto-save is on');
                const dirty = await page.locator('.tab.active.dirty').count();
                if (!dirty) fail('the editor tab is not marked as modified');
            });

            await step('Optimize (code action): progress, verified rewrite', async () => {
                await refactorMenu();
                captured.optimizeChosen = await chooseAction(/with Afterburner$/);
                captured.statusOptimize = await waitStatus((t) => /Optimizing/.test(t), 30000, 'Optimizing ...');
                captured.optimizeToast = await toast(/faster rewrite|no verified faster rewrite/, 300000);
                captured.statusOptimize.push(...(await waitStatus((t) => t === 'Afterburner', 30000, 'ready again')));
                await shot('5-optimized');
                await gotoLine(4);
                await runCommand('Show or Focus Hover');
                const hover = page.locator('.monaco-hover-content', { hasText: 'faster' }).first();
                await hover.waitFor({ timeout: 15000 });
                captured.hoverAfterOptimize = (await hover.innerText()).trim();
                await page.keyboard.press('Escape');
                const lens = page.locator('.contentWidgets .codelens-decoration', { hasText: 'faster' }).first();
                await lens.waitFor({ timeout: 30000 });
                captured.codeLensAfterOptimize = (await lens.innerText()).trim();
            });

            await step('Apply action rewrites the function', async () => {
                await gotoLine(6);
                const rows = await refactorMenu();
                captured.actionsAfter = (await rows.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
                await shot('6-apply-action');
                captured.applyChosen = await chooseAction(/^Apply /);
                const deadline = Date.now() + 15000;
                let text = '';
                while (Date.now() < deadline && !(text = await editorText()).includes('dict.fromkeys')) {
                    await page.waitForTimeout(250);
                }
                captured.afterApply = text;
                if (!text.includes('dict.fromkeys')) fail('the rewrite did not land in the editor');
                const disk = readFileSync(join(workspace, 'inventory.py'), 'utf8');
                if (disk !== captured.diskBeforeOptimize) fail('optimizing the buffer changed the file on disk');
                await shot('7-applied');
                await page.locator('.monaco-editor .view-lines').first().click();
                await page.keyboard.press('Control+S');
                const saved = Date.now() + 10000;
                while (Date.now() < saved && !readFileSync(join(workspace, 'inventory.py'), 'utf8').includes('dict.fromkeys')) {
                    await page.waitForTimeout(250);
                }
                if (!readFileSync(join(workspace, 'inventory.py'), 'utf8').includes('dict.fromkeys')) {
                    fail('saving did not write the applied rewrite');
                }
            });
        }

        await step('a crashed server is restarted with a message', async () => {
            const serverPid = descendants(server.pid).find((pid) => cmdline(pid).includes('afterburner.server.cli serve'));
            if (!serverPid) fail('no server process found under code-server');
            process.kill(serverPid, 'SIGKILL'); // the language server our code-server started
            captured.crashToast = await toast(/stopped unexpectedly/, 30000);
            captured.statusCrash = await waitStatus((t) => /starting/.test(t), 30000, 'starting after the crash');
            captured.statusCrash.push(...(await waitStatus((t) => t === 'Afterburner', 60000, 'ready after the crash')));
            const again = descendants(server.pid).find((pid) => cmdline(pid).includes('afterburner.server.cli serve'));
            if (!again || again === serverPid) fail('the server was not restarted');
        });

        await step('a settings change reaches the server (workspace/configuration)', async () => {
            const settingsFile = join(workspace, '.vscode', 'settings.json');
            const good = readFileSync(settingsFile, 'utf8');
            writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(good), 'afterburner.rounds': 0 }, null, 4));
            // The server validates what it is sent, and says so: proof the value got there.
            captured.badSettingToast = await toast(/afterburner\.rounds/, 30000);
            writeFileSync(settingsFile, good);
            await page.waitForTimeout(1500);
        });

        await step('changing afterburner.interpreter restarts the server (a bad one: error state)', async () => {
            const settingsFile = join(workspace, '.vscode', 'settings.json');
            const good = readFileSync(settingsFile, 'utf8');
            const bad = JSON.parse(good);
            bad['afterburner.interpreter'] = join(work, 'no-such-python');
            writeFileSync(settingsFile, JSON.stringify(bad, null, 4));
            captured.statusBadInterpreter = await waitStatus((t) => /error/.test(t), 30000, 'error');
            captured.badInterpreterToast = await toast(/interpreter not found/, 15000);
            captured.badInterpreterTooltip = await status.getAttribute('aria-label');
            await shot('8-bad-interpreter');
            writeFileSync(settingsFile, good);
            captured.statusBadInterpreter.push(...(await waitStatus((t) => t === 'Afterburner', 60000, 'ready with the good interpreter')));
        });

        await step('Restart Server command', async () => {
            await runCommand('Afterburner: Restart Server');
            captured.statusRestart = await waitStatus((t) => /starting/.test(t), 15000, 'starting');
            captured.statusRestart.push(...(await waitStatus((t) => t === 'Afterburner', 60000, 'ready')));
        });
    } finally {
        await browser.close();
        stopServer();
        const report = join(work, 'report.json');
        writeFileSync(report, JSON.stringify({ results, captured, transcript }, null, 2));
        const failed = results.filter((r) => !r.ok);
        log(`${results.length - failed.length}/${results.length} steps passed; report: ${report}; screenshots: ${shots}`);
        if (failed.length) {
            const logs = join(userData, 'logs');
            log(`logs of the extension host and the server: ${logs}`);
        }
        if (process.env.E2E_KEEP !== '1' && !failed.length) {
            rmSync(userData, { recursive: true, force: true });
            rmSync(extensions, { recursive: true, force: true });
        }
    }
}

main().then(
    () => process.exit(0),
    (error) => {
        console.error(error);
        process.exit(1);
    },
);
