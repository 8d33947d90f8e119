// Settings resolution: what the server gets (initializationOptions and the answer to
// `workspace/configuration` section `afterburner`) and what the client itself uses.
// Pure: reads through a `get(key)` function so tests pass plain objects.

import { CONFIG_SECTION } from './constants';

/** The server's settings, camelCase as server/config.py expects them. */
export interface ServerSettings {
    backend: string;
    baseUrl: string | null;
    model: string | null;
    apiKey: string | null;
    device: string | null;
    rounds: number;
    k: number;
    temperature: number;
    maxTokens: number;
    timeout: number;
    seed: number;
    timeBudget: number;
    threshold: number;
    'equivalence.floatTolerance': number;
    profileOnSave: boolean;
    python: string | null;
}

export type NotificationLevel = 'off' | 'onError' | 'onWarning' | 'always';

/** Settings only the client uses; never sent to the server. */
export interface ClientSettings {
    /** `afterburner.interpreter` as written (variables resolved); '' when unset. */
    interpreter: string;
    showNotifications: NotificationLevel;
}

export const SERVER_DEFAULTS: Readonly<ServerSettings> = Object.freeze({
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

export const CLIENT_DEFAULTS: Readonly<ClientSettings> = Object.freeze({
    interpreter: '',
    showNotifications: 'always',
});

const NOTIFICATION_LEVELS: readonly NotificationLevel[] = ['off', 'onError', 'onWarning', 'always'];

/** Reads one key of the `afterburner` section (like WorkspaceConfiguration.get). */
export type ConfigGetter = (key: string) => unknown;

/** Values substituted in path settings: `${workspaceFolder}`, `${userHome}`, `${env:NAME}`, `~`. */
export interface Variables {
    workspaceFolder?: string;
    userHome?: string;
    env?: Record<string, string | undefined>;
}

export function resolveVariables(value: string, vars: Variables): string {
    let out = value;
    if (vars.userHome && (out === '~' || out.startsWith('~/'))) {
        out = vars.userHome + out.slice(1);
    }
    return out.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
        if (name === 'workspaceFolder' && vars.workspaceFolder !== undefined) {
            return vars.workspaceFolder;
        }
        if (name === 'userHome' && vars.userHome !== undefined) {
            return vars.userHome;
        }
        if (name.startsWith('env:')) {
            return vars.env?.[name.slice(4)] ?? '';
        }
        return whole;
    });
}

/** A string setting: trimmed; empty or not a string -> null (the server's default). */
function text(value: unknown): string | null {
    if (typeof value !== 'string') {
        return null;
    }
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
}

/**
 * A value of another type is passed on as written: the server reports a bad value and
 * uses its default, so one place (server/config.py) owns validation and its messages.
 */
function passThrough<T>(value: unknown, fallback: T): T | unknown {
    return value === undefined || value === null || value === '' ? fallback : value;
}

/**
 * The settings sent to the server. `python` (the workspace interpreter that runs the
 * user's code) defaults to the interpreter selected in the Python extension, when known.
 */
export function readServerSettings(
    get: ConfigGetter,
    options: { workspacePython?: string; vars?: Variables } = {},
): ServerSettings {
    const vars = options.vars ?? {};
    const python = text(get('python'));
    return {
        backend: text(get('backend')) ?? SERVER_DEFAULTS.backend,
        baseUrl: text(get('baseUrl')),
        model: text(get('model')),
        apiKey: text(get('apiKey')),
        device: text(get('device')),
        rounds: passThrough(get('rounds'), SERVER_DEFAULTS.rounds) as number,
        k: passThrough(get('k'), SERVER_DEFAULTS.k) as number,
        temperature: passThrough(get('temperature'), SERVER_DEFAULTS.temperature) as number,
        maxTokens: passThrough(get('maxTokens'), SERVER_DEFAULTS.maxTokens) as number,
        timeout: passThrough(get('timeout'), SERVER_DEFAULTS.timeout) as number,
        seed: passThrough(get('seed'), SERVER_DEFAULTS.seed) as number,
        timeBudget: passThrough(get('timeBudget'), SERVER_DEFAULTS.timeBudget) as number,
        threshold: passThrough(get('threshold'), SERVER_DEFAULTS.threshold) as number,
        'equivalence.floatTolerance': passThrough(
            get('equivalence.floatTolerance'),
            SERVER_DEFAULTS['equivalence.floatTolerance'],
        ) as number,
        profileOnSave: passThrough(get('profileOnSave'), SERVER_DEFAULTS.profileOnSave) as boolean,
        python: python !== null ? resolveVariables(python, vars) : text(options.workspacePython),
    };
}

export function readClientSettings(get: ConfigGetter, vars: Variables = {}): ClientSettings {
    const interpreter = text(get('interpreter'));
    const level = get('showNotifications');
    return {
        interpreter: interpreter === null ? '' : resolveVariables(interpreter, vars),
        showNotifications: NOTIFICATION_LEVELS.includes(level as NotificationLevel)
            ? (level as NotificationLevel)
            : CLIENT_DEFAULTS.showNotifications,
    };
}

/** What a configuration change calls for. */
export interface ConfigurationReaction {
    /** The server process must be replaced (its interpreter changed). */
    restart: boolean;
    /** The server must re-read its settings (`workspace/didChangeConfiguration`). */
    notify: boolean;
}

/** `affects` is ConfigurationChangeEvent.affectsConfiguration (or a test double). */
export function reactToConfigurationChange(affects: (section: string) => boolean): ConfigurationReaction {
    const restart = affects(`${CONFIG_SECTION}.interpreter`);
    const serverKeys = Object.keys(SERVER_DEFAULTS);
    // `interpreter`, `showNotifications` and `trace.server` are the client's own.
    const notify = serverKeys.some((key) => affects(`${CONFIG_SECTION}.${key}`));
    return { restart, notify };
}

/** LSP MessageType: 1 Error, 2 Warning, 3 Info, 4 Log, 5 Debug. */
export function shouldNotify(level: NotificationLevel, messageType: number): boolean {
    switch (level) {
        case 'off':
            return false;
        case 'onError':
            return messageType === 1;
        case 'onWarning':
            return messageType === 1 || messageType === 2;
        case 'always':
            return messageType >= 1 && messageType <= 3;
    }
}
