// The drag challenge: per round, a dot and a ring; the person drags the dot into the ring. What is
// recorded is what the scorer reads (core/scoring): for each round, the pointer samples of the drags on
// the dot, `tMs` measured from when THAT round was shown (docs/flow-api.md; the scorer reads a round's
// first movement time as its reaction time), positions in CSS px of the challenge area. The next round is shown at the release that ends the previous one. A drag released
// outside the ring returns the dot to its start, since the scorer places the dot at start + (release −
// press) of the round's last drag. Nothing is synthesized: no samples exist without a real pointer.

/** Visual radius of the dot; the grab area is larger so a fingertip does not have to be precise. */
const DOT_RADIUS_PX = 22;
const GRAB_MARGIN_PX = 16;

const POINTER_TYPES = new Set(['mouse', 'touch', 'pen']);

function roundTenth(value) {
  return Math.round(value * 10) / 10;
}

function distance(a, b) {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function place(element, centre, radius) {
  element.style.transform = `translate(${centre.x - radius}px, ${centre.y - radius}px)`;
}

/**
 * Runs the rounds in `arena` (which holds `dot` and `ring`). Returns { done, abandon }: `done` resolves
 * to the trace once every round is completed, or, after abandon(), to the completed rounds only
 * (null when none was), for the person who cannot drag.
 */
export function runChallenge({ arena, dot, ring, rounds, onRound, onMiss }) {
  // Freeze the area's size so the coordinate system cannot change mid-challenge (rotation, keyboard).
  const width = arena.clientWidth;
  const height = arena.clientHeight;
  arena.style.width = `${arena.offsetWidth}px`;
  arena.style.height = `${arena.offsetHeight}px`;
  const scale = Math.min(width, height);
  const trace = { viewport: { width, height }, rounds: [] };

  let clockStartMs = 0;
  let lastTMs = 0;
  let roundIndex = -1;
  let current = null;
  let dotCentre = { x: 0, y: 0 };
  let drag = null;
  let finished = false;
  let resolveDone = () => {};
  const done = new Promise((resolve) => {
    resolveDone = resolve;
  });

  function timeOf(event) {
    // event.timeStamp shares performance.now()'s origin; coalesced events carry their own time. Never
    // let time run backwards (coalesced events can tie with or precede the dispatched one).
    const tMs = Math.max(lastTMs, roundTenth(event.timeStamp - clockStartMs));
    lastTMs = tMs;
    return tMs;
  }

  function positionOf(event) {
    const { rect } = drag;
    return {
      x: roundTenth(event.clientX - rect.left - arena.clientLeft),
      y: roundTenth(event.clientY - rect.top - arena.clientTop),
    };
  }

  function record(event, kind, point) {
    const pointerType = POINTER_TYPES.has(event.pointerType) ? event.pointerType : 'mouse';
    current.samples.push({ tMs: timeOf(event), x: point.x, y: point.y, kind, pointerType });
  }

  function startRoundClock() {
    clockStartMs = performance.now();
    lastTMs = 0;
    // The round is on screen from the next frame on; time starts there.
    requestAnimationFrame(() => {
      if (current !== null && current.samples.length === 0) clockStartMs = performance.now();
    });
  }

  function showRound(index) {
    const round = rounds[index];
    roundIndex = index;
    current = {
      start: { x: round.start.x * width, y: round.start.y * height },
      target: { x: round.target.x * width, y: round.target.y * height, radius: round.target.radius * scale },
      samples: [],
    };
    dotCentre = { ...current.start };
    ring.style.width = `${current.target.radius * 2}px`;
    ring.style.height = `${current.target.radius * 2}px`;
    place(ring, current.target, current.target.radius);
    dot.classList.remove('is-returning');
    place(dot, dotCentre, DOT_RADIUS_PX);
    ring.classList.remove('is-over');
    ring.hidden = false;
    dot.hidden = false;
    startRoundClock();
    onRound(index, rounds.length);
  }

  function isInRing(centre) {
    return distance(centre, current.target) <= current.target.radius;
  }

  function moveDotTo(point) {
    dotCentre = { x: point.x + drag.offset.x, y: point.y + drag.offset.y };
    place(dot, dotCentre, DOT_RADIUS_PX);
    ring.classList.toggle('is-over', isInRing(dotCentre));
  }

  function returnDot() {
    dot.classList.add('is-returning');
    dotCentre = { ...current.start };
    place(dot, dotCentre, DOT_RADIUS_PX);
    ring.classList.remove('is-over');
  }

  function endDrag() {
    dot.classList.remove('is-dragging');
    drag = null;
  }

  function onPointerDown(event) {
    if (finished || drag !== null || current === null || !event.isPrimary) return;
    drag = {
      pointerId: event.pointerId,
      rect: arena.getBoundingClientRect(),
      offset: { x: 0, y: 0 },
      firstSample: 0,
    };
    const point = positionOf(event);
    if (distance(point, dotCentre) > DOT_RADIUS_PX + GRAB_MARGIN_PX) {
      drag = null;
      return;
    }
    event.preventDefault();
    arena.setPointerCapture(event.pointerId);
    drag.offset = { x: dotCentre.x - point.x, y: dotCentre.y - point.y };
    drag.firstSample = current.samples.length;
    dot.classList.remove('is-returning');
    dot.classList.add('is-dragging');
    record(event, 'down', point);
  }

  function onPointerMove(event) {
    if (drag === null || event.pointerId !== drag.pointerId) return;
    const coalesced = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
    let point = null;
    for (const sample of coalesced.length > 0 ? coalesced : [event]) {
      point = positionOf(sample);
      record(sample, 'move', point);
    }
    if (point !== null) moveDotTo(point);
  }

  function onPointerUp(event) {
    if (drag === null || event.pointerId !== drag.pointerId) return;
    const point = positionOf(event);
    record(event, 'up', point);
    moveDotTo(point);
    endDrag();
    if (!isInRing(dotCentre)) {
      returnDot();
      onMiss();
      return;
    }
    trace.rounds.push(current);
    if (roundIndex + 1 < rounds.length) showRound(roundIndex + 1);
    else finish(trace);
  }

  function onPointerCancel(event) {
    if (drag === null || event.pointerId !== drag.pointerId) return;
    // The browser took the pointer away (a system gesture): that attempt never ended in a release,
    // so it is dropped, as the scorer would ignore it anyway.
    current.samples.length = drag.firstSample;
    endDrag();
    returnDot();
  }

  function finish(result) {
    if (finished) return;
    finished = true;
    arena.removeEventListener('pointerdown', onPointerDown);
    arena.removeEventListener('pointermove', onPointerMove);
    arena.removeEventListener('pointerup', onPointerUp);
    arena.removeEventListener('pointercancel', onPointerCancel);
    arena.removeEventListener('lostpointercapture', onPointerCancel);
    dot.hidden = true;
    ring.hidden = true;
    resolveDone(result);
  }

  arena.addEventListener('pointerdown', onPointerDown);
  arena.addEventListener('pointermove', onPointerMove);
  arena.addEventListener('pointerup', onPointerUp);
  arena.addEventListener('pointercancel', onPointerCancel);
  arena.addEventListener('lostpointercapture', onPointerCancel);

  if (rounds.length === 0) {
    finish(null);
    return { done, abandon() {} };
  }
  showRound(0);

  return {
    done,
    abandon() {
      finish(trace.rounds.length > 0 ? trace : null);
    },
  };
}
