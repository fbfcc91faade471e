// The shared test vectors, read for the TypeScript suites (server, SDK, wire). Every file is first
// checked against SHA256SUMS, so one changed byte anywhere fails every suite that reads it, even in a
// case whose answer it would not change; then the JSON is narrowed field by field (no casts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const DIR = new URL('.', import.meta.url);
const MODES = ['live', 'test'] as const;

export interface WebhookVector {
  name: string;
  why: string;
  scheme: 'poy' | 'connect' | 'standard';
  sent: {
    surface: 'poy' | 'connect';
    secrets: { current: string; previous: string | null };
    webhookId: string;
    timestamp: number;
    body: string;
  };
  sentHeaders: Record<string, string>;
  received: { body: string; headers: Record<string, string> };
  receiver: { secret: string; now: number; toleranceSeconds: number };
  valid: boolean;
}

export interface StampStatementVector {
  stampId: string;
  mode: 'live' | 'test';
  contentHash: string;
  contentType: string;
  createdBy: string;
  createdAt: string;
}

export interface StampVectors {
  jwks: { keys: unknown[] };
  statements: Array<{
    name: string;
    statement: StampStatementVector;
    bytesHex: string | null;
    invalidField: string | null;
  }>;
  stamps: Array<{
    name: string;
    why: string;
    signed: { statement: StampStatementVector; bytesHex: string };
    stamp: {
      stampId: string;
      signature: string;
      createdBy: string;
      createdAt: string;
      keyId: string;
      format: string;
      contentType: string;
    };
    content: string | null;
    contentHash: string | null;
    acceptTest: boolean;
    expected:
      | { valid: true; mode: 'live' | 'test'; keyId: string; contentHash: string }
      | { valid: false; reason: string };
  }>;
}

export interface SessionVector {
  name: string;
  why: string;
  token: string;
  signed: { header: Record<string, unknown>; claims: Record<string, unknown> } | null;
  /** The key set to verify against: the file's, or the case's own. */
  jwks: unknown;
  /** The case has a key set of its own (not the file's). */
  ownJwks: boolean;
  expect: {
    now: number;
    issuer?: string;
    audience?: string;
    projectId?: string;
    mode?: 'live' | 'test';
    clockToleranceSeconds?: number;
  };
  expected: { valid: true; claims: Record<string, unknown> } | { valid: false; reason: string };
}

export interface RedirectVector {
  name: string;
  why: string;
  token: string;
  signed: { header: Record<string, unknown>; claims: Record<string, unknown> } | null;
  /** The key set to verify against: the file's, or the case's own. */
  jwks: unknown;
  expect: {
    now: number;
    projectId: string;
    issuer?: string;
    mode?: 'live' | 'test';
    clockToleranceSeconds?: number;
  };
  expected: { valid: true; claims: Record<string, unknown> } | { valid: false; reason: string };
}

/** The raw bytes of a vector file, after checking them against SHA256SUMS. */
export function readVectorFile(name: string): string {
  const sums = readFileSync(new URL('SHA256SUMS', DIR), 'utf8');
  const expected = new RegExp(`^([0-9a-f]{64})  ${name.replace('.', '\\.')}$`, 'm').exec(sums)?.[1];
  if (expected === undefined) throw new Error(`SHA256SUMS has no line for ${name}`);
  const bytes = readFileSync(new URL(name, DIR));
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== expected) {
    throw new Error(`spec/test-vectors/${name} changed (SHA-256 ${actual}, SHA256SUMS says ${expected})`);
  }
  return bytes.toString('utf8');
}

// --- narrowing -----------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function fail(path: string, what: string): never {
  throw new Error(`test vector ${path} should be ${what}`);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object');
  return Object.fromEntries(Object.entries(value));
}

function array(value: unknown, path: string): unknown[] {
  return Array.isArray(value) ? value : fail(path, 'an array');
}

function string(value: unknown, path: string): string {
  return typeof value === 'string' ? value : fail(path, 'a string');
}

function number(value: unknown, path: string): number {
  return typeof value === 'number' ? value : fail(path, 'a number');
}

function boolean(value: unknown, path: string): boolean {
  return typeof value === 'boolean' ? value : fail(path, 'a boolean');
}

function optional<T>(value: unknown, read: (value: unknown, path: string) => T, path: string): T | undefined {
  return value === undefined ? undefined : read(value, path);
}

