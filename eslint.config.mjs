// Lint: typescript-eslint's recommended rules, React hooks rules, and jsx-a11y for accessible views.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";

import { layersPlugin } from "./build/eslint-layers.mjs";

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
        // The panel may be rendered inside a host <form> (Element's build-time module dialog wraps module
        // content in one). A nested <form> makes the browser submit the OUTER form natively (a GET with
        // the fields in the URL), and a <button> without a type submits it. So no <form> of our own, every
        // button says type="button", and no Radix form control (each one puts a `name` on its <input>,
        // which a host form would send). src/views/common/ModuleForm.tsx is the one sanctioned form.
        files: ["src/**/*.tsx"],
        rules: {
            "no-restricted-syntax": [
                "error",
                {
                    selector: "JSXOpeningElement[name.name='form']",
                    message:
                        "No <form>: it can nest inside the host's form. Use ModuleForm (views/common/ModuleForm.tsx).",
                },
                {
                    selector:
                        "JSXOpeningElement[name.name=/^(button|Button|IconButton)$/]:not(:has(JSXAttribute[name.name='type'])):not(:has(JSXSpreadAttribute))",
                    message: 'Say type="button": a button without a type submits the host\'s form.',
                },
                {
                    selector:
                        "JSXOpeningElement > JSXMemberExpression[object.name='Form'][property.name=/^(Root|Submit|TextControl|PasswordControl|ActionControl|MFAControl|CheckboxControl|RadioControl|ToggleControl|SettingsToggleControl)$/]",
                    message:
                        "Form.Root renders a <form>, Form.Submit a submit button, Form.*Control an input with a `name`: use ModuleForm and its fields.",
                },
            ],
        },
    },
    {
        files: ["src/views/**/*.{ts,tsx}"],
        rules: {
            // Views render a snapshot; they never talk to the homeserver (the layering rule lets them name
            // the matrix layer's data types, nothing else of it).
            "no-restricted-imports": ["error", { patterns: ["matrix-js-sdk*"] }],
        },
    },
    {
        // Imports between host/, panel/, views/, viewmodels/, nudges/, matrix/ run one way (see the plugin).
        files: ["src/**/*.{ts,tsx}"],
        plugins: { layers: layersPlugin },
        rules: { "layers/imports": "error" },
    },
);
