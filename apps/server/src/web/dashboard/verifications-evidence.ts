// The evidence kept about a verification (core/verification/verification-evidence.ts), rendered for
// its detail page and the review queue: scores, device facts, the camera step, network counts and,
// while held, why. The statement that no images are kept goes with it wherever it is shown.
import type { VerificationEvidence } from '../../core/verification/verification-evidence.ts';
import { type HtmlValue, html, type SafeHtml } from '../html.ts';
import type { MessageKey, Translator } from '../i18n/translate.ts';

const FACTORS: ReadonlyArray<{
  factor: 'liveness' | 'device' | 'behavioral' | 'credential';
  label: MessageKey;
}> = [
  { factor: 'liveness', label: 'dash.verifications.evidence.factor.liveness' },
  { factor: 'device', label: 'dash.verifications.evidence.factor.device' },
  { factor: 'behavioral', label: 'dash.verifications.evidence.factor.behavioral' },
  { factor: 'credential', label: 'dash.verifications.evidence.factor.credential' },
];

function fact(term: string, value: HtmlValue): SafeHtml {
  return html`<dt>${term}</dt><dd>${value}</dd>`;
}

function yesNo(translator: Translator, value: boolean): string {
  return translator.t(value ? 'dash.verifications.evidence.yes' : 'dash.verifications.evidence.no');
}

function renderScores(translator: Translator, evidence: VerificationEvidence): SafeHtml {
  const { t } = translator;
  const scores = evidence.scores;
  if (scores === null) return html`<p>${t('dash.verifications.evidence.noScores')}</p>`;
  return html`<dl class="facts-list">
${fact(t('dash.verifications.evidence.score'), t('dash.verifications.evidence.scoreValue', { score: scores.score, ceiling: scores.ceiling, threshold: scores.threshold }))}
${FACTORS.map(({ factor, label }) => {
  // The credential factor has no check of its own (HumanChecks).
  const check = factor === 'credential' ? undefined : scores.checks[factor];
  const value = scores.factors[factor];
  return fact(
    t(label),
    check === undefined
      ? String(value)
      : t(
          check === 'pass'
            ? 'dash.verifications.evidence.check.pass'
            : 'dash.verifications.evidence.check.fail',
          { value },
        ),
  );
})}
${fact(t('dash.verifications.evidence.model'), html`<code>${scores.modelVersion}</code>`)}
</dl>`;
}

function renderDevice(translator: Translator, evidence: VerificationEvidence): SafeHtml {
  const { t } = translator;
  const device = evidence.device;
  if (device === null) return html`<p>${t('dash.verifications.evidence.noDevice')}</p>`;
  const attachment =
    device.authenticatorAttachment === 'platform'
      ? t('dash.verifications.evidence.attachment.platform')
      : device.authenticatorAttachment === 'cross-platform'
        ? t('dash.verifications.evidence.attachment.crossPlatform')
        : t('dash.verifications.evidence.attachment.unknown');
  const attestation = device.attestation;
  return html`<dl class="facts-list">
${fact(t('dash.verifications.evidence.returning'), t(device.returningCredential ? 'dash.verifications.evidence.returning.yes' : 'dash.verifications.evidence.returning.no'))}
${fact(t('dash.verifications.evidence.userVerified'), yesNo(translator, device.userVerified))}
${fact(t('dash.verifications.evidence.attachment'), attachment)}
${fact(t('dash.verifications.evidence.deviceType'), t(device.credentialDeviceType === 'multiDevice' ? 'dash.verifications.evidence.deviceType.multiDevice' : 'dash.verifications.evidence.deviceType.singleDevice'))}
${fact(t('dash.verifications.evidence.backedUp'), yesNo(translator, device.credentialBackedUp))}
${fact(
  t('dash.verifications.evidence.attestation'),
  attestation === null
    ? t('dash.verifications.evidence.attestation.none')
    : t('dash.verifications.evidence.attestation.value', {
        aaguid: attestation.aaguid,
        fmt: attestation.fmt,
        trust: attestation.trust,
        met: t(
          attestation.met
            ? 'dash.verifications.evidence.attestation.met'
            : 'dash.verifications.evidence.attestation.notMet',
        ),
      }),
)}
</dl>`;
}

