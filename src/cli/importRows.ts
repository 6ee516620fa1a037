/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Reads the rows of an import file: CSV (`user_id,email[,displayname]`, optional header naming the
 * columns in any order) or JSON Lines (`{"user_id": …, "email": …, "displayname": …}` per line).
 * A malformed row becomes a row with an `error`, so one bad line is reported and the rest still run.
 */

export interface ImportRow {
    /** 1-based line in the file where the row starts (what the report and error messages name). */
    line: number;
    userId: string;
    email: string;
    displayname?: string;
}

export interface BadRow {
    line: number;
    error: string;
    /** The text of the row, for the report (cut short). */
    raw: string;
}

export type ImportFormat = "csv" | "jsonl";

export interface ParsedImport {
    rows: ImportRow[];
    bad: BadRow[];
}

/** csv or jsonl, from the file name, else from the first character of the content. */
export function detectFormat(fileName: string, content: string): ImportFormat {
    if (/\.(jsonl|ndjson)$/i.test(fileName)) return "jsonl";
    if (/\.csv$/i.test(fileName)) return "csv";
    return content.trimStart().startsWith("{") ? "jsonl" : "csv";
}

export function parseImport(content: string, format: ImportFormat): ParsedImport {
    return format === "jsonl" ? parseJsonLines(content) : parseCsv(content);
}

const shorten = (text: string): string => (text.length > 120 ? text.slice(0, 117) + "..." : text);

function fieldsToRow(line: number, raw: string, fields: Record<string, unknown>): ImportRow | BadRow {
    const userId = typeof fields.user_id === "string" ? fields.user_id.trim() : "";
    const email = typeof fields.email === "string" ? fields.email.trim() : "";
    if (!userId) return { line, raw: shorten(raw), error: "user_id is missing" };
    if (!email) return { line, raw: shorten(raw), error: "email is missing" };
    if (fields.displayname !== undefined && fields.displayname !== null && typeof fields.displayname !== "string")
        return { line, raw: shorten(raw), error: "displayname must be text" };
    const displayname = typeof fields.displayname === "string" ? fields.displayname.trim() : "";
    return displayname ? { line, userId, email, displayname } : { line, userId, email };
}

function isBad(row: ImportRow | BadRow): row is BadRow {
    return "error" in row;
}

export function parseJsonLines(content: string): ParsedImport {
    const result: ParsedImport = { rows: [], bad: [] };
    content.split(/\r?\n/).forEach((text, index) => {
        const line = index + 1;
        if (text.trim() === "" || text.trimStart().startsWith("#")) return;
        let value: unknown;
        try {
            value = JSON.parse(text);
        } catch {
            result.bad.push({ line, raw: shorten(text), error: "not valid JSON" });
            return;
        }
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
            result.bad.push({ line, raw: shorten(text), error: "a line must be a JSON object" });
            return;
        }
        const row = fieldsToRow(line, text, value as Record<string, unknown>);
        if (isBad(row)) result.bad.push(row);
        else result.rows.push(row);
    });
    return result;
}

/** Splits CSV text into records (RFC 4180: quoted fields may hold commas, quotes as "" and newlines). */
export function csvRecords(content: string): Array<{ line: number; fields: string[]; raw: string; error?: string }> {
    const records: Array<{ line: number; fields: string[]; raw: string; error?: string }> = [];
    let line = 1;
    let i = 0;
    const text = content.replace(/^\uFEFF/, "");
    while (i < text.length) {
        const startLine = line;
        const start = i;
        const fields: string[] = [];
        let field = "";
        let error: string | undefined;
        for (;;) {
            if (text[i] === '"') {
                // Quoted field.
                i++;
                for (;;) {
                    if (i >= text.length) {
                        error = "a quoted field is not closed";
                        break;
                    }
                    const c = text[i]!;
                    if (c === '"' && text[i + 1] === '"') {
                        field += '"';
                        i += 2;
                    } else if (c === '"') {
                        i++;
                        break;
                    } else {
                        if (c === "\n") line++;
                        field += c;
                        i++;
                    }
                }
                while (i < text.length && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
                    if (!/\s/.test(text[i]!)) error ??= "text after a closing quote";
                    i++;
                }
            } else {
                while (i < text.length && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") field += text[i++];
            }
            fields.push(field);
            field = "";
            if (text[i] === ",") {
                i++;
                continue;
            }
            break;
        }
        const raw = text.slice(start, i);
        if (text[i] === "\r") i++;
        if (text[i] === "\n") i++;
        line++;
        records.push(error ? { line: startLine, fields, raw, error } : { line: startLine, fields, raw });
    }
    return records;
}

const COLUMNS = ["user_id", "email", "displayname"] as const;

export function parseCsv(content: string): ParsedImport {
    const result: ParsedImport = { rows: [], bad: [] };
    let columns: readonly string[] = COLUMNS;
    let first = true;
    for (const record of csvRecords(content)) {
        const trimmed = record.fields.map((f) => f.trim());
        if (trimmed.every((f) => f === "") || trimmed[0]?.startsWith("#")) continue;
        if (first) {
            first = false;
            const names = trimmed.map((f) => f.toLowerCase());
            if (names.includes("user_id") && names.includes("email")) {
                columns = names;
                continue;
            }
        }
        if (record.error) {
            result.bad.push({ line: record.line, raw: shorten(record.raw), error: record.error });
            continue;
        }
        if (trimmed.length > columns.length) {
            result.bad.push({
                line: record.line,
                raw: shorten(record.raw),
                error: `expected at most ${columns.length} fields (${columns.join(",")}), got ${trimmed.length}`,
            });
            continue;
        }
        const fields: Record<string, unknown> = {};
        columns.forEach((name, index) => {
            if (trimmed[index] !== undefined) fields[name] = trimmed[index];
        });
        const row = fieldsToRow(record.line, record.raw, fields);
        if (isBad(row)) result.bad.push(row);
        else result.rows.push(row);
    }
    return result;
}
