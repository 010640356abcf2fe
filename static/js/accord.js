// Small behaviours the pages share. No inline handlers anywhere, so the Content Security
// Policy never needs 'unsafe-inline'.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});
