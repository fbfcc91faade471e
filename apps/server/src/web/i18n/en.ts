// Every string a person sees on the hosted pages, in English. Another language is another file with
// the same keys (typed as `Messages`), registered in translate.ts. `{name}` marks a parameter.
// Client scripts receive the keys they need through the page's JSON config, never hard-coded text.

import { enAuth } from './dashboard/en-auth.ts';
import { enProjects } from './dashboard/en-projects.ts';
import { enShell } from './dashboard/en-shell.ts';
import { enTeam } from './dashboard/en-team.ts';
import { enUsage } from './dashboard/en-usage.ts';
import { enVerifications } from './dashboard/en-verifications.ts';
import { enWebhooks } from './dashboard/en-webhooks.ts';

export const en = {
  'common.brand': 'Proof of You',
  'common.sandboxBanner': 'Sandbox — test mode. Nothing here affects real people.',
  'common.noscript': 'This page needs JavaScript. Turn it on, or open the link in another browser.',
  'common.expiresAt': 'This link works until {time}.',
  'common.continueTo': 'Continue to {projectName}',
  'common.tryAgain': 'Try again',
  'common.redirecting': 'Taking you back to {projectName}…',
  'common.goToProject': 'Go to {projectName} for a new link',

  'status.PENDING': 'Waiting for you to finish on your phone…',
  'status.VERIFIED.title': 'Verification complete',
  'status.VERIFIED.body': 'You can close this tab.',
  'status.IN_REVIEW.title': 'Your verification is being reviewed',
  'status.IN_REVIEW.body': 'There is nothing more to do here. {projectName} will let you know the result.',
  'status.UNFULFILLABLE.title': 'Verification could not be completed',
  'status.UNFULFILLABLE.body': 'Return to {projectName} to see what you can do next.',
  'status.EXPIRED.title': 'This link has expired',
  'status.EXPIRED.body': 'Ask {projectName} for a new link.',
  'status.REVOKED.title': 'This link is no longer valid',
  'status.REVOKED.body':
    '{projectName} cancelled this verification. Ask {projectName} for a new link if you still need one.',

  'profile.title': 'PoY profile {poyId}',
  'profile.verified': 'Verified human',
  'profile.unverified': 'Not verified yet',
  'profile.trustScore': 'Trust score: {score} of 100',
  'profile.since': 'Verified since {date}',
  'profile.explainer':
    'A PoY identity belongs to one real person who proved it with a passkey and a short check. Nothing else about them is public.',
  'profile.badgeHeading': 'Badge',
  'profile.badgeAlt': 'PoY badge for {poyId}',
  'profile.badgeVerified': 'verified human',
  'profile.badgeUnverified': 'not verified',
  'profile.badgeUnknown': 'unknown id',
  'profile.badgeTestIdentity': 'test identity, not public',
  'profile.badgeMissingAlt': 'PoY badge for {poyId}: {label}',
  'profile.testIdentity.title': 'Test identity',
  'profile.testIdentity.heading': 'Test identities are not public',
  'profile.testIdentity.body':
    '{poyId} was made in the sandbox (test mode). Test identities exist only for the project that made them, so they have no public profile or badge.',
  'profile.testIdentity.next': 'A live identity, made by a real person with a live link, has a profile here.',

  'desktop.title': 'Continue on your phone',
  'desktop.heading': 'Continue on your phone',
  'desktop.intro': '{projectName} asks you to confirm that you are a real person. It takes about a minute.',
  'desktop.scanHint': 'Scan this code with your phone’s camera.',
  'desktop.qrLabel': 'QR code that opens this verification on your phone',
  'desktop.orType': 'Or open {joinUrl} on your phone and type this code:',
  'desktop.shortCodeSpelled': 'Code: {spelled}',
  'desktop.openHere': 'Open on this device instead',
  'desktop.progressHeading': 'Progress',

  'landing.title': 'Welcome',
  'landing.heading': 'Proof of You on this server',
  'landing.intro':
    'This server checks that a person is real and unique, for the apps that use it. People reach it through a link or a code from one of those apps.',
  'landing.linksHeading': 'For developers and operators',
  'landing.docs': 'API reference',
  'landing.docsHint': 'Both APIs, with every request, response and error, and a way to try them.',
  'landing.dashboard': 'Dashboard',
  'landing.dashboardHint': 'Sign in with a passkey to manage projects, API keys, webhooks and verifications.',
  'landing.health': 'Health',
  'landing.healthHint': 'Answers while the server is running (/healthz).',
  'landing.readiness': 'Readiness',
  'landing.readinessHint': 'Answers when the server can reach its database and take work (/readyz).',
  'landing.join': 'Have a code from another screen? Enter it here',

  'join.title': 'Enter your code',
  'join.heading': 'Enter the code from your screen',
  'join.intro': 'Type the code shown on your other device.',
  'join.label': 'Code',
  'join.hint': 'Letters and digits, like ABCD-2345. Dashes and spaces are optional.',
  'join.submit': 'Continue',
  'join.errorInvalid': 'That does not look like a code. Check it and try again.',
  'join.errorUnknown':
    'We could not find that code. It may have expired: check the code on your other screen, or ask for a new link.',

  'inUse.title': 'Link in use on another device',
  'inUse.heading': 'This link is being used on another device',
  'inUse.body':
    'The check for {projectName} was started on another phone or browser, and it can only be finished there.',
  'inUse.finish': 'If that was you, finish on the device where you started.',
  'inUse.newLink': 'If it was not you, or you no longer have that device, ask {projectName} for a new link.',

  'notFound.title': 'Link not found',
  'notFound.heading': 'This link does not work',
  'notFound.body':
    'It may be mistyped or replaced by a newer one. Ask the site that sent you for a new link.',
  'notFound.join': 'Have a code from another screen? Enter it here',

  'phone.title': 'Confirm you are a person',
  'phone.intro.heading': '{projectName} asks you to confirm that you are a real person',
  'phone.intro.checkedHeading': 'What we check',
  'phone.intro.checkedPasskey':
    'A passkey on this phone, unlocked with your fingerprint, face or screen lock.',
  'phone.intro.checkedCamera':
    'A short camera check: you look at the camera, then turn your head a few times as arrows show.',
  'phone.intro.storedHeading': 'What we keep',
  'phone.intro.storedPasskey': 'Your passkey’s public key, which cannot unlock anything by itself.',
  'phone.intro.storedScore': 'A humanness score.',
  'phone.intro.storedFace':
    'A face template: numbers, not a picture, encrypted, so that we recognise you if you verify again.',
  'phone.intro.storedNever':
    'Never photos or video: the camera pictures are checked in memory and discarded. The fingerprint or face that unlocks your passkey never leaves your phone.',
  'phone.intro.sharedHeading': 'What {projectName} receives',
  'phone.intro.sharedScore': 'Your humanness score and an ID that is unique to you on {projectName} only.',
  'phone.intro.sharedPhone': 'Whether your phone number is verified.',
  'phone.intro.continue': 'Continue',

  'phone.passkey.heading': 'Use a passkey',
  'phone.passkey.body': 'Your phone will ask for your fingerprint, face or screen lock.',
  'phone.passkey.create': 'Create my PoY identity',
  'phone.passkey.createHint': 'First time: makes a new passkey on this phone.',
  'phone.passkey.existing': 'I already have a PoY passkey',
  'phone.passkey.existingHint': 'Verified before: use the passkey you made then.',
  'phone.passkey.waiting': 'Waiting for your passkey…',
  'phone.passkey.done': 'Passkey confirmed. Your PoY ID is {poyId}.',

  'phone.consent.heading': 'Camera check',
  'phone.consent.body':
    'You will look at the camera, then turn your head a few times as arrows show. It takes about half a minute.',
  'phone.consent.privacyHeading': 'What happens to the pictures',
  'phone.consent.privacyMemory':
    'A few still pictures are sent to our server and checked in memory. They are discarded straight away: never written to disk, to logs or to a database.',
  'phone.consent.privacyTemplate':
    'Only a face template is kept: numbers, not a picture, encrypted. It lets us recognise the same person if they verify again.',
  'phone.consent.privacyErase': 'Erasing your PoY identity erases the face template with it.',
  'phone.consent.start': 'Start camera check',
  'phone.consent.otherHeading': 'Cannot do this?',
  'phone.consent.otherNote':
    'Each of these ends the check without the camera. We then tell you plainly what {projectName} accepts.',
  'phone.consent.noCamera': 'I can’t use a camera',
  'phone.consent.cannotMove': 'I can’t move my head',
  'phone.consent.declined': 'I’d rather not',

  'phone.camera.heading': 'Camera check',
  'phone.camera.previewLabel':
    'Your camera picture, mirrored like a mirror, with an oval to place your face in',
  'phone.camera.loading': 'Starting the camera…',
  'phone.camera.center': 'Look straight at the camera, with your face inside the oval.',
  'phone.camera.move.left': 'Turn your head to your left',
  'phone.camera.move.right': 'Turn your head to your right',
  'phone.camera.move.up': 'Tilt your head up',
  'phone.camera.move.down': 'Tilt your head down',
  'phone.camera.progress': 'Movement {current} of {total}',
  'phone.camera.countdown': '{seconds} s left',
  'phone.camera.hint.hold': 'Hold still…',
  'phone.camera.hint.noFace': 'We can’t see your face. Keep it inside the oval.',
  'phone.camera.hint.turnLeft': 'Turn a little to your left.',
  'phone.camera.hint.turnRight': 'Turn a little to your right.',
  'phone.camera.hint.chinUp': 'Raise your chin a little.',
  'phone.camera.hint.chinDown': 'Lower your chin a little.',
  'phone.camera.timeout': 'Time ran out for this movement. Try it again when you are ready.',
  'phone.camera.noFace':
    'We lost sight of your face, so the check stopped. Hold the phone in front of you and try again.',
  'phone.camera.manyFaces':
    'More than one face was in view, so the check stopped. Make sure only you are in the picture and try again.',
  'phone.camera.expired': 'This camera check took too long. Try again with a new one.',
  'phone.camera.denied':
    'The camera is blocked for this page. Allow it in your browser’s settings and try again, or continue without the camera.',
  'phone.camera.noCamera':
    'We could not find a camera on this device. You can continue without the camera check.',
  'phone.camera.failed':
    'The camera could not be started. Close other apps that use it and try again, or continue without the camera.',
  'phone.camera.modelFailed': 'The camera check could not be loaded. Check your connection and try again.',
  'phone.camera.uploading': 'Checking the pictures…',
  'phone.camera.passed': 'Camera check passed.',
  'phone.camera.notPassed': 'The camera check did not pass:',
  'phone.camera.reasonUnknown': 'The pictures did not show the movements we asked for.',
  'phone.camera.attemptsLeft': 'Attempts left: {count}.',
  'phone.camera.noAttemptsLeft': 'No attempts are left. Finish to see your result.',
  'phone.camera.again': 'Start a new camera check',
  'phone.camera.finish': 'Finish',
  'phone.camera.without': 'Continue without the camera',

  'phone.skip.heading': 'Finishing without the camera check',
  'phone.skip.accepted':
    '{projectName} accepts a verification with your passkey alone. Finish to see your result.',
  'phone.skip.notAccepted':
    '{projectName} asks for a camera check; without it your verification will not be accepted. You can finish now, or open this link on a phone with a camera.',
  'phone.skip.finish': 'Finish',

  'phone.working': 'Checking your result…',
  'phone.result.verifiedHeading': 'You are verified',
  'phone.result.verifiedBody': '{projectName} now knows that a real person completed this check.',
  'phone.result.failedHeading': 'We could not verify you',
  'phone.result.failedBody': 'What we noticed:',
  'phone.result.passkeyOnly': 'This verification used your passkey, without the camera check.',
  'phone.result.reviewHeading': 'Your verification is being reviewed',
  'phone.result.reviewBody': '{projectName} will let you know.',
  'phone.result.close': 'You can close this page.',

  'phone.error.heading': 'Something went wrong',
  'phone.error.cancelled': 'The passkey request was cancelled or timed out. Try again when you are ready.',
  'phone.error.noWebauthn':
    'This browser cannot use passkeys. Open this link in your phone’s main browser (such as Safari or Chrome) and make sure it is up to date.',
  'phone.error.alreadyRegistered':
    'This phone already has a PoY passkey. Choose “I already have a PoY passkey” instead.',
  'phone.error.passkeyFailed': 'Your phone could not use a passkey. Try again, or try the other option.',
  'phone.error.network': 'We could not reach the server. Check your connection and try again.',
  'phone.error.server': 'The server could not complete this step. Try again in a moment.',

  'phone.sandbox.heading': 'Sandbox: simulate an outcome',
  'phone.sandbox.body': 'Ends this verification with the chosen result, skipping the real check.',
  'phone.sandbox.verified': 'Verified',
  'phone.sandbox.failed': 'Failed',
  'phone.sandbox.duplicate': 'Duplicate person',
  'phone.sandbox.expired': 'Expired',

  'reason.USER_VERIFICATION_MISSING': 'The passkey was used without your fingerprint, face or screen lock.',
  'reason.AUTOMATION_DETECTED': 'This browser is being controlled by automation software.',
  'reason.USER_AGENT_CHANGED': 'The browser changed during the check.',
  'reason.USER_AGENT_MISSING': 'The browser did not identify itself.',
  'reason.CREDENTIAL_FLAGS_INCONSISTENT': 'The passkey reported inconsistent details.',
  'reason.ROAMING_AUTHENTICATOR': 'The passkey came from a separate device, such as a security key.',
  'reason.AUTHENTICATOR_ATTACHMENT_UNKNOWN': 'We could not tell where the passkey is stored.',
  'reason.CHALLENGE_MISSING': 'The drag exercise was not done.',
  'reason.MALFORMED_TRACE': 'The drag exercise data could not be read.',
  'reason.CHALLENGE_INCOMPLETE': 'The drag exercise was not finished.',
  'reason.TOO_FEW_EVENTS': 'The dot moved too little to measure.',
  'reason.TELEPORTING_POINTER': 'The dot jumped instead of being dragged.',
  'reason.REACTION_TOO_FAST': 'The dot moved faster than a person can react.',
  'reason.STRAIGHT_LINE_MOVEMENT': 'The dot moved in perfectly straight lines.',
  'reason.CONSTANT_VELOCITY': 'The dot moved at a perfectly steady speed.',
  'reason.EVENLY_SPACED_POINTS': 'The movement was perfectly even.',
  'reason.UNIFORM_TIMING': 'The movement timing was perfectly regular.',
  'reason.NEW_PASSKEY': 'This passkey is new, so earlier verifications do not count yet.',
  'reason.LIVENESS_NOT_ATTEMPTED': 'The camera check was not done.',
  'reason.CAMERA_DECLINED': 'You chose to continue without the camera check.',
  'reason.NO_CAMERA': 'No camera could be used for the check.',
  'reason.CANNOT_MOVE_HEAD': 'You continued without the head movements.',
  'reason.LIVENESS_FAILED': 'The camera check did not pass.',
  'reason.NO_FACE': 'A face could not be seen in every picture.',
  'reason.MULTIPLE_FACES': 'More than one face was in view.',
  'reason.POSE_NOT_FOLLOWED': 'The head movements did not match what was asked.',
  'reason.FACE_MISMATCH_ACROSS_FRAMES': 'The pictures did not all show the same person.',
  'reason.FRAMES_NOT_FRESH': 'The pictures arrived faster than a person can move.',
  'reason.FACE_REVIEW': 'Your face looks like someone who already verified, so a person will check.',
  'reason.VELOCITY': 'Too many new verifications came from this network or device in a short time.',
  'reason.ATTESTATION_REQUIRED': '{projectName} only accepts passkeys from approved devices.',
  'reason.ASSURANCE_BELOW_POLICY': '{projectName} needs the camera check to accept the verification.',
  'reason.SANDBOX_FAILED': 'The sandbox ended this verification as failed (test mode).',
  'reason.DUPLICATE_HUMAN': 'You have already verified with {projectName} under another account.',
  'reason.unknown': 'Another check did not pass.',
  // The dashboard (web/dashboard/), one file per area.
  ...enShell,
  ...enAuth,
  ...enProjects,
  ...enWebhooks,
  ...enVerifications,
  ...enUsage,
  ...enTeam,
} as const satisfies Record<string, string>;
