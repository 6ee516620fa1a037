// Projects: `unit` (jsdom, views and pure logic, seconds), `integration` (node, a real Synapse, the
// project's matrix-js-sdk), `integration-sdk38` / `integration-sdk40` (the recovery, verification, email
// and nudge suites again, on the matrix-js-sdk that Element 1.12.0 / 1.12.10 hands the module), `e2e`.
// matrix-js-sdk and some of its dependencies ship ES modules only, so babel transforms them too.
const esmPackages = [
    "matrix-js-sdk",
    "matrix-js-sdk-38",
    "matrix-js-sdk-40",
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

/**
 * The integration suites that exercise code running on the host's client, run once more per older SDK.
 * Element pins matrix-js-sdk, so these are exactly the clients `window.mxMatrixClientPeg` holds there.
 */
const hostSdkSuites = [
    "<rootDir>/tests/integration/**/host-sdk*.test.ts",
    "<rootDir>/tests/integration/**/backup*.test.ts",
    "<rootDir>/tests/integration/**/sessions-*.test.ts",
    "<rootDir>/tests/integration/**/email*.test.ts",
    "<rootDir>/tests/integration/**/nudges.test.ts",
    "<rootDir>/tests/integration/**/dehydration.test.ts",
    // The enum values src/matrix/sdkConstants.ts re-declares must hold on every SDK too (no Synapse needed).
    "<rootDir>/tests/unit/matrix/sdkConstants.test.ts",
];

/** An integration project whose every `matrix-js-sdk` import (src and tests alike) is the npm alias `pkg`. */
function integrationOnSdk(name, pkg, version) {
    return {
        displayName: name,
        testEnvironment: "<rootDir>/tests/support/integrationEnvironment.js",
        testMatch: hostSdkSuites,
        globalSetup: "<rootDir>/tests/support/globalSetup.js",
        moduleNameMapper: {
            "^matrix-js-sdk$": `<rootDir>/node_modules/${pkg}`,
            "^matrix-js-sdk/(.*)$": `<rootDir>/node_modules/${pkg}/$1`,
        },
        // tests/integration/host-sdk.test.ts checks that this version is the one that really ran.
        testEnvironmentOptions: { expectedSdkVersion: version },
        transformIgnorePatterns,
        testTimeout: 60_000,
    };
}

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
            testEnvironmentOptions: { expectedSdkVersion: require("matrix-js-sdk/package.json").version },
            transformIgnorePatterns,
            testTimeout: 60_000,
        },
        integrationOnSdk("integration-sdk38", "matrix-js-sdk-38", "38.3.0"),
        integrationOnSdk("integration-sdk40", "matrix-js-sdk-40", "40.2.0"),
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
