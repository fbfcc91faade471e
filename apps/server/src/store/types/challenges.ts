// Single-use challenges (WebAuthn ceremonies and the like), found only by the hash of their token.

export interface Challenge {
  id: string;
  projectId: string | null;
  purpose: string;
  payload: unknown;
  expiresAt: Date;
  createdAt: Date;
}

export interface NewChallenge {
  id: string;
  projectId: string | null;
  purpose: string;
  tokenHashHex: string;
  payload: unknown;
  expiresAt: Date;
  createdAt: Date;
}

export interface ChallengesStore {
  insertChallenge(challenge: NewChallenge): Promise<Challenge>;
  /**
   * Atomically removes and returns the challenge with this purpose and token hash. Only one of any
   * number of concurrent callers gets it; an expired challenge is removed and null is returned.
   */
  consumeChallenge(input: { purpose: string; tokenHashHex: string; now: Date }): Promise<Challenge | null>;
  deleteExpiredChallenges(now: Date): Promise<number>;
}
