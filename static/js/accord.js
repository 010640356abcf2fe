// Small behaviours the pages share. No inline handlers anywhere, so the Content Security
// Policy never needs 'unsafe-inline'.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});

// Bars get their size from data attributes rather than inline styles (which the Content
// Security Policy forbids): data-width is a percentage, data-start an offset from the
// start of the line (the inline start, so a right-to-left page flips the chart).
function sizeBars(root) {
  root.querySelectorAll("[data-width]").forEach((el) => {
    el.style.width = `${el.dataset.width}%`;
  });
  root.querySelectorAll("[data-start]").forEach((el) => {
    el.style.insetInlineStart = `${el.dataset.start}%`;
  });
}
document.addEventListener("DOMContentLoaded", () => sizeBars(document));
document.addEventListener("htmx:afterSwap", (event) => sizeBars(event.target));
