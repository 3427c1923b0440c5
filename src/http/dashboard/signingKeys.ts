import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * Entra ID's published token signing keys, found through its OpenID metadata and kept for a day.
 * An unknown key id (Entra rolls its keys) fetches them again, at most once in five minutes, so a
 * stream of forged key ids cannot make us hammer the endpoint.
 *
 * Written here rather than taken from a library: `jose` (the usual choice) is ESM-only from
 * version 6, which this project's CommonJS build and Jest cannot load, and `jwks-rsa` now pulls
 * it in. Node reads a JWK itself (createPublicKey), so what is left is two fetches and a cache.
 */
export class SigningKeys {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly openIdMetadataUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  async get(kid: string | undefined): Promise<KeyObject | undefined> {
    if (!kid) return undefined;
    const stale = this.now() - this.fetchedAt > 24 * 3_600_000;
    const mayRefetch = this.now() - this.fetchedAt > 5 * 60_000;
    if (stale || (!this.keys.has(kid) && mayRefetch)) await this.refresh();
    return this.keys.get(kid);
  }

  private refresh(): Promise<void> {
    this.refreshing ??= this.load().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async load(): Promise<void> {
    const metadata = (await (await fetch(this.openIdMetadataUrl, { signal: AbortSignal.timeout(5_000) })).json()) as { jwks_uri?: unknown };
    if (typeof metadata.jwks_uri !== 'string') throw new Error('OpenID metadata without jwks_uri');
    const jwks = (await (await fetch(metadata.jwks_uri, { signal: AbortSignal.timeout(5_000) })).json()) as { keys?: (JsonWebKey & { kid?: string })[] };
    const keys = new Map<string, KeyObject>();
    for (const jwk of jwks.keys ?? []) {
      if (!jwk.kid || jwk.kty !== 'RSA') continue;
      keys.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
    }
    this.keys = keys;
    this.fetchedAt = this.now();
  }
}
