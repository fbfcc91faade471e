// Automation the server sees for itself in a request's headers (docs/assurance.md §5). The page's own
// report (navigator.webdriver) is never asked for: a script simply would not send it. These tells stop
// only tools that announce themselves; a browser configured to look like a phone passes them, which is
// why the camera challenge, not this, carries the decision.
const AUTOMATION_USER_AGENT =
  /HeadlessChrome|PhantomJS|Electron\/|puppeteer|playwright|selenium|webdriver|python-requests|python-urllib|aiohttp|curl\/|wget\/|node-fetch|undici|axios\/|Go-http-client|okhttp|Java\/|libwww|httpie/i;

export interface RequestHeadersSeen {
  userAgent: string | null;
}

/** True when the request's own headers say a tool, not a person's browser, sent it. */
export function observeAutomation(headers: RequestHeadersSeen): boolean {
  const userAgent = headers.userAgent?.trim() ?? '';
  return userAgent === '' || AUTOMATION_USER_AGENT.test(userAgent);
}
