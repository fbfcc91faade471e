// A project's allowed redirect origins (docs/api.md §1, §4.1). Threat: an invite that sends the person,
// with a signed result, to a site the business does not own (an open redirect under POY's name). So a
// redirect URL must be on one of the listed origins when the project lists any; origins are stored
// normalized (scheme, host, port; https unless the host is local) so the comparison is exact.

export type RedirectOriginProblem = 'not_a_url' | 'not_an_origin' | 'not_https';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLocalHost(hostname: string): boolean {
  return LOCAL_HOSTS.has(hostname) || hostname.endsWith('.localhost');
}

/**
 * `https://a.example` from `https://A.example:443/`; a problem for anything with a path, query,
 * fragment or credentials, and for http on a non-local host.
 */
export function normalizeRedirectOrigin(
  value: string,
): { ok: true; origin: string } | { ok: false; problem: RedirectOriginProblem } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: 'not_a_url' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'not_an_origin' };
  if (
    url.username !== '' ||
    url.password !== '' ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== '' ||
    // `https://a.example/` is fine, `https://a.example/x` or `…?` is not an origin.
    /[?#]/.test(value)
  ) {
    return { ok: false, problem: 'not_an_origin' };
  }
  if (url.protocol === 'http:' && !isLocalHost(url.hostname)) return { ok: false, problem: 'not_https' };
  return { ok: true, origin: url.origin };
}

/** True when the project lists no origins, or the URL's origin is one of them. */
export function isRedirectUrlAllowed(allowedOrigins: readonly string[], redirectUrl: string): boolean {
  if (allowedOrigins.length === 0) return true;
  let origin: string;
  try {
    origin = new URL(redirectUrl).origin;
  } catch {
    return false;
  }
  return allowedOrigins.some((allowed) => {
    const normalized = normalizeRedirectOrigin(allowed);
    return normalized.ok && normalized.origin === origin;
  });
}