function renderCamera(translator: Translator, evidence: VerificationEvidence): SafeHtml {
  const { t } = translator;
  const camera = evidence.camera;
  if (camera === null) return html`<p>${t('dash.verifications.evidence.noCamera')}</p>`;
  const status: MessageKey =
    camera.status === 'passed'
      ? 'dash.verifications.evidence.camera.passed'
      : camera.status === 'failed'
        ? 'dash.verifications.evidence.camera.failed'
        : 'dash.verifications.evidence.camera.skipped';
  return html`<dl class="facts-list">
${fact(t('dash.verifications.evidence.camera.status'), t(status))}
${fact(t('dash.verifications.evidence.camera.attempts'), String(camera.attempts))}
${
  camera.reachedDeg.length === 0
    ? null
    : fact(
        t('dash.verifications.evidence.camera.reached'),
        camera.reachedDeg
          .map((degrees) => t('dash.verifications.evidence.camera.degrees', { degrees: Math.round(degrees) }))
          .join(', '),
      )
}
</dl>`;
}

function renderNetwork(translator: Translator, evidence: VerificationEvidence): SafeHtml {
  const { t } = translator;
  const count = (value: number | null) =>
    value === null ? t('dash.verifications.evidence.network.cleared') : String(value);
  return html`<dl class="facts-list">
${fact(t('dash.verifications.evidence.network.address'), count(evidence.network.sameAddress))}
${fact(t('dash.verifications.evidence.network.prefix'), count(evidence.network.sameNetwork))}
${fact(t('dash.verifications.evidence.network.device'), count(evidence.network.sameDevice))}
</dl>`;
}

function renderHold(translator: Translator, evidence: VerificationEvidence): HtmlValue {
  const { t } = translator;
  const hold = evidence.hold;
  if (hold === null) return null;
  return html`<dl class="facts-list">
${fact(
  t('dash.verifications.evidence.similarity'),
  hold.similarity === null ? t('dash.verifications.evidence.similarityNone') : hold.similarity.toFixed(3),
)}
${
  hold.similarity === null
    ? null
    : fact(
        t('dash.verifications.evidence.resembles'),
        hold.resemblesUser === null
          ? t('dash.verifications.evidence.resemblesOther')
          : t('dash.verifications.evidence.resemblesUser', {
              referenceId: hold.resemblesUser.referenceUserId,
            }),
      )
}
${fact(
  t('dash.verifications.evidence.velocity'),
  hold.velocity.length === 0
    ? t('dash.verifications.evidence.velocityNone')
    : html`<ul>${hold.velocity.map((hit) => html`<li>${t('dash.verifications.evidence.velocityHit', { limit: hit.limit, count: hit.count, max: hit.max })}</li>`)}</ul>`,
)}
</dl>`;
}

/** The statement every page showing evidence carries (issue 12: it says that no images are kept). */
export function renderNoImagesStatement(translator: Translator): SafeHtml {
  return html`<p class="dash-notice" role="note">${translator.t('dash.verifications.evidence.noImages')}</p>`;
}

/** The evidence as sections with h3 headings: placed under an h2 (the detail page's, a queue item's). */
export function renderEvidence(translator: Translator, evidence: VerificationEvidence): SafeHtml {
  const { t } = translator;
  const heading = (text: string) => html`<h3>${text}</h3>`;
  const hold = renderHold(translator, evidence);
  return html`<div class="evidence">
${hold === null ? null : html`<section>${heading(t('dash.verifications.evidence.hold'))}${hold}</section>`}
<section>${heading(t('dash.verifications.evidence.scores'))}${renderScores(translator, evidence)}</section>
<section>${heading(t('dash.verifications.evidence.device'))}${renderDevice(translator, evidence)}</section>
<section>${heading(t('dash.verifications.evidence.camera'))}${renderCamera(translator, evidence)}</section>
<section>${heading(t('dash.verifications.evidence.network'))}${renderNetwork(translator, evidence)}</section>
</div>`;
}
