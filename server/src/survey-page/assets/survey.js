// ValueLoop public survey page: show-if, saving each answer as it is given, inline errors.
// Plain script, no dependencies, never sends cookies. The page works without it.
(() => {
  const form = document.querySelector('form.survey');
  if (!form) return;
  const ds = form.dataset;
  const status = document.getElementById('save-status');
  const questions = Array.from(form.querySelectorAll('[data-q]'));
  const loadedAt = performance.now();
  const before = Number(ds.elapsed) || 0;
  const elapsed = () => Math.round(before + performance.now() - loadedAt);
  const say = (text) => {
    if (status) status.textContent = text || '';
  };

  function answerOf(el) {
    const type = el.dataset.type;
    if (type === 'short_text' || type === 'long_text') {
      const input = el.querySelector('input, textarea');
      return input?.value.trim() ? input.value : undefined;
    }
    const checked = Array.from(el.querySelectorAll('input:checked')).map((i) => i.value);
    if (type === 'multi_choice' || type === 'thank_picker')
      return checked.length ? checked : undefined;
    const v = checked[0];
    if (v === undefined) return undefined;
    if (type === 'yes_no') return v === 'yes';
    if (type === 'single_choice') return v;
    return Number(v);
  }

  // Mirrors isQuestionShown in server/src/responses/answers.ts.
  function shown(cond, answers) {
    const a = answers[cond.questionId];
    if (a === undefined) return false;
    const e = cond.value;
    switch (cond.op) {
      case 'answered':
        return true;
      case 'eq':
        return a === e;
      case 'neq':
        return a !== e;
      case 'in':
        return Array.isArray(e) && e.indexOf(a) >= 0;
      default:
        if (typeof a !== 'number' || typeof e !== 'number') return false;
        if (cond.op === 'lt') return a < e;
        if (cond.op === 'lte') return a <= e;
        if (cond.op === 'gt') return a > e;
        return a >= e;
    }
  }

  /** Applies show-if in question order and returns the answers of visible questions. */
  function collect() {
    const answers = {};
    for (const el of questions) {
      const cond = el.dataset.showIf ? JSON.parse(el.dataset.showIf) : null;
      const visible = !cond || shown(cond, answers);
      el.hidden = !visible;
      for (const input of el.querySelectorAll('input, textarea')) input.disabled = !visible;
      if (!visible) continue;
      const v = answerOf(el);
      if (v !== undefined) answers[el.dataset.q] = v;
    }
    return answers;
  }

  function setError(id, message) {
    const el = document.getElementById(`q-${id}`);
    const text = document.getElementById(`err-${id}`);
    if (!el || !text) return;
    text.textContent = message || '';
    el.classList.toggle('invalid', Boolean(message));
    const input = el.querySelector('input[type=text], textarea');
    if (input) {
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  function showErrors(errors, focus) {
    for (const el of questions) setError(el.dataset.q, '');
    let first = null;
    for (const e of errors) {
      const id = String(e.field || '').replace(/^answers\./, '');
      const el = document.getElementById(`q-${id}`);
      if (!el) continue;
      setError(id, e.message === 'is required' ? ds.msgRequired : ds.msgInvalid);
      if (!first) first = el;
    }
    if (focus && first) (first.querySelector('input, textarea') || first).focus();
  }

  const send = (url, method, payload) =>
    fetch(url, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(payload),
      credentials: 'omit',
    });

  // Saves run one after another so an older answer set never overwrites a newer one.
  let queue = Promise.resolve();
  function save() {
    if (!ds.saveUrl) return;
    say(ds.msgSaving);
    queue = queue.then(() =>
      send(ds.saveUrl, 'PUT', { answers: collect(), elapsedMs: elapsed() })
        .then(async (r) => {
          if (r.ok) return say(ds.msgSaved);
          if (r.status === 422) showErrors((await r.json()).errors || [], false);
          say(ds.msgSaveFailed);
        })
        .catch(() => say(ds.msgSaveFailed)),
    );
  }

  let timer = 0;
  form.addEventListener('input', (ev) => {
    if (ev.target.type !== 'text' && ev.target.tagName !== 'TEXTAREA') return;
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  });
  form.addEventListener('change', (ev) => {
    const q = ev.target.closest('[data-q]');
    if (q) setError(q.dataset.q, '');
    clearTimeout(timer);
    collect();
    save();
  });

  let busy = false;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy) return;
    busy = true;
    const summary = document.getElementById('error-summary');
    if (summary) summary.remove();
    const payload = { answers: collect(), elapsedMs: elapsed() };
    for (const name of ['submissionId', 'startedAt']) {
      const field = form.elements.namedItem(name);
      if (field) payload[name] = field.value;
    }
    send(form.action, 'POST', payload)
      .then(async (r) => {
        const data = await r.json().catch(() => ({}));
        if (r.ok && data.next) return location.assign(data.next);
        if (r.status === 422) return showErrors(data.errors || [], true);
        if (r.status === 404 || r.status === 409 || r.status === 410) return location.reload();
        say(ds.msgGeneric);
      })
      .catch(() => say(ds.msgGeneric))
      .finally(() => {
        busy = false;
      });
  });

  collect();
})();
