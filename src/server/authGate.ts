/**
 * Authenticates a request before the adapter sees it, so every failure is answered here: 401
 * with a fixed body for anything wrong with the token, 503 when the identity provider cannot be
 * reached. botbuilder alone answers a forged token with 500 and jsonwebtoken's message, and
 * prints stack traces; here the reason goes to one structured log line and nothing else
 * (botbuilder's own console.error for a failed verify is dropped: quietBotbuilderVerifyNoise).
 */
import { AuthenticationConstants, type AuthenticateRequestResult, type BotFrameworkAuthentication } from 'botframework-connector';
// Not re-exported by the package index; its static metadata cache is where key fetchers live.
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';
import type { Activity } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotCredentials } from '../config';
import type { Logger } from '../log';
import { IdentityKeys, KeysUnavailableError } from './identityKeys';

export const UNAUTHORIZED_BODY = { error: 'Unauthorized.' };
export const PROVIDER_UNAVAILABLE_BODY = { error: 'The identity provider could not be reached; please retry.' };

/** `result`: the SDK's own, handed to the adapter so the token is verified once (processTurn.ts). */
export type AuthOutcome = { ok: true; result: AuthenticateRequestResult } | { ok: false; status: 401 | 503; body: { error: string } };

/** The channel and emulator metadata URLs this deployment trusts (overridable for tests and sovereign clouds). */
export function metadataUrls(bot: BotCredentials): { channel: string; emulator: string } {
  return {
    channel: bot.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    emulator: bot.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  };
}

/**
 * Whether a console.error call is one of the two botbuilder makes in JwtTokenExtractor when a
 * token fails to verify: jsonwebtoken's TokenExpiredError (with its stack), or "Error finding
 * key for token. Available keys: …". Both are failures the gate logs as one `auth.refused`
 * line; printed raw, they are unstructured stderr any caller can trigger at will.
 */
export function isBotbuilderVerifyNoise(args: unknown[]): boolean {
  if (args.length !== 1) return false;
  const [arg] = args;
  if (arg instanceof Error) return arg.name === 'TokenExpiredError';
  return typeof arg === 'string' && arg.startsWith('Error finding key for token. Available keys:');
}

let quieted = false;
/**
 * Drops exactly those two console.error calls (botbuilder has no option to turn them off);
 * every other console.error passes through unchanged. Installed once, with authentication on.
 */
export function quietBotbuilderVerifyNoise(): void {
  if (quieted) return;
  quieted = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (!isBotbuilderVerifyNoise(args)) original(...args);
  };
}

/**
 * Puts bounded key fetchers in botbuilder's per-URL metadata cache (a static map on
 * JwtTokenExtractor), so its validation path uses them, and quiets its raw verify-failure
 * output (the gate logs each failure). Returns the channel's.
 */
export function installIdentityKeys(bot: BotCredentials, log: Logger): IdentityKeys {
  quietBotbuilderVerifyNoise();
  const urls = metadataUrls(bot);
  const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache: Map<string, unknown> }).openIdMetadataCache;
  const channel = new IdentityKeys(urls.channel, log);
  cache.set(urls.channel, channel);
  if (urls.emulator !== urls.channel) cache.set(urls.emulator, new IdentityKeys(urls.emulator, log));
  return channel;
}

/** The issuer a token claims, for the log line only (never trusted, never the token). */
function claimedIssuer(authHeader: string): string | undefined {
  const payload = authHeader.split(' ')[1]?.split('.')[1];
  if (!payload) return undefined;
  try {
    const iss = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown }).iss;
    return typeof iss === 'string' ? iss.slice(0, 120) : undefined;
  } catch {
    return undefined;
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof KeysUnavailableError) return 'provider_unavailable';
  const name = err instanceof Error ? err.name : typeof err;
  const message = err instanceof Error ? err.message : '';
  if (name === 'TokenExpiredError' || /expired/i.test(message)) return 'expired';
  if (/signature/i.test(message)) return 'bad_signature';
  if (/algorithm/i.test(message)) return 'bad_algorithm';
  if (/issuer/i.test(message)) return 'bad_issuer';
  if (/audience|AppId/i.test(message)) return 'bad_audience';
  if (/serviceurl/i.test(message)) return 'bad_service_url';
  if (/Signing Key/i.test(message)) return 'unknown_key';
  if (/malformed|jwt must be|invalid token/i.test(message)) return 'malformed_token';
  return 'unauthorized';
}

export class AuthGate {
  private readonly auth: BotFrameworkAuthentication;

  constructor(adapter: TeamsAdapter, private readonly keys: IdentityKeys, private readonly log: Logger) {
    this.auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
  }

  async check(activity: Partial<Activity>, authHeader: string | undefined): Promise<AuthOutcome> {
    const header = typeof authHeader === 'string' ? authHeader : '';
    if (!/^Bearer [A-Za-z0-9_\-.]+$/.test(header)) {
      this.log.warn('auth.refused', { reason: header ? 'malformed_header' : 'no_token' });
      return { ok: false, status: 401, body: UNAUTHORIZED_BODY };
    }
    // Without keys nothing can be verified; say so quickly rather than wait per request.
    if (!(await this.keys.ready())) {
      this.log.warn('auth.refused', { reason: 'provider_unavailable', issuer: claimedIssuer(header) });
      return { ok: false, status: 503, body: PROVIDER_UNAVAILABLE_BODY };
    }
    try {
      return { ok: true, result: await this.auth.authenticateRequest(activity as Activity, header) };
    } catch (err) {
      const reason = reasonOf(err);
      this.log.warn('auth.refused', { reason, issuer: claimedIssuer(header) });
      return reason === 'provider_unavailable' ? { ok: false, status: 503, body: PROVIDER_UNAVAILABLE_BODY } : { ok: false, status: 401, body: UNAUTHORIZED_BODY };
    }
  }
}
