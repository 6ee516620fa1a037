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
        files: ["src/views/**/*.{ts,tsx}"],
        rules: {
            // Views render a snapshot; they never talk to the homeserver.
            "no-restricted-imports": ["error", { patterns: ["matrix-js-sdk*", "**/matrix/*"] }],
        },
    },
);
