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
// The timeline's scale: where the labels of two lines would overlap (a narrow screen), the
// later one is hidden; its line stays.
function thinScale(root) {
  root.querySelectorAll("[data-testid=gantt-scale]").forEach((scale) => {
    let shown = null;
    scale.querySelectorAll(".gantt-tick").forEach((tick) => {
      tick.classList.remove("gantt-tick-quiet");
      const box = tick.querySelector("time").getBoundingClientRect();
      if (shown && box.left < shown.right + 4 && box.right > shown.left - 4) {
        tick.classList.add("gantt-tick-quiet");
      } else {
        shown = box;
      }
    });
  });
}
document.addEventListener("DOMContentLoaded", () => { sizeBars(document); thinScale(document); });
document.addEventListener("htmx:afterSwap", (event) => sizeBars(event.target));
window.addEventListener("resize", () => thinScale(document));

// Programme grid (rooms across, quarter hours down): each cell's CSS grid lines come from
// data-grid-row / data-grid-col, computed by the server, and are set here because the
// Content Security Policy forbids style attributes. Grid columns follow the page's
// direction, so a right-to-left page puts the first room on the right.
function placeGridCells(root) {
  root.querySelectorAll("[data-grid-lanes]").forEach((el) => {
    el.style.setProperty("--programme-lanes", el.dataset.gridLanes);
  });
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

// Delegations, bulk invitation: typing a focal point's e-mail beside a state ticks that
// state's box (<input data-ticks="id of the checkbox">), so that an address is never left
// behind unticked; the form still refuses one that is (see DelegationInviteForm).
document.addEventListener("input", (event) => {
  const field = event.target.closest("[data-ticks]");
  if (!field || !field.value.trim()) return;
  const box = document.getElementById(field.dataset.ticks);
  if (box) box.checked = true;
});

// Signing ceremony (and any other page): a form, or its submit button, with data-confirm asks
// before it is sent (window.confirm with that text, e.g. the state's name). Listening in the
// capture phase, a "Cancel" stops the submission before htmx sees it. Without JavaScript the
// form is simply sent.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const button = event.submitter;
  const question = (button && button.dataset.confirm) || (form.dataset && form.dataset.confirm);
  if (question && !window.confirm(question)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

// Speakers list: choosing the delegation sets the level to its head's (data-head-levels on
// the delegation select: a JSON map of delegation id to level), which the officer may change.
document.addEventListener("change", (event) => {
  const select = event.target.closest("[data-head-levels]");
  if (!select) return;
  const level = document.getElementById(select.dataset.levelField);
  let levels = {};
  try {
    levels = JSON.parse(select.dataset.headLevels);
  } catch (error) {
    return;
  }
  if (level && levels[select.value]) level.value = levels[select.value];
});

// A secret link to read out or copy (a delegation's registration link): the read-only field
// selects all of itself when focused, so it can be copied by hand on any browser; the Copy
// button (<button data-copy="id of the field" hidden>, shown here, so never without
// JavaScript) uses the clipboard API where the page may, else the older copy command, and
// says in the element [data-copy-status="id"] whether it worked.
document.addEventListener("focusin", (event) => {
  const field = event.target.closest("[data-select-all]");
  if (field) field.select();
});
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-copy]").forEach((button) => { button.hidden = false; });
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  if (!field) return;
  const status = document.querySelector(`[data-copy-status="${button.dataset.copy}"]`);
  const say = (text) => { if (status && text) status.textContent = text; };
  field.focus();
  field.select();
  const byCommand = () => {
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    say(copied ? button.dataset.copied : button.dataset.copyFailed);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(() => say(button.dataset.copied), byCommand);
  } else {
    byCommand();
  }
});

// A list with a box on each row (the bulk invitation, the vetting queue, the badges): a box
// with data-select-rows="id of the table" ticks or unticks every visible, enabled row's box
// in it (input[data-row-box]), and shows itself half-ticked when only some are.
function rowBoxes(box) {
  const table = document.getElementById(box.dataset.selectRows);
  if (!table) return [];
  return [...table.querySelectorAll("input[data-row-box]")]
    .filter((each) => !each.disabled && each.offsetParent !== null);
}
function showSelectAll(box) {
  const boxes = rowBoxes(box);
  const ticked = boxes.filter((each) => each.checked).length;
  box.checked = boxes.length > 0 && ticked === boxes.length;
  box.indeterminate = ticked > 0 && ticked < boxes.length;
}
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-select-rows]");
  if (all) {
    rowBoxes(all).forEach((each) => { each.checked = all.checked; });
    all.indeterminate = false;
    return;
  }
  if (event.target.matches("input[data-row-box]")) {
    document.querySelectorAll("[data-select-rows]").forEach(showSelectAll);
  }
});
document.addEventListener("input", (event) => {
  // Typing an e-mail ticks a row's box (above) without a change event.
  if (event.target.closest("[data-ticks]")) {
    document.querySelectorAll("[data-select-rows]").forEach(showSelectAll);
  }
});

