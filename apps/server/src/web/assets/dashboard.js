// Progressive enhancement for the dashboard; every page works without it.
// - Copy buttons: `<button data-copy="#id">` copies the text of #id.
// - Confirmation: a form with `data-confirm="…"` asks before it submits (revoke, delete, remove).
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    const target = document.querySelector(button.dataset.copy ?? '');
    if (!target) return;
    await navigator.clipboard.writeText(target.textContent ?? '');
    const label = button.textContent;
    button.textContent = button.dataset.copiedLabel ?? label;
    setTimeout(() => {
      button.textContent = label;
    }, 2000);
  });
}

for (const form of document.querySelectorAll('form[data-confirm]')) {
  form.addEventListener('submit', (event) => {
    if (!window.confirm(form.dataset.confirm ?? '')) event.preventDefault();
  });
}
