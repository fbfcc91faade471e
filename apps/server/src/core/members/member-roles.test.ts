import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canAssignRole, canPerform, DASHBOARD_ACTIONS, MEMBER_ROLES } from './member-roles.ts';

describe('member roles', () => {
  it('lets a viewer read and nothing else', () => {
    for (const action of DASHBOARD_ACTIONS) {
      assert.equal(canPerform('viewer', action), action === 'dashboard.read', action);
    }
  });

  it('gives an owner every action, and each weaker role a subset of the stronger one', () => {
    for (const action of DASHBOARD_ACTIONS) assert.ok(canPerform('owner', action), action);
    for (let index = 1; index < MEMBER_ROLES.length; index += 1) {
      const stronger = MEMBER_ROLES[index - 1];
      const weaker = MEMBER_ROLES[index];
      if (stronger === undefined || weaker === undefined) continue;
      for (const action of DASHBOARD_ACTIONS) {
        if (canPerform(weaker, action)) assert.ok(canPerform(stronger, action), `${stronger} ${action}`);
      }
    }
  });

  it('lets a developer manage keys and webhooks but not the project, members or verifications', () => {
    assert.ok(canPerform('developer', 'key.create'));
    assert.ok(canPerform('developer', 'webhook.manage'));
    assert.equal(canPerform('developer', 'project.update'), false);
    assert.equal(canPerform('developer', 'member.manage'), false);
    assert.equal(canPerform('developer', 'verification.manage'), false);
  });

  it('keeps the owner role for owners to give', () => {
    assert.ok(canAssignRole('owner', 'owner'));
    assert.equal(canAssignRole('admin', 'owner'), false);
    assert.ok(canAssignRole('admin', 'developer'));
    assert.equal(canAssignRole('developer', 'viewer'), false);
  });
});
