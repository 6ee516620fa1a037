// Two projects: `unit` (jsdom, views and pure logic, seconds) and `integration` (node, a real Synapse).
// matrix-js-sdk and some of its dependencies ship ES modules only, so babel transforms them too.
const esmPackages = [
    "matrix-js-sdk",
    "@matrix-org/matrix-sdk-crypto-wasm",
    "p-retry",
    "is-network-error",
    "uuid",
    "oidc-client-ts",
    "jwt-decode",
    "content-type",
    "another-json",
    "sdp-transform",
    "matrix-events-sdk",
    "unhomoglyph",
    "bs58",
    "base-x",
    "loglevel",
    "@babel/runtime",
];
const transformIgnorePatterns = [`/node_modules/(?!(${esmPackages.join("|")})/)`];

/** @type {import('jest').Config} */
module.exports = {
    projects: [
        {
            displayName: "unit",
            // jsdom, without its false "Could not parse CSS stylesheet" alarm (see the file).
            testEnvironment: "<rootDir>/tests/support/unitEnvironment.js",
            testMatch: ["<rootDir>/tests/unit/**/*.test.{ts,tsx}"],
            setupFilesAfterEnv: ["<rootDir>/tests/support/unit-setup.ts"],
            moduleNameMapper: { "\\.css$": "<rootDir>/tests/support/style-stub.js" },
            // The built bundles are tested as they are (tests/unit/bundle), not re-transformed.
            transformIgnorePatterns: [...transformIgnorePatterns, "<rootDir>/dist/", "<rootDir>/lib/"],
        },
        {
            displayName: "integration",
            // Node + failure tracking + clearing the timers matrix-js-sdk leaves behind (see the file).
            testEnvironment: "<rootDir>/tests/support/integrationEnvironment.js",
            testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
            // Creates the pinned Synapse venv on a fresh clone (no-op when present).
            globalSetup: "<rootDir>/tests/support/globalSetup.js",
            transformIgnorePatterns,
            testTimeout: 60_000,
        },
        {
            displayName: "e2e",
            // Chromium (playwright-core) against the development host: dev/server.ts + Synapse per test file.
            testEnvironment: "<rootDir>/tests/support/integrationEnvironment.js",
            testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
            // Synapse venv, host page bundle (and the module bundle when dist/ is empty).
            globalSetup: "<rootDir>/tests/e2e/support/globalSetup.js",
            transformIgnorePatterns,
            testTimeout: 180_000,
        },
    ],
};