function oneOf<T extends string>(value: unknown, choices: readonly T[], path: string): T {
  const found = choices.find((choice) => choice === value);
  return found ?? fail(path, choices.join(' | '));
}

function modeOf(value: unknown, path: string): 'live' | 'test' {
  return oneOf(value, MODES, path);
}

function stringRecord(value: unknown, path: string): Record<string, string> {
  const record = object(value, path);
  return Object.fromEntries(
    Object.entries(record).map(([key, item]) => [key, string(item, `${path}.${key}`)]),
  );
}

function parse(name: string): Json {
  const value: unknown = JSON.parse(readVectorFile(name));
  return object(value, name);
}

// --- the files -------------------------------------------------------------------------------

export function readWebhookVectors(): WebhookVector[] {
  const file = parse('webhook-signatures.json');
  return array(file.cases, 'cases').map((item, index) => {
    const path = `webhook-signatures.json cases[${index}]`;
    const entry = object(item, path);
    const sent = object(entry.sent, `${path}.sent`);
    const secrets = object(sent.secrets, `${path}.sent.secrets`);
    const received = object(entry.received, `${path}.received`);
    const receiver = object(entry.receiver, `${path}.receiver`);
    return {
      name: string(entry.name, `${path}.name`),
      why: string(entry.why, `${path}.why`),
      scheme: oneOf(entry.scheme, ['poy', 'connect', 'standard'], `${path}.scheme`),
      sent: {
        surface: oneOf(sent.surface, ['poy', 'connect'], `${path}.sent.surface`),
        secrets: {
          current: string(secrets.current, `${path}.sent.secrets.current`),
          previous:
            secrets.previous === null ? null : string(secrets.previous, `${path}.sent.secrets.previous`),
        },
        webhookId: string(sent.webhookId, `${path}.sent.webhookId`),
        timestamp: number(sent.timestamp, `${path}.sent.timestamp`),
        body: string(sent.body, `${path}.sent.body`),
      },
      sentHeaders: stringRecord(entry.sentHeaders, `${path}.sentHeaders`),
      received: {
        body: string(received.body, `${path}.received.body`),
        headers: stringRecord(received.headers, `${path}.received.headers`),
      },
      receiver: {
        secret: string(receiver.secret, `${path}.receiver.secret`),
        now: number(receiver.now, `${path}.receiver.now`),
        toleranceSeconds: number(receiver.toleranceSeconds, `${path}.receiver.toleranceSeconds`),
      },
      valid: boolean(entry.valid, `${path}.valid`),
    };
  });
}

function statementOf(value: unknown, path: string): StampStatementVector {
  const statement = object(value, path);
  return {
    stampId: string(statement.stampId, `${path}.stampId`),
    mode: modeOf(statement.mode, `${path}.mode`),
    contentHash: string(statement.contentHash, `${path}.contentHash`),
    contentType: string(statement.contentType, `${path}.contentType`),
    createdBy: string(statement.createdBy, `${path}.createdBy`),
    createdAt: string(statement.createdAt, `${path}.createdAt`),
  };
}

export function readStampVectors(): StampVectors {
  const file = parse('stamps.json');
  const jwks = object(file.jwks, 'stamps.json jwks');
  return {
    jwks: { keys: array(jwks.keys, 'stamps.json jwks.keys') },
    statements: array(file.statements, 'statements').map((item, index) => {
      const path = `stamps.json statements[${index}]`;
      const entry = object(item, path);
      return {
        name: string(entry.name, `${path}.name`),
        statement: statementOf(entry.statement, `${path}.statement`),
        bytesHex: optional(entry.bytesHex, string, `${path}.bytesHex`) ?? null,
        invalidField: optional(entry.invalidField, string, `${path}.invalidField`) ?? null,
      };
    }),
    stamps: array(file.stamps, 'stamps').map((item, index) => {
      const path = `stamps.json stamps[${index}]`;
      const entry = object(item, path);
      const signed = object(entry.signed, `${path}.signed`);
      const stamp = object(entry.stamp, `${path}.stamp`);
      const expected = object(entry.expected, `${path}.expected`);
      const field = (name: string) => string(stamp[name], `${path}.stamp.${name}`);
      return {
        name: string(entry.name, `${path}.name`),
        why: string(entry.why, `${path}.why`),
        signed: {
          statement: statementOf(signed.statement, `${path}.signed.statement`),
          bytesHex: string(signed.bytesHex, `${path}.signed.bytesHex`),
        },
        stamp: {
          stampId: field('stampId'),
          signature: field('signature'),
          createdBy: field('createdBy'),
          createdAt: field('createdAt'),
          keyId: field('keyId'),
          format: field('format'),
          contentType: field('contentType'),
        },
        content: optional(entry.content, string, `${path}.content`) ?? null,
        contentHash: optional(entry.contentHash, string, `${path}.contentHash`) ?? null,
        acceptTest: boolean(entry.acceptTest, `${path}.acceptTest`),
        expected: boolean(expected.valid, `${path}.expected.valid`)
          ? {
              valid: true,
              mode: modeOf(expected.mode, `${path}.expected.mode`),
              keyId: string(expected.keyId, `${path}.expected.keyId`),
              contentHash: string(expected.contentHash, `${path}.expected.contentHash`),
            }
          : { valid: false, reason: string(expected.reason, `${path}.expected.reason`) },
      };
    }),
  };
}

