// The programme grid's moves (templates/logistics/programme/grid.html), for the programme
// office: drag a session's block onto another room or quarter hour, or pick it with the M key
// (or in the Move panel, the way on a phone) and choose its room and start; Enter moves it,
// Escape cancels. Either way the panel's form is what is sent, to the session's move URL,
// whose checks are the session form's; a refusal leaves the block where it was and says why
// in the live region, an accepted move redraws the grid from the server. Rooms are found
// where they are drawn, so a right-to-left page, whose first room is on the right, works
// the same. Everything is placed through the CSSOM: the Content Security Policy forbids
// style attributes.

const moveState = {block: null, grab: 0, preview: null, keyboard: false};

const movePanel = () => document.querySelector("[data-move-panel]");
const moveGrid = () => document.querySelector("[data-testid=programme-grid]");

function moveSay(text, outcome) {
  const region = document.querySelector("[data-move-status]");
  if (!region || !text) return;
  const line = document.createElement("p");
  line.className = `alert ${outcome === "refused" ? "alert-danger" : "alert-info"} py-1 px-2 mb-2`;
  line.textContent = text;
  region.replaceChildren(line);
}

function moveText(name, title) {
  const panel = movePanel();
  // The title set apart (U+2068 … U+2069), so that a Latin one keeps its order in Arabic.
  return (panel?.dataset[name] || "").replace("{title}", `\u2068${title || ""}\u2069`);
}

// A select may have become a Tom Select (accord.js, long lists): set it through its API.
function moveChoose(select, value) {
  if (!select) return;
  if (select.tomselect) select.tomselect.setValue(value, true);
  else select.value = value;
}

function moveFields() {
  const panel = movePanel();
  return {
    session: panel.querySelector("[data-move-session]"),
    room: panel.querySelector("[name=room]"),
    starts: panel.querySelector("[name=starts]"),
  };
}

function movePreview(room, starts) {
  const grid = moveGrid();
  const block = moveState.block;
  if (!grid || !block) return;
  const header = grid.querySelector(`.programme-room[data-room="${room}"]`);
  const row = grid.querySelector(`.programme-time[data-time="${starts}"]`);
  if (!moveState.preview || !grid.contains(moveState.preview)) {
    moveState.preview = document.createElement("div");
    moveState.preview.className = "programme-drop";
    moveState.preview.setAttribute("aria-hidden", "true");
    grid.append(moveState.preview);
  }
  moveState.preview.hidden = !header || !row;
  if (!header || !row) return;
  const rows = Math.max(1, Math.ceil(Number(block.dataset.minutes) / 15));
  moveState.preview.style.gridRow = `${row.dataset.gridRow} / span ${rows}`;
  moveState.preview.style.gridColumn = header.dataset.gridCol;
}

function moveClear() {
  moveState.preview?.remove();
  moveState.preview = null;
  document.querySelectorAll(".programme-moving, .programme-dragging").forEach((block) => {
    block.classList.remove("programme-moving", "programme-dragging");
  });
}

// Pick a session: the panel names it, its room and start; the grid outlines it.
function movePick(block) {
  moveClear();
  moveState.block = block;
  block.classList.add("programme-moving");
  const fields = moveFields();
  moveChoose(fields.session, block.dataset.session);
  moveChoose(fields.room, block.dataset.room);
  fields.starts.value = block.dataset.starts;
  movePreview(block.dataset.room, block.dataset.starts);
}

function moveBlock(session) {
  return moveGrid()?.querySelector(`[data-testid=grid-session][data-session="${session}"]`);
}

function moveCancel() {
  const block = moveState.block;
  moveClear();
  moveState.block = null;
  moveChoose(moveFields().session, "");
  if (block) {
    moveSay(moveText("textCancelled"), "info");
    if (moveState.keyboard) block.focus();
  }
}

// The grid again from the server (the same page), in place of the old one: clashes, blocks
// and the panel's list all follow; the scroll position is kept.
async function moveRedraw(session) {
  const scroller = document.querySelector("[data-testid=programme-scroll]");
  const left = scroller?.scrollLeft || 0;
  const top = scroller?.scrollTop || 0;
  const response = await fetch(window.location.href, {credentials: "same-origin"});
  if (!response.ok) {
    window.location.reload();
    return;
  }
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.querySelector("[data-programme-body]");
  const old = document.querySelector("[data-programme-body]");
  if (!fresh || !old) {
    window.location.reload();
    return;
  }
  old.replaceWith(fresh);
  moveShowPanel();
  if (typeof placeGridCells === "function") placeGridCells(fresh);
  if (typeof makeSearchable === "function") makeSearchable(fresh);
  const newScroller = fresh.querySelector("[data-testid=programme-scroll]");
  if (newScroller) {
    newScroller.scrollLeft = left;
    newScroller.scrollTop = top;
  }
  moveBlock(session)?.focus({preventScroll: true});
}

