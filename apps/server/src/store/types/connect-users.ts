// Connect users: a business's own user (its reference id), linked to a human once verified.
import type { KeyMode } from './tenancy.ts';

export type DataRequestType = 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID' | 'IS_PHONE_NUMBER_VERIFIED';
export type ConnectUserStatus =
  | 'PENDING'
  | 'IN_REVIEW'
  | 'VERIFIED'
  | 'UNFULFILLABLE'
  | 'REVOKED'
  | 'EXPIRED';
export type UnfulfillableReason = 'DUPLICATE_HUMAN' | 'FAILED_CHECKS' | 'EXPIRED';

export interface ConnectUser {
  id: string;
  projectId: string;
  mode: KeyMode;
  referenceUserId: string;
  dataRequestType: DataRequestType;
  uniquenessRegionId: string | null;
  redirectUrl: string | null;
  status: ConnectUserStatus;
  unfulfillableReason: UnfulfillableReason | null;
  humanId: string | null;
  humannessScore: number | null;
  uniqueHumanId: string | null;
  verifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewConnectUser = Omit<
  ConnectUser,
  'status' | 'unfulfillableReason' | 'humanId' | 'humannessScore' | 'uniqueHumanId' | 'verifiedAt'
>;

export type ConnectUserPatch = Partial<
  Pick<
    ConnectUser,
    | 'status'
    | 'unfulfillableReason'
    | 'humanId'
    | 'humannessScore'
    | 'uniqueHumanId'
    | 'verifiedAt'
    | 'redirectUrl'
    | 'dataRequestType'
    | 'uniquenessRegionId'
  >
> & { updatedAt: Date };

export interface ConnectUserKey {
  projectId: string;
  mode: KeyMode;
  /** Exactly one of the two. */
  referenceUserId?: string;
  userId?: string;
}

export interface ConnectUsersStore {
  /** Returns null when (project, mode, reference_user_id) already exists. */
  insertConnectUser(user: NewConnectUser): Promise<ConnectUser | null>;
  /** With `forUpdate`, locks the row until the surrounding transaction ends. */
  findConnectUser(key: ConnectUserKey, options?: { forUpdate?: boolean }): Promise<ConnectUser | null>;
  findConnectUserById(id: string): Promise<ConnectUser | null>;
  listConnectUsersByHuman(humanId: string): Promise<ConnectUser[]>;
  updateConnectUser(id: string, patch: ConnectUserPatch): Promise<ConnectUser>;
  deleteConnectUser(id: string): Promise<boolean>;
}
