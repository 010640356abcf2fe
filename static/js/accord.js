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

// Programme grid (rooms across, quarter hours down): each cell's CSS grid lines come from
// data-grid-row / data-grid-col, computed by the server, and are set here because the
// Content Security Policy forbids style attributes. Grid columns follow the page's
// direction, so a right-to-left page puts the first room on the right.
function placeGridCells(root) {
  root.querySelectorAll("[data-grid-row]").forEach((el) => {
    el.style.gridRow = el.dataset.gridRow;
  });
  root.querySelectorAll("[data-grid-col]").forEach((el) => {
    el.style.gridColumn = el.dataset.gridCol;
  });
}
document.addEventListener("DOMContentLoaded", () => placeGridCells(document));
document.addEventListener("htmx:afterSwap", (event) => placeGridCells(event.target));

// Delegations: a Print button (the arrivals board) is a <button data-print-page>; the print
// stylesheet in accord.css decides what goes on paper.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print-page]")) window.print();
});