/** The parts every signed-token case has (session tokens, redirect results), read the same way. */
function readJwsCase(entry: Record<string, unknown>, path: string, fileJwks: unknown) {
  const expected = object(entry.expected, `${path}.expected`);
  const signed = optional(entry.signed, object, `${path}.signed`);
  return {
    name: string(entry.name, `${path}.name`),
    why: string(entry.why, `${path}.why`),
    token: string(entry.token, `${path}.token`),
    signed:
      signed === undefined
        ? null
        : {
            header: object(signed.header, `${path}.signed.header`),
            claims: object(signed.claims, `${path}.signed.claims`),
          },
    jwks: entry.jwks ?? fileJwks,
    expected: boolean(expected.valid, `${path}.expected.valid`)
      ? { valid: true as const, claims: object(expected.claims, `${path}.expected.claims`) }
      : { valid: false as const, reason: string(expected.reason, `${path}.expected.reason`) },
  };
}

export function readSessionVectors(): SessionVector[] {
  const file = parse('session-tokens.json');
  return array(file.cases, 'cases').map((item, index) => {
    const path = `session-tokens.json cases[${index}]`;
    const entry = object(item, path);
    const expect = object(entry.expect, `${path}.expect`);
    const mode = optional(expect.mode, modeOf, `${path}.expect.mode`);
    const issuer = optional(expect.issuer, string, `${path}.expect.issuer`);
    const audience = optional(expect.audience, string, `${path}.expect.audience`);
    const projectId = optional(expect.projectId, string, `${path}.expect.projectId`);
    const tolerance = optional(expect.clockToleranceSeconds, number, `${path}.expect.clockToleranceSeconds`);
    return {
      ...readJwsCase(entry, path, file.jwks),
      ownJwks: entry.jwks !== undefined,
      expect: {
        now: number(expect.now, `${path}.expect.now`),
        ...(issuer === undefined ? {} : { issuer }),
        ...(audience === undefined ? {} : { audience }),
        ...(projectId === undefined ? {} : { projectId }),
        ...(mode === undefined ? {} : { mode }),
        ...(tolerance === undefined ? {} : { clockToleranceSeconds: tolerance }),
      },
    };
  });
}

export function readRedirectVectors(): RedirectVector[] {
  const file = parse('redirect-results.json');
  return array(file.cases, 'cases').map((item, index) => {
    const path = `redirect-results.json cases[${index}]`;
    const entry = object(item, path);
    const expect = object(entry.expect, `${path}.expect`);
    const mode = optional(expect.mode, modeOf, `${path}.expect.mode`);
    const issuer = optional(expect.issuer, string, `${path}.expect.issuer`);
    const tolerance = optional(expect.clockToleranceSeconds, number, `${path}.expect.clockToleranceSeconds`);
    return {
      ...readJwsCase(entry, path, file.jwks),
      expect: {
        now: number(expect.now, `${path}.expect.now`),
        projectId: string(expect.projectId, `${path}.expect.projectId`),
        ...(issuer === undefined ? {} : { issuer }),
        ...(mode === undefined ? {} : { mode }),
        ...(tolerance === undefined ? {} : { clockToleranceSeconds: tolerance }),
      },
    };
  });
}