// A long table (the states to invite) is narrowed by typing: an input with
// data-filter-rows="id of the table" hides the rows whose text does not hold what was typed,
// whatever its case and accents ("cote" finds Côte d'Ivoire). The heading's box then ticks
// only the rows left (rowBoxes takes visible rows). Enter must not send the form around it.
function folded(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}
document.addEventListener("input", (event) => {
  const input = event.target.closest("[data-filter-rows]");
  if (!input) return;
  const wanted = folded(input.value.trim());
  const table = document.getElementById(input.dataset.filterRows);
  table?.querySelectorAll("tbody tr").forEach((row) => {
    row.hidden = wanted !== "" && !folded(row.textContent).includes(wanted);
  });
  document.querySelectorAll("[data-select-rows]").forEach(showSelectAll);
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.target.closest("[data-filter-rows]")) event.preventDefault();
});
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-filter-rows]").forEach((input) => { input.hidden = false; });
  document.querySelectorAll("[data-select-rows]").forEach((box) => {
    box.hidden = false;  // without JavaScript there is nothing it could do
    showSelectAll(box);
  });
});

// Formsets (a delegation's members): a button with data-formset-add="<prefix>" copies the
// <template data-formset-template="<prefix>"> row, numbered after the last, into the
// [data-formset] container, until the management form's MAX_NUM_FORMS (the quota) is
// reached; then data-formset-full says so. The button stays hidden without JavaScript,
// where the server's blank rows do the same work one save at a time.
function formsetParts(prefix) {
  return {
    total: document.getElementById(`id_${prefix}-TOTAL_FORMS`),
    max: document.getElementById(`id_${prefix}-MAX_NUM_FORMS`),
    rows: document.querySelector(`[data-formset="${prefix}"]`),
    template: document.querySelector(`template[data-formset-template="${prefix}"]`),
    add: document.querySelector(`[data-formset-add="${prefix}"]`),
    full: document.querySelector(`[data-formset-full="${prefix}"]`),
  };
}

function formsetRefresh(prefix) {
  const parts = formsetParts(prefix);
  if (!parts.total || !parts.max || !parts.add) return;
  const full = Number(parts.total.value) >= Number(parts.max.value);
  parts.add.hidden = full;
  if (parts.full) parts.full.hidden = !full;
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-formset-add]").forEach((button) => {
    formsetRefresh(button.dataset.formsetAdd);
  });
});

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-formset-add]");
  if (!button) return;
  const prefix = button.dataset.formsetAdd;
  const parts = formsetParts(prefix);
  const index = Number(parts.total.value);
  if (!parts.template || !parts.rows || index >= Number(parts.max.value)) return;
  const html = parts.template.innerHTML
    .replaceAll("__prefix__", String(index))
    .replaceAll("__number__", String(index + 1));
  const row = document.createRange().createContextualFragment(html);
  const first = row.querySelector("input:not([type=hidden]), select, textarea");
  const added = [...row.children];
  parts.rows.append(row);
  added.forEach((element) => element.dispatchEvent(new Event("accord:rows-added", {bubbles: true})));
  parts.total.value = String(index + 1);
  formsetRefresh(prefix);
  if (first) document.getElementById(first.id)?.focus();
});

// Long lists (310 delegations, 196 nationalities, the states of a region) are searched by
// typing: every select of more than SEARCHABLE_FROM choices becomes a Tom Select, on the
// page and in what htmx or a formset adds later. The select itself stays in the form and
// is what is posted, so the server sees the same fields with or without JavaScript.
const SEARCHABLE_FROM = 15;

function makeSearchable(root) {
  if (!window.TomSelect) return;
  root.querySelectorAll("select").forEach((select) => {
    if (select.tomselect || select.options.length <= SEARCHABLE_FROM) return;
    new window.TomSelect(select, {
      // The empty choice ("—") is the placeholder; clearing the field chooses it again.
      maxOptions: null,
      create: false,
      // The dropdown hangs from the page, not the field, so a table's overflow cannot cut it.
      dropdownParent: "body",
      onItemAdd() {
        if (!select.multiple) this.blur();
      },
    });
    // Tom Select points the field's label at its own input; the select it keeps (hidden,
    // and what the form sends) is named by the same label for assistive technology.
    const label = document.getElementById(`${select.id}-ts-label`);
    if (label) select.setAttribute("aria-labelledby", label.id);
  });
}

document.addEventListener("DOMContentLoaded", () => makeSearchable(document));
document.addEventListener("htmx:afterSwap", (event) => makeSearchable(event.target));
document.addEventListener("accord:rows-added", (event) => makeSearchable(event.target));

// A table wider than the screen scrolls sideways inside its .table-responsive box; one that
// does is made focusable, so that it can be scrolled from the keyboard too.
function focusableScrolling(root) {
  root.querySelectorAll(".table-responsive").forEach((box) => {
    if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
    else box.removeAttribute("tabindex");
  });
}
document.addEventListener("DOMContentLoaded", () => focusableScrolling(document));
document.addEventListener("htmx:afterSwap", () => focusableScrolling(document));
window.addEventListener("resize", () => focusableScrolling(document));
