/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Which matrix-js-sdk (and which crypto wasm) this jest project really runs. The integration-sdk38 /
// -sdk40 projects map `matrix-js-sdk` to npm aliases of the versions Element 1.12.0 / 1.12.10 pin; a
// mapping that silently fell back to the project's own SDK, or an old SDK that picked up the newer
// hoisted wasm, would make those runs prove nothing. Runs in every integration project.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import semver from "semver";

import { setupSynapse } from "../support/testbed";

const bed = setupSynapse({ email: false });

interface PackageJson {
    name: string;
    version: string;
    dependencies?: Record<string, string>;
}

const WASM = "@matrix-org/matrix-sdk-crypto-wasm";
const { project, expectedVersion } = (
    globalThis as unknown as { __hostSdk: { project: string; expectedVersion: string } }
).__hostSdk;
// Through the same moduleNameMapper as every other `matrix-js-sdk` import of src/ and tests/.
const sdkPackageJson = require.resolve("matrix-js-sdk/package.json");
const sdk = JSON.parse(readFileSync(sdkPackageJson, "utf8")) as PackageJson;
// Resolved the way the SDK's own `import ... from "@matrix-org/matrix-sdk-crypto-wasm"` is: from its folder.
// (Its package.json is not in its exports map: read it from next to the entry file.)
const wasmEntry = require.resolve(WASM, { paths: [dirname(sdkPackageJson)] });
const wasm = JSON.parse(readFileSync(join(dirname(wasmEntry), "package.json"), "utf8")) as PackageJson;

it(`${project}: matrix-js-sdk ${sdk.version} with its own ${WASM} ${wasm.version}, Node ${process.version}`, async () => {
    expect(sdk.name).toBe("matrix-js-sdk");
    expect(sdk.version).toBe(expectedVersion);
    // The wasm this SDK version was built against, not the newer one hoisted for the project's SDK.
    expect(semver.satisfies(wasm.version, sdk.dependencies?.[WASM] ?? "")).toBe(true);

    // And it really loads in this Node: a client's rust crypto reports the wasm's own versions.
    const tc = await bed.newClient();
    // The test helpers' client (tests/support/clients.ts) is this SDK's MatrixClient, not the project's own.
    const { MatrixClient } = await import("matrix-js-sdk");
    expect(tc.client).toBeInstanceOf(MatrixClient);
    // The same module instance the SDK imported (same resolution), already initialised by initRustCrypto.
    const { getVersions } = (await import(wasmEntry)) as {
        getVersions(): { matrix_sdk_crypto: string; vodozemac: string };
    };
    const reported = tc.client.getCrypto()?.getVersion() ?? "";
    expect(reported).toContain(getVersions().matrix_sdk_crypto);
    expect(reported).toContain(getVersions().vodozemac);
    // Shown once per project in the run's output (a run of all projects lists each version).
    console.info(
        `${project}: matrix-js-sdk ${sdk.version}, ${WASM} ${wasm.version} (${reported}), Node ${process.version}`,
    );
});
