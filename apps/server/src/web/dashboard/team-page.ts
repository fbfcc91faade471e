// The team page (docs/dashboard.md §8): the account's members with their roles, and, for those who may
// manage members, the forms to change a role, remove a member (confirmed when scripts run), invite
// someone, and the invites still open. A new invite link is shown once, on the page the invite form
// lands on (a one-time flash), never again. Only roles the viewer may give are offered, and a member
// the viewer may not change shows no form; the server decides again on every request.
import { canAssignRole, canPerform, MEMBER_ROLES, type MemberRole } from '../../core/members/member-roles.ts';
import type { Member, MemberLink } from '../../store/store.ts';
import { type HtmlValue, html, messageHtml, type SafeHtml } from '../html.ts';
import type { MessageKey, Translator } from '../i18n/translate.ts';
import {
  csrfField,
  type DashboardPageViewer,
  type DashboardProjectRef,
  renderDashboardPage,
} from './dashboard-layout.ts';

const ROLE_DESCRIPTIONS: Readonly<Record<MemberRole, MessageKey>> = {
  owner: 'dash.team.roleDescription.owner',
  admin: 'dash.team.roleDescription.admin',
  developer: 'dash.team.roleDescription.developer',
  viewer: 'dash.team.roleDescription.viewer',
};

export interface TeamPageInput {
  translator: Translator;
  viewer: DashboardPageViewer & { memberId: string; accountId: string };
  projects: readonly DashboardProjectRef[];
  members: readonly Member[];
  /** Open invites; shown to those who may manage members only. */
  invites: readonly MemberLink[];
  /** A link just created by this member: shown this once. */
  newInvite: { url: string; expiresAt: Date } | null;
  /** A notice after a change (role changed, member removed). */
  notice: MessageKey | null;
  /** Why the last request changed nothing; shown at the top. */
  error: MessageKey | null;
  /** The invite form as it was sent, when it was refused. */
  inviteForm: { name: string; role: string };
}

