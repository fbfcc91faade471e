// Test support: an in-memory stand-in for what the HTTP layer feeds the pages (loadInvite,
// resolveShortCode, subscribeToInvite), so page tests and screenshots need no store. Not used at runtime.
import type { InvitePageModel } from '../../src/web/invite-page-model.ts';

export interface InvitePageFixture {
  add(code: string, invite: Partial<InvitePageModel>): InvitePageModel;
  /** Changes an invite and notifies its subscribers, as a state change in the store would. */
  update(code: string, patch: Partial<InvitePageModel>): void;
  subscriberCount(code: string): number;
  loadCount(code: string): number;
  loadInvite(code: string): Promise<InvitePageModel | null>;
  resolveShortCode(shortCode: string): Promise<string | null>;
  subscribeToInvite(code: string, onChange: () => void): () => void;
  /** The page tests here do not cover profiles (test/routes/profiles.test.ts does, on the real app). */
  loadProfile(poyCode: string): Promise<null>;
}

export function createInvitePageFixture(publicUrl = 'http://localhost:8080'): InvitePageFixture {
  const invites = new Map<string, InvitePageModel>();
  const subscribers = new Map<string, Set<() => void>>();
  const loads = new Map<string, number>();
  const canonical = (shortCode: string): string => shortCode.replace(/-/g, '');

  return {
    add(code, invite) {
      const model: InvitePageModel = {
        status: 'PENDING',
        projectName: 'Acme Forum',
        branding: { displayName: 'Acme Forum', color: null, logoUrl: null },
        mode: 'live',
        dataRequestType: 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID',
        shortCode: 'ABCD-2345',
        inviteUrl: `${publicUrl}/i/${code}`,
        redirectUrl: null,
        expiresAt: new Date('2030-01-01T12:00:00Z'),
        device: 'unbound',
        projectSiteUrl: null,
        ...invite,
      };
      invites.set(code, model);
      return model;
    },
    update(code, patch) {
      const current = invites.get(code);
      if (current === undefined) throw new Error(`no invite ${code}`);
      invites.set(code, { ...current, ...patch });
      for (const listener of subscribers.get(code) ?? []) listener();
    },
    subscriberCount: (code) => subscribers.get(code)?.size ?? 0,
    loadCount: (code) => loads.get(code) ?? 0,
    async loadInvite(code) {
      loads.set(code, (loads.get(code) ?? 0) + 1);
      return invites.get(code) ?? null;
    },
    async resolveShortCode(shortCode) {
      for (const [code, invite] of invites) {
        if (canonical(invite.shortCode) === shortCode && invite.status === 'PENDING') return code;
      }
      return null;
    },
    async loadProfile() {
      return null;
    },
    subscribeToInvite(code, onChange) {
      const set = subscribers.get(code) ?? new Set();
      subscribers.set(code, set);
      set.add(onChange);
      return () => {
        set.delete(onChange);
      };
    },
  };
}
