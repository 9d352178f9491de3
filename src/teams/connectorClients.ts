/**
 * One Connector client per (bot app id, serviceUrl, audience), reused across turns, instead of
 * the one CloudAdapter builds for every turn: a ConnectorClient is an HTTP pipeline of a dozen
 * policies, a serializer and a credentials object, and building it (with the user token client
 * built beside it) was about 5% of a question turn's CPU. botbuilder's older BotFrameworkAdapter
 * kept its clients the same way. Nothing in a client is specific to a turn: the credentials
 * refresh their own tokens, and turnDeadline.ts's wrapped send methods act only on a turn's own
 * activities (wrapped once per client). A client whose creation failed is not kept. The map is
 * bounded, as serviceUrl comes from the activity (authenticated in production). Each client sends
 * its activities' bodies through activityBody.ts.
 */
import type { CloudAdapter } from 'botbuilder';
import { AuthenticationConstants, type ClaimsIdentity } from 'botframework-connector';
import { serialiseActivitiesOnce } from './activityBody';

interface ConnectorFactory { create(serviceUrl: string, audience?: string): Promise<unknown> }
interface AuthenticateResult { claimsIdentity: ClaimsIdentity; connectorFactory?: ConnectorFactory }
interface Authentication {
  authenticateRequest(activity: unknown, authHeader: string): Promise<AuthenticateResult>;
  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<unknown>;
}

export const MAX_CLIENTS = 64;

/** The app id the SDK builds a turn's clients for (ParameterizedBotFrameworkAuthentication's getAppId). */
function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** Keeps a promise of each client; drops it if it rejects; forgets the oldest past `max`. */
function memo<T>(max: number): (key: string, make: () => Promise<T>) => Promise<T> {
  const kept = new Map<string, Promise<T>>();
  return (key, make) => {
    let p = kept.get(key);
    if (!p) {
      p = make();
      kept.set(key, p);
      p.catch(() => kept.get(key) === p && kept.delete(key));
      if (kept.size > max) kept.delete(kept.keys().next().value as string);
    }
    return p;
  };
}

/** Makes the adapter reuse Connector and user token clients across turns (see above). */
export function reuseConnectorClients(adapter: CloudAdapter, max = MAX_CLIENTS): boolean {
  const auth = (adapter as unknown as { botFrameworkAuthentication?: Partial<Authentication> }).botFrameworkAuthentication;
  if (!auth || typeof auth.authenticateRequest !== 'function' || typeof auth.createUserTokenClient !== 'function') return false;
  const authenticate = auth.authenticateRequest.bind(auth);
  const userTokenClient = auth.createUserTokenClient.bind(auth);
  const connectors = memo<unknown>(max);
  const tokens = memo<unknown>(max);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticate(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const appId = appIdOf(result.claimsIdentity);
    const connectorFactory: ConnectorFactory = {
      create: (serviceUrl, audience) => connectors(`${appId}\n${serviceUrl}\n${audience ?? ''}`, async () => {
        const client = await factory.create(serviceUrl, audience);
        serialiseActivitiesOnce(client); // each reply's body built in one pass (activityBody.ts)
        return client;
      }),
    };
    return { ...result, connectorFactory };
  };
  auth.createUserTokenClient = (identity) => tokens(appIdOf(identity), () => userTokenClient(identity));
  return true;
}
