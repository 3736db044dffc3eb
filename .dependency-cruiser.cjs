/**
 * The layering of docs/architecture.md, checked: test/architecture.test.ts runs these rules, so
 * `npm test` fails on an import that breaks them (and `npx depcruise src web/src` shows why).
 * Type-only imports count: a layer that needs another's types gets them re-exported by the layer
 * it may import.
 */

/**
 * The one place that wires the process together: it opens the store for the commands of a CLI
 * run (the session) or for the life of the server (`koda serve`, which also starts the server).
 */
const WIRING = '^src/cli/(session|nouns/serve)[.]ts$';

/**
 * The one action that runs other actions whole: the demo is a script of the user's own actions
 * (create, define, import, code, …), each its own transaction with its history and audit entry,
 * so building it through helpers would duplicate what each action records.
 */
const COMPOSITE_ACTIONS = '^src/commands/createDemoProject[.]ts$';

/**
 * The declaration of every action (its name, undo, what it makes stale, its role): no action
 * itself, so the actions and the helpers that run them (context.ts) read it.
 */
const ACTION_REGISTRY = '^src/commands/actions[.]ts$';
/**
 * The worker thread's entry for long actions (commands/helpers/offThread.ts): it runs an action
 * whole on another thread, as the CLI and the server do on theirs; no action imports it.
 */
const ACTION_WORKER = '^src/commands/helpers/commandWorker[.]ts$';

/** The types of the API's answers, which the browser imports type-only (issue 12). */
const API_TYPES = '^src/server/apiTypes[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-only-core',
      comment: 'src/core is the pure domain: it imports only src/core and pure libraries, never Node built-ins (no I/O).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: ['^src/core/', '^node_modules/'] },
    },
    {
      name: 'core-no-node-builtins',
      comment: 'src/core does no I/O and runs in the browser too.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'store-below-commands',
      comment: 'src/store knows nothing of the layers above it or of file formats.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(commands|formats|cli|server|i18n)/' },
    },
    {
      name: 'formats-are-pure-translation',
      comment: 'src/formats turn bytes into plans and plans into bytes: no store, commands, cli or server.',
      severity: 'error',
      from: { path: '^src/formats/' },
      to: { path: '^src/(store|commands|cli|server|i18n)/' },
    },
    {
      name: 'commands-below-interfaces',
      comment: 'Commands are called by the CLI and the server, never the other way round.',
      severity: 'error',
      from: { path: '^src/commands/' },
      to: { path: '^src/(cli|server)/' },
    },
    {
      name: 'actions-import-helpers-not-actions',
      comment:
        'A file in src/commands/ is one user action; what actions share lives in src/commands/helpers/. Only the demo, a script of actions, runs other actions whole (COMPOSITE_ACTIONS).',
      severity: 'error',
      from: { path: '^src/commands/[^/]+[.]ts$', pathNot: COMPOSITE_ACTIONS },
      to: { path: '^src/commands/[^/]+[.]ts$', pathNot: ACTION_REGISTRY },
    },
    {
      name: 'helpers-not-actions',
      comment: 'A helper serves actions and never calls one.',
      severity: 'error',
      from: { path: '^src/commands/helpers/', pathNot: ACTION_WORKER },
      to: { path: '^src/commands/[^/]+[.]ts$', pathNot: ACTION_REGISTRY },
    },
    {
      name: 'interfaces-reach-store-through-commands',
      comment: 'The CLI and the server call commands; only the wiring module opens the store.',
      severity: 'error',
      from: { path: '^src/(cli|server)/', pathNot: WIRING },
      to: { path: '^src/store/' },
    },
    {
      name: 'interfaces-reach-formats-through-commands',
      comment: 'Parsing and writing formats is the business of commands; their types are re-exported by the command.',
      severity: 'error',
      from: { path: '^src/(cli|server)/' },
      to: { path: '^src/formats/' },
    },
    {
      name: 'server-started-only-by-wiring',
      comment: 'Only the wiring module starts the server; the CLI and the server are otherwise independent.',
      severity: 'error',
      from: { path: '^src/cli/', pathNot: WIRING },
      to: { path: '^src/server/' },
    },
    {
      name: 'server-not-cli',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'i18n-below-interfaces',
      comment: 'Messages are rendered by the CLI, the server and the commands that write documents; i18n itself needs only core.',
      severity: 'error',
      from: { path: '^src/i18n/' },
      to: { path: '^src/(store|commands|formats|cli|server)/' },
    },
    {
      name: 'every-import-resolves',
      comment: 'An import the check cannot follow would escape every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'web-imports-web-and-core',
      comment: 'The browser UI talks to the HTTP API; of the server code it shares only pure src/core modules.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { pathNot: ['^web/src/', '^src/core/', '^node_modules/', API_TYPES] },
    },
    {
      name: 'web-takes-only-types-of-the-api',
      comment: 'The answers of the API are typed once, on the server; the browser takes those types and no code.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: API_TYPES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-no-node-builtins',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      exportsFields: ['exports'],
      // music-metadata exports only under the 'node' condition.
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
