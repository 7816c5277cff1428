/**
 * Sign-in for the Salesforce test server: users, the tokens it issued, and the three ways in
 * (SOAP login, the OAuth token endpoint's password / refresh_token / authorization_code grants
 * with PKCE, and the authorize page of the web-server flow), answered as Salesforce does.
 */
import { createHash, randomBytes } from 'node:crypto';

export const ORG_ID = '00D000000000001EAA';

export interface TestUser {
  username: string;
  password: string;
  /** Appended to the password by API clients unless the caller's IP is trusted (undefined here). */
  securityToken?: string;
  displayName?: string;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, string>;
}

interface PendingCode {
  user: TestUser;
  redirectUri: string;
  challenge: string;
}

const token = (bytes = 30): string => randomBytes(bytes).toString('base64url');

function oauthError(error: string, description: string, status = 400): TokenAnswer {
  return { status, body: { error, error_description: description } };
}

function xmlText(body: string, tag: string): string | null {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(body);
  if (!m) return null;
  return m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

export class TestAuth {
  private readonly access = new Map<string, TestUser>();
  private readonly refresh = new Map<string, TestUser>();
  private readonly codes = new Map<string, PendingCode>();
  readonly counts = { soapLogins: 0, passwordGrants: 0, refreshGrants: 0, codeGrants: 0, refused: 0 };
  /** Refuse every access token, even fresh ones (a broken org): clients must not refresh forever. */
  refuseAllTokens = false;
  /** Who the authorize page signs in (null: the user clicks "Deny"). */
  authorizeAs: string | null;

  constructor(
    readonly users: TestUser[],
    readonly clientId: string,
    readonly clientSecret: string,
    private readonly baseUrl: () => string,
  ) {
    this.authorizeAs = users[0]?.username ?? null;
  }

  userId(user: TestUser): string {
    return `005${String(this.users.indexOf(user) + 1).padStart(12, '0')}AAA`;
  }

  identityUrl(user: TestUser): string {
    return `${this.baseUrl()}/id/${ORG_ID}/${this.userId(user)}`;
  }

  private user(username: string | null | undefined): TestUser | undefined {
    return this.users.find((u) => u.username.toLowerCase() === (username ?? '').toLowerCase());
  }

  private checkPassword(username: string | null, password: string | null): TestUser | undefined {
    const user = this.user(username);
    return user && password === user.password + (user.securityToken ?? '') ? user : undefined;
  }

  /** A new valid access token (for the `token` auth in tests). */
  issueAccessToken(username?: string): string {
    const user = this.user(username) ?? this.users[0]!;
    const t = `${ORG_ID}!${token()}`;
    this.access.set(t, user);
    return t;
  }

  issueRefreshToken(username?: string): string {
    const user = this.user(username) ?? this.users[0]!;
    const t = `5Aep${token(40)}`;
    this.refresh.set(t, user);
    return t;
  }

  /** Every access token issued so far is refused from now on; those issued later are accepted. */
  expireAccessTokens(): void {
    this.access.clear();
  }

  revokeRefreshTokens(): void {
    this.refresh.clear();
  }

  /** The user behind `Authorization: Bearer …` (or an identity URL's oauth_token), if valid. */
  bearer(header: string | undefined, queryToken?: string | null): TestUser | undefined {
    const t = queryToken ?? /^Bearer (.+)$/i.exec(header ?? '')?.[1];
    const user = t && !this.refuseAllTokens ? this.access.get(t) : undefined;
    if (!user) this.counts.refused++;
    return user;
  }

  soapLogin(body: string, version: string): { status: number; xml: string } {
    this.counts.soapLogins++;
    const user = this.checkPassword(xmlText(body, 'username'), xmlText(body, 'password'));
    const envelope = (inner: string): string =>
      '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
      'xmlns="urn:partner.soap.sforce.com" xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`;
    if (!user) {
      const reason = 'Invalid username, password, security token; or user locked out.';
      return {
        status: 500,
        xml: envelope(`<soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: ${reason}</faultstring>` +
          `<detail><sf:LoginFault xsi:type="sf:LoginFault"><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode><sf:exceptionMessage>${reason}</sf:exceptionMessage></sf:LoginFault></detail></soapenv:Fault>`),
      };
    }
    const session = this.issueAccessToken(user.username);
    const server = `${this.baseUrl()}/services/Soap/u/${version}/${ORG_ID}`;
    return {
      status: 200,
      xml: envelope(`<loginResponse><result><metadataServerUrl>${this.baseUrl()}/services/Soap/m/${version}/${ORG_ID}</metadataServerUrl>` +
        `<passwordExpired>false</passwordExpired><sandbox>false</sandbox><serverUrl>${server}</serverUrl><sessionId>${session}</sessionId>` +
        `<userId>${this.userId(user)}</userId><userInfo><organizationId>${ORG_ID}</organizationId><userEmail>${user.username}</userEmail>` +
        `<userFullName>${user.displayName ?? user.username}</userFullName><userId>${this.userId(user)}</userId><userName>${user.username}</userName></userInfo></result></loginResponse>`),
    };
  }

  private tokens(user: TestUser, withRefresh: boolean): TokenAnswer {
    return {
      status: 200,
      body: {
        access_token: this.issueAccessToken(user.username),
        ...(withRefresh ? { refresh_token: this.issueRefreshToken(user.username) } : {}),
        signature: token(32),
        scope: 'api refresh_token',
        instance_url: this.baseUrl(),
        id: this.identityUrl(user),
        token_type: 'Bearer',
        issued_at: String(Date.now()),
      },
    };
  }

  /** POST /services/oauth2/token. */
  tokenGrant(params: URLSearchParams): TokenAnswer {
    const grant = params.get('grant_type');
    if (params.get('client_id') !== this.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
    const secret = params.get('client_secret');
    // The secret is required for the password grant; optional with PKCE and refresh tokens, but checked when sent.
    if ((grant === 'password' || secret !== null) && secret !== this.clientSecret) return oauthError('invalid_client', 'invalid client credentials');
    if (grant === 'password') {
      this.counts.passwordGrants++;
      const user = this.checkPassword(params.get('username'), params.get('password'));
      return user ? this.tokens(user, false) : oauthError('invalid_grant', 'authentication failure');
    }
    if (grant === 'refresh_token') {
      this.counts.refreshGrants++;
      const user = this.refresh.get(params.get('refresh_token') ?? '');
      return user ? this.tokens(user, false) : oauthError('invalid_grant', 'expired access/refresh token');
    }
    if (grant === 'authorization_code') {
      this.counts.codeGrants++;
      const code = params.get('code') ?? '';
      const pending = this.codes.get(code);
      this.codes.delete(code);
      if (!pending) return oauthError('invalid_grant', 'invalid authorization code');
      if (params.get('redirect_uri') !== pending.redirectUri) return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
      const verifier = params.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) {
        return oauthError('invalid_grant', 'invalid code verifier');
      }
      return this.tokens(pending.user, true);
    }
    return oauthError('unsupported_grant_type', 'grant type not supported');
  }

  /** GET /services/oauth2/authorize: signs `authorizeAs` in at once and redirects with a code. */
  authorize(params: URLSearchParams): { status: number; location?: string; text?: string } {
    if (params.get('client_id') !== this.clientId) return { status: 400, text: 'error=invalid_client_id&error_description=client identifier invalid' };
    const redirect = params.get('redirect_uri') ?? '';
    if (!/^https?:\/\//.test(redirect)) return { status: 400, text: 'error=redirect_uri_mismatch&error_description=redirect_uri must match configuration' };
    const back = new URL(redirect);
    const state = params.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const challenge = params.get('code_challenge');
    const user = this.user(this.authorizeAs);
    if (params.get('response_type') !== 'code' || !challenge) {
      back.searchParams.set('error', 'invalid_request');
      back.searchParams.set('error_description', 'missing required code challenge');
    } else if (!user) {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'end-user denied authorization');
    } else {
      // Salesforce's codes end in "==", so they must be URL-encoded on the way back.
      const code = `aPrx${token(40)}==`;
      this.codes.set(code, { user, redirectUri: redirect, challenge });
      back.searchParams.set('code', code);
    }
    return { status: 302, location: back.toString() };
  }

  identity(user: TestUser): Record<string, unknown> {
    return {
      id: this.identityUrl(user),
      asserted_user: true,
      user_id: this.userId(user),
      organization_id: ORG_ID,
      username: user.username,
      nick_name: user.username.split('@')[0],
      display_name: user.displayName ?? user.username,
      email: user.username,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
    };
  }
}
