// Lint: typescript-eslint's recommended rules, React hooks rules, and jsx-a11y for accessible views.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";

export default tseslint.config(
    {
        ignores: [
            "node_modules/",
            "dist/",
            "lib/",
            "coverage/",
            "test-results/",
            ".tmp/",
            ".venv/",
            "**/*.js",
            "**/*.cjs",
            "**/*.mjs",
        ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    jsxA11y.flatConfigs.recommended,
    {
        plugins: { "react-hooks": reactHooks },
        rules: {
            "react-hooks/rules-of-hooks": "error",
            "react-hooks/exhaustive-deps": "error",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            // Secrets must never reach a log; deliberate diagnostics go through the module's logger.
            "no-console": ["error", { allow: ["warn", "error", "info"] }],
        },
    },
    {
        // The host's client is reached only through the contract in src/matrix/hostClient.ts, which names
        // each member the module uses and is type-checked against every matrix-js-sdk Element ships.
        files: ["src/**/*.{ts,tsx}"],
        ignores: ["src/matrix/hostClient.ts"],
        rules: {
            "no-restricted-imports": [
                "error",
                ...["matrix-js-sdk", "matrix-js-sdk/lib/client", "matrix-js-sdk/lib/matrix"].map((name) => ({
                    name,
                    importNames: ["MatrixClient"],
                    message: "Use HostClient from src/matrix/hostClient.ts (the client can be matrix-js-sdk 38).",
                })),
                ...["matrix-js-sdk", "matrix-js-sdk/lib/crypto-api", "matrix-js-sdk/lib/crypto-api/index"].map(
                    (name) => ({
                        name,
                        importNames: ["CryptoApi"],
                        message: "Use HostCrypto from src/matrix/hostClient.ts (the client can be matrix-js-sdk 38).",
                    }),
                ),
                ...["matrix-js-sdk", "matrix-js-sdk/lib/secret-storage"].map((name) => ({
                    name,
                    importNames: ["ServerSideSecretStorage"],
                    message:
                        "Use HostSecretStorage from src/matrix/hostClient.ts (the client can be matrix-js-sdk 38).",
                })),
            ],
        },
    },
    {
        files: ["src/views/**/*.{ts,tsx}"],
        rules: {
            // Views render a snapshot; they never talk to the homeserver.
            "no-restricted-imports": ["error", { patterns: ["matrix-js-sdk*", "**/matrix/*"] }],
        },
    },
);