function renderTime(at: Date): SafeHtml {
  const iso = at.toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

function roleName(translator: Translator, role: MemberRole): string {
  return translator.t(`dash.role.${role}`);
}

/** The roles the viewer may give (the select of the invite and role forms). */
function assignableRoles(viewerRole: MemberRole): MemberRole[] {
  return MEMBER_ROLES.filter((role) => canAssignRole(viewerRole, role));
}

function roleOptions(translator: Translator, roles: readonly MemberRole[], selected: string): SafeHtml[] {
  return roles.map(
    (role) =>
      html`<option value="${role}"${role === selected ? html` selected` : null}>${roleName(translator, role)}</option>`,
  );
}

function renderMemberRow(input: TeamPageInput, member: Member, ownerCount: number): SafeHtml {
  const { translator, viewer } = input;
  const { t } = translator;
  const you = member.id === viewer.memberId;
  // Offered only when the server would allow it; the last owner keeps their role and place.
  const manageable =
    canPerform(viewer.role, 'member.manage') &&
    canAssignRole(viewer.role, member.role) &&
    !(member.role === 'owner' && ownerCount <= 1);
  const roleCell: HtmlValue = manageable
    ? html`<form method="post" action="/dashboard/team/members/${member.id}/role" class="dash-inline-form team-role-form">${csrfField(viewer)}
<label for="role-${member.id}" class="visually-hidden">${t('dash.team.roleOf', { name: member.displayName })}</label>
<select id="role-${member.id}" name="role" class="team-role-select">${roleOptions(translator, assignableRoles(viewer.role), member.role)}</select>
<button type="submit" class="button button--small">${t('dash.team.changeRole')}<span class="visually-hidden"> ${t('dash.team.forMember', { name: member.displayName })}</span></button>
</form>`
    : roleName(translator, member.role);
  const removeCell: HtmlValue = manageable
    ? html`<form method="post" action="/dashboard/team/members/${member.id}/remove" class="dash-inline-form" data-confirm="${t(you ? 'dash.team.confirmRemoveSelf' : 'dash.team.confirmRemove', { name: member.displayName })}">${csrfField(viewer)}
<button type="submit" class="button button--small button--danger">${t('dash.team.remove')}<span class="visually-hidden"> ${member.displayName}</span></button>
</form>`
    : null;
  return html`<tr>
<th scope="row">${member.displayName}${you ? html` <span class="tag">${t('dash.team.you')}</span>` : null}</th>
<td>${roleCell}</td>
<td>${renderTime(member.createdAt)}</td>
${canPerform(viewer.role, 'member.manage') ? html`<td>${removeCell}</td>` : null}
</tr>`;
}

function renderMembers(input: TeamPageInput): SafeHtml {
  const { t } = input.translator;
  const ownerCount = input.members.filter((member) => member.role === 'owner').length;
  const manages = canPerform(input.viewer.role, 'member.manage');
  return html`<section aria-labelledby="team-members-heading">
<h2 id="team-members-heading">${t('dash.team.members.heading')}</h2>
<div class="dash-table-wrap">
<table class="dash-table team-table">
<caption>${t('dash.team.members.caption', { account: input.viewer.accountName })}</caption>
<thead><tr><th scope="col">${t('dash.team.column.name')}</th><th scope="col">${t('dash.team.column.role')}</th><th scope="col">${t('dash.team.column.joined')}</th>${manages ? html`<th scope="col">${t('dash.team.column.actions')}</th>` : null}</tr></thead>
<tbody>${input.members.map((member) => renderMemberRow(input, member, ownerCount))}</tbody>
</table>
</div>
${ownerCount <= 1 && manages ? html`<p class="hint">${t('dash.team.lastOwnerHint')}</p>` : null}
</section>`;
}

function renderInvite(input: TeamPageInput): HtmlValue {
  const { translator, viewer } = input;
  const { t } = translator;
  if (!canPerform(viewer.role, 'member.manage')) return null;
  const openInvites: HtmlValue =
    input.invites.length === 0
      ? html`<p>${t('dash.team.invites.empty')}</p>`
      : html`<div class="dash-table-wrap"><table class="dash-table">
<caption>${t('dash.team.invites.caption')}</caption>
<thead><tr><th scope="col">${t('dash.team.column.name')}</th><th scope="col">${t('dash.team.column.role')}</th><th scope="col">${t('dash.team.column.invited')}</th><th scope="col">${t('dash.team.column.expires')}</th></tr></thead>
<tbody>${input.invites.map(
          (invite) => html`<tr>
<td>${invite.displayName ?? t('dash.team.invites.noName')}</td>
<td>${roleName(translator, invite.role)}</td>
<td>${renderTime(invite.createdAt)}</td>
<td>${renderTime(invite.expiresAt)}</td>
</tr>`,
        )}</tbody>
</table></div>`;
  return html`<section aria-labelledby="team-invite-heading">
<h2 id="team-invite-heading">${t('dash.team.invite.heading')}</h2>
<p>${t('dash.team.invite.intro')}</p>
<form method="post" action="/dashboard/team/invite" class="dash-form">${csrfField(viewer)}
<label>${t('dash.team.invite.name')}
<span class="hint">${t('dash.team.invite.nameHint')}</span>
<input name="name" value="${input.inviteForm.name}" maxlength="100" autocomplete="off">
</label>
<label>${t('dash.team.invite.role')}
<select name="role">${roleOptions(translator, assignableRoles(viewer.role), input.inviteForm.role === '' ? 'developer' : input.inviteForm.role)}</select>
</label>
<p><button type="submit" class="button button--primary">${t('dash.team.invite.submit')}</button></p>
</form>
<p>${messageHtml(input.translator.template('dash.team.invite.cli'), { command: html`<code data-account-id="${viewer.accountId}">poy member invite --account ${viewer.accountId} --role developer</code>` })}</p>
<h3>${t('dash.team.invites.heading')}</h3>
${openInvites}
</section>`;
}

function renderNewInvite(input: TeamPageInput): HtmlValue {
  const { t } = input.translator;
  if (input.newInvite === null) return null;
  return html`<div class="secret-reveal" role="status">
<p><strong>${t('dash.team.newInvite.title')}</strong></p>
<p><code id="new-invite-link">${input.newInvite.url}</code></p>
<p><button type="button" class="button button--small" data-copy="#new-invite-link" data-copied-label="${t('dash.team.newInvite.copied')}" hidden>${t('dash.team.newInvite.copy')}</button></p>
<p>${t('dash.team.newInvite.body', { time: `${input.newInvite.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` })}</p>
</div>`;
}

function renderRoles(translator: Translator): SafeHtml {
  const { t } = translator;
  return html`<section aria-labelledby="team-roles-heading">
<h2 id="team-roles-heading">${t('dash.team.roles.heading')}</h2>
<dl class="team-roles">${MEMBER_ROLES.map((role) => html`<dt>${roleName(translator, role)}</dt><dd>${t(ROLE_DESCRIPTIONS[role])}</dd>`)}</dl>
</section>`;
}

export function renderTeamPage(input: TeamPageInput): SafeHtml {
  const { t } = input.translator;
  const body = html`${input.error === null ? null : html`<div class="dash-error" role="alert"><p>${t(input.error)}</p></div>`}
${input.notice === null ? null : html`<p class="dash-notice" role="status">${t(input.notice)}</p>`}
${renderNewInvite(input)}
${renderMembers(input)}
${renderInvite(input)}
${renderRoles(input.translator)}`;
  return renderDashboardPage({
    translator: input.translator,
    viewer: input.viewer,
    title: t('dash.team.title'),
    body,
    projects: input.projects,
    current: null,
    section: 'team',
  });
}
