import pino, { type Logger } from 'pino';

/** Tokens, secrets and Authorization headers never reach the log. */
export const redactPaths = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'access_token',
  'client_secret',
  'clientSecret',
  '*.access_token',
  '*.client_secret',
];

export function createSandboxLogger(level: string = process.env.GRAPH_SANDBOX_LOG_LEVEL ?? 'silent'): Logger {
  return pino({ name: 'graph-sandbox', level, redact: { paths: redactPaths, censor: '[redacted]' } });
}