async function moveSend() {
  const panel = movePanel();
  const fields = moveFields();
  const chosen = fields.session.selectedOptions[0];
  if (!chosen || !chosen.value) {
    moveSay(moveText("textChoose"), "refused");
    fields.session.focus();
    return;
  }
  const session = chosen.value;
  let answer = null;
  try {
    const response = await fetch(chosen.dataset.move, {
      method: "POST", body: new FormData(panel), credentials: "same-origin",
      headers: {Accept: "application/json"},
    });
    answer = await response.json();
  } catch (error) {
    answer = null;
  }
  const block = moveState.block;
  moveClear();
  moveState.block = null;
  if (answer && answer.message) {
    moveSay(answer.message, "moved");
    await moveRedraw(session);
  } else {
    // Refused: the block stays, and so does the panel's way back to it (M, or the list).
    moveSay(answer?.error?.message || moveText("textFailed"), "refused");
    moveChoose(fields.session, "");
    if (block && moveState.keyboard) block.focus();
  }
}

function moveShowPanel() {
  const panel = movePanel();
  if (panel) panel.hidden = false;
}
document.addEventListener("DOMContentLoaded", moveShowPanel);

document.addEventListener("submit", (event) => {
  if (!event.target.matches("[data-move-panel]")) return;
  event.preventDefault();
  moveSend();
});

document.addEventListener("click", (event) => {
  if (event.target.closest("[data-move-cancel]")) moveCancel();
});

// The panel's session list picks that session, and its room and start move the outline.
document.addEventListener("change", (event) => {
  const panel = event.target.closest("[data-move-panel]");
  if (!panel) return;
  const fields = moveFields();
  if (event.target === fields.session) {
    const block = moveBlock(fields.session.value);
    if (block) movePick(block);
    else moveCancel();
    return;
  }
  if (moveState.block) movePreview(fields.room.value, fields.starts.value);
});
document.addEventListener("input", (event) => {
  if (event.target.matches("[data-move-panel] [name=starts]") && moveState.block) {
    movePreview(moveFields().room.value, event.target.value);
  }
});

document.addEventListener("keydown", (event) => {
  // A searchable list (Tom Select) that took the key for itself keeps it.
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  const block = event.target.closest?.("[data-testid=grid-session][data-move]");
  if (block && (event.key === "m" || event.key === "M")) {
    event.preventDefault();
    moveState.keyboard = true;
    movePick(block);
    moveSay(moveText("textPicked", block.querySelector(".programme-session-title")?.textContent.trim()),
            "info");
    const room = moveFields().room;
    (room.tomselect || room).focus();
    return;
  }
  if (!event.target.closest?.("[data-move-panel]")) return;
  if (event.key === "Escape") {
    event.preventDefault();
    moveCancel();
  } else if (event.key === "Enter" && !event.target.closest("button")) {
    event.preventDefault();
    movePanel().requestSubmit();
  }
});

// Drag and drop: the block's top follows the pointer where it was grabbed; the room is the
// column under the pointer, the start the quarter hour under the block's top.
function moveTarget(event) {
  const grid = moveGrid();
  const room = [...grid.querySelectorAll(".programme-room")].find((header) => {
    const box = header.getBoundingClientRect();
    return box.left <= event.clientX && event.clientX < box.right;
  });
  if (!room) return null;
  const rows = [...grid.querySelectorAll(".programme-time[data-time]")];
  const top = event.clientY - moveState.grab;
  let row = rows.find((cell) => {
    const box = cell.getBoundingClientRect();
    return box.top <= top && top < box.bottom;
  });
  if (!row) row = top < rows[0].getBoundingClientRect().top ? rows[0] : rows[rows.length - 1];
  return {room: room.dataset.room, starts: row.dataset.time};
}

document.addEventListener("dragstart", (event) => {
  const block = event.target.closest?.("[data-testid=grid-session][data-move]");
  if (!block) return;
  event.dataTransfer.setData("text/plain", block.dataset.session);
  event.dataTransfer.effectAllowed = "move";
  moveState.keyboard = false;
  moveState.grab = event.clientY - block.getBoundingClientRect().top;
  movePick(block);
  block.classList.add("programme-dragging");
});

document.addEventListener("dragover", (event) => {
  if (!moveState.block || !event.target.closest?.("[data-testid=programme-grid]")) return;
  const target = moveTarget(event);
  if (!target) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = "move";
  movePreview(target.room, target.starts);
});

document.addEventListener("drop", (event) => {
  if (!moveState.block || !event.target.closest?.("[data-testid=programme-grid]")) return;
  const target = moveTarget(event);
  if (!target) return;
  event.preventDefault();
  const fields = moveFields();
  moveChoose(fields.room, target.room);
  fields.starts.value = target.starts;
  moveSend();
});

document.addEventListener("dragend", (event) => {
  // Dropped outside the grid, or Escape: nothing was sent.
  if (event.dataTransfer.dropEffect === "none" && moveState.block) moveCancel();
});
