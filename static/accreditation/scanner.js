// The scanner page at a gate. A code comes from the camera (jsQR), a keyboard-wedge scanner
// or the keyboard; the server decides and the page shows a full-screen green or red answer.
// When the server cannot be reached the page decides itself: the code's signature (ECDSA
// P-256, SHA-256, raw r||s with the low s, see accreditation/codes.py) is checked with
// WebCrypto against the kit's public key of the id the code names; the offline kit also lists
// the badges that open nothing (revoked, lost, replaced, suspended) and the collected badges,
// and the last day badges printed before key ids (ACC1) open. Such scans wait in
// localStorage, each with its own client_scan_id, and are uploaded once the network is back;
// the server records each id once, so a scan sent twice counts once. A code that cannot be
// read is looked up on the server by the badge's printed number or its holder's name
// (accreditation/services/gate_lookups.py); the page shows how old its offline kit is.
(() => {
  "use strict";

  const root = document.querySelector("[data-scanner]");
  if (!root) return;
  const config = JSON.parse(document.getElementById("scanner-config").textContent);
  const text = config.text;
  const KIT_KEY = "accord.scanner.kit";
  const QUEUE_KEY = "accord.scanner.queue";
  const KIT_REFRESH_MS = 3 * 60 * 1000;
  const FLUSH_MS = 15 * 1000;
  const KIT_AGE_MS = 15 * 1000;
  const REQUEST_TIMEOUT_MS = 5000;
  const ANSWER_MS = 4000;
  const SAME_CODE_MS = 3000; // the camera sees a badge many times a second
  const CODE_MAX = 400;
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;

  const $ = (selector) => document.querySelector(selector);
  const answerBox = $("[data-answer]");
  const input = $("#scan-code");
  const fmt = (template, values) =>
    template.replace(/%\((\w+)\)s/g, (_match, name) => (name in values ? values[name] : ""));

  // --- storage -------------------------------------------------------------------------
  function load(key, fallback) {
    try {
      const value = localStorage.getItem(key);
      return value ? JSON.parse(value) : fallback;
    } catch {
      return fallback;
    }
  }
  function store(key, value) {
    localStorage.setItem(key, JSON.stringify(value));
  }

  function newScanId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function direction() {
    const checked = document.querySelector("input[name=direction]:checked");
    return checked ? checked.value : root.dataset.direction;
  }

  // --- network state -------------------------------------------------------------------
  const netStatus = $("[data-net-status]");
  const queueBadge = $("[data-queue]");
  function setOnline(online) {
    netStatus.textContent = online ? text.online : text.offline_status;
    netStatus.classList.toggle("text-bg-success", online);
    netStatus.classList.toggle("text-bg-danger", !online);
    netStatus.dataset.online = online ? "true" : "false";
  }
  function renderQueue() {
    const count = load(QUEUE_KEY, []).length;
    queueBadge.textContent = fmt(text.queued, { count });
    queueBadge.classList.toggle("d-none", count === 0);
    queueBadge.dataset.count = String(count);
  }

  async function request(url, options = {}) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      return await fetch(url, {
        credentials: "same-origin",
        ...options,
        headers: { Accept: "application/json", ...(options.headers || {}) },
        signal: controller.signal,
      });
    } finally {
      clearTimeout(timer);
    }
  }
  function postScan(body) {
    return request(config.scan_url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
    });
  }

  // --- the offline kit -----------------------------------------------------------------
  let kitCache = null; // {kit, revoked: Set, suspended: Set, collected: Set}
  function kit() {
    if (kitCache) return kitCache;
    const stored = load(KIT_KEY, null);
    if (!stored || !stored.public_keys || !("old_codes_until" in stored)) return null;
    kitCache = {
      kit: stored,
      revoked: new Set(stored.revoked),
      suspended: new Set(stored.suspended || []),
      collected: new Set(stored.collected),
    };
    return kitCache;
  }
  async function refreshKit() {
    try {
      const response = await request(config.kit_url);
      if (response.ok) {
        store(KIT_KEY, await response.json());
        kitCache = null;
        setOnline(true);
      }
    } catch {
      setOnline(false);
    }
    renderKitAge();
  }

  // How old the kit (and so its revocation list: they come in one download) is, in words:
  // late once it has missed a few refreshes, stale past the age it no longer decides at.
  const kitAge = $("[data-kit-age]");
  const lang = document.documentElement.lang || undefined;
  function ago(seconds) {
    const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto", style: "short" });
    if (seconds < 60) return relative.format(-Math.max(0, Math.round(seconds)), "second");
    if (seconds < 3600) return relative.format(-Math.floor(seconds / 60), "minute");
    return relative.format(-Math.floor(seconds / 3600), "hour");
  }
  function renderKitAge() {
    const held = kit();
    const age = held ? (Date.now() - Date.parse(held.kit.generated_at)) / 1000 : NaN;
    let state = "fresh";
    let message;
    if (!held || Number.isNaN(age)) {
      state = "missing";
      message = text.kit_missing;
    } else if (age > config.kit_max_age_seconds) {
      state = "stale";
      message = fmt(text.kit_stale, { age: ago(age) });
    } else if (age > config.kit_late_seconds) {
      state = "late";
      message = fmt(text.kit_late, { age: ago(age) });
    } else {
      message = fmt(text.kit_age, { age: ago(age) });
    }
    kitAge.textContent = message;
    kitAge.dataset.state = state;
    kitAge.classList.toggle("text-bg-light", state === "fresh");
    kitAge.classList.toggle("text-bg-warning", state === "late");
    kitAge.classList.toggle("text-bg-danger", state === "stale" || state === "missing");
  }

  function fromBase64(value, url) {
    let b64 = url ? value.replace(/-/g, "+").replace(/_/g, "/") : value;
    b64 += "=".repeat((4 - (b64.length % 4)) % 4);
    const binary = atob(b64);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  }
  // Base64url as the server writes it (no padding, unused bits zero): another spelling of
  // the same bytes would be a second code for one badge.
  function fromCanonicalBase64(value) {
    const bytes = fromBase64(value, true);
    const again = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    if (again !== value) throw new Error("not canonical");
    return bytes;
  }
  const keyCache = new Map();
  async function publicKey(spki) {
    if (!keyCache.has(spki)) {
      keyCache.set(spki, await crypto.subtle.importKey(
        "spki", fromBase64(spki, false), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]));
    }
    return keyCache.get(spki);
  }
  // ECDSA accepts (r, s) and (r, n - s) alike (WebCrypto too): codes are signed with the low
  // s, and a current code with the high one is the twin of a real one.
  const HALF_ORDER = 0x7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8n;
  function highS(signature) {
    const hex = Array.from(signature.slice(32), (b) => b.toString(16).padStart(2, "0")).join("");
    return BigInt(`0x${hex}`) > HALF_ORDER;
  }

  // What a code states, or null when it is not a code of ours with a valid signature by a
  // key of the kit. ACC2.<key id>.<body>.<signature over the text before it>, low s; or an
  // old ACC1.<body>.<signature over the body> by any key, either s.
  async function verify(code, keys) {
    if (code.length > CODE_MAX) return null;
    const parts = code.split(".");
    const old = parts[0] === "ACC1" && parts.length === 3;
    if (!old && !(parts[0] === "ACC2" && parts.length === 4)) return null;
    let body;
    let signature;
    try {
      body = fromCanonicalBase64(parts[parts.length - 2]);
      signature = fromCanonicalBase64(parts[parts.length - 1]);
    } catch {
      return null;
    }
    if (signature.length !== 64) return null;
    if (!old && highS(signature)) return null;
    const candidates = old ? Object.values(keys) : [keys[parts[1]]];
    const message = old ? body : new TextEncoder().encode(parts.slice(0, 3).join("."));
    let valid = false;
    for (const spki of candidates) {
      if (typeof spki !== "string") continue;
      if (await crypto.subtle.verify(
        { name: "ECDSA", hash: "SHA-256" }, await publicKey(spki), signature, message)) {
        valid = true;
        break;
      }
    }
    if (!valid) return null;
    const fields = new TextDecoder().decode(body).split("~");
    if (fields.length !== 5 || !/^\d+$/.test(fields[0])) return null;
    return {
      badgeId: Number(fields[0]),
      zones: fields[2].split(",").filter(Boolean),
      validFrom: fields[3],
      validUntil: fields[4],
      old,
    };
  }

  // The day at the venue as YYYYMMDD, the form the code states its dates in.
  function venueDay(timeZone, when) {
    const parts = {};
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(when).forEach((part) => { parts[part.type] = part.value; });
    return `${parts.year}${parts.month}${parts.day}`;
  }

  // The same checks as accreditation.services.scans.decide, on what the device knows.
  async function decideOffline(scan) {
    const held = kit();
    if (!held || !(window.crypto && crypto.subtle)) return null;
    // A kit older than this no longer knows the latest revocations: no decision from it.
    const age = (Date.now() - Date.parse(held.kit.generated_at)) / 1000;
    if (!(age <= config.kit_max_age_seconds)) return "stale";
    const checkpoint = config.checkpoint;
    const answer = (result, reason, badgeId) => ({
      result, reason, reason_text: reason ? config.reasons[reason] : "",
      repeated: false, holder: null, badge_id: badgeId || null,
    });
    if ((checkpoint.mode === "entry" && scan.direction === "out")
        || (checkpoint.mode === "exit" && scan.direction === "in")) {
      return answer("deny", "wrong_direction");
    }
    const stated = await verify(scan.code, held.kit.public_keys);
    const ours = scan.code.startsWith("ACC2.") || scan.code.startsWith("ACC1.");
    const day = venueDay(held.kit.time_zone, new Date(scan.scanned_at));
    // An old code opens, in either form, up to its last day at the venue (codes.py).
    const oldUntil = held.kit.old_codes_until && held.kit.old_codes_until.replace(/-/g, "");
    if (stated === null || (stated.old && oldUntil && day > oldUntil)) {
      return answer("deny", ours ? "forged" : "unknown_code");
    }
    const id = stated.badgeId;
    // Suspended badges are in both lists (a kit read by an older page still refuses them).
    if (held.suspended.has(id)) return answer("deny", "suspended", id);
    if (held.revoked.has(id)) return answer("deny", "revoked", id);
    // Not handed over when the kit was made (or not this event's): refused until online.
    if (!held.collected.has(id)) return answer("deny", "not_collected", id);
    if (!stated.zones.includes(checkpoint.zone_code)) return answer("deny", "wrong_zone", id);
    if (day < stated.validFrom || day > stated.validUntil) return answer("deny", "outside_dates", id);
    return answer("allow", "", id);
  }

  // --- the queue of offline scans ------------------------------------------------------
  function enqueue(scan) {
    const queue = load(QUEUE_KEY, []);
    queue.push({ ...scan, offline: true });
    store(QUEUE_KEY, queue);
    renderQueue();
  }
  function dequeue(clientScanId) {
    store(QUEUE_KEY, load(QUEUE_KEY, []).filter((item) => item.client_scan_id !== clientScanId));
    renderQueue();
  }
  let flushing = false;
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      for (const item of load(QUEUE_KEY, [])) {
        let response;
        try {
          response = await postScan(item);
        } catch {
          setOnline(false);
          break;
        }
        // Only a 2xx takes a scan off the device; a refusal stays for someone to look at.
        if (response.ok) {
          dequeue(item.client_scan_id);
          setOnline(true);
        } else if (response.status >= 500) {
          break;
        }
      }
    } finally {
      flushing = false;
      renderQueue();
    }
  }

  // --- the answer ----------------------------------------------------------------------
  let hideTimer = null;
  function hideAnswer() {
    answerBox.classList.add("d-none");
    input.focus();
  }
  function show(answer, offline) {
    const allowed = answer.result === "allow";
    answerBox.classList.remove("d-none", "scan-allow", "scan-deny");
    answerBox.classList.add(allowed ? "scan-allow" : "scan-deny");
    answerBox.dataset.result = answer.result;
    answerBox.dataset.reason = answer.reason || "";
    answerBox.dataset.offline = offline ? "true" : "false";
    answerBox.querySelector("[data-verdict]").textContent = allowed ? text.allow : text.deny;
    answerBox.querySelector("[data-reason]").textContent = answer.reason_text || "";
    const holder = answer.holder;
    const photo = answerBox.querySelector("[data-photo]");
    photo.hidden = !(holder && holder.photo_url);
    if (holder && holder.photo_url) photo.src = holder.photo_url;
    else photo.removeAttribute("src");
    const swatch = answerBox.querySelector("[data-swatch]");
    swatch.hidden = !holder;
    swatch.style.backgroundColor = holder ? holder.colour : "";
    answerBox.querySelector("[data-name]").textContent = holder
      ? holder.name : (answer.badge_id ? fmt(text.badge, { id: answer.badge_id }) : "");
    answerBox.querySelector("[data-category]").textContent = holder
      ? `${holder.category_code} · ${holder.category}` : "";
    answerBox.querySelector("[data-organisation]").textContent = holder ? holder.organisation : "";
    answerBox.querySelector("[data-number]").textContent = holder ? holder.badge_number : "";
    const flags = [];
    if (offline) flags.push(text.offline);
    if (answer.repeated) flags.push(text.repeated);
    answerBox.querySelector("[data-flag]").textContent = flags.join(" · ");
    remember(answer, offline);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideAnswer, ANSWER_MS);
  }

  const recent = $("[data-recent]");
  function remember(answer, offline) {
    const item = document.createElement("li");
    item.className = `list-group-item d-flex justify-content-between gap-2 ${
      answer.result === "allow" ? "list-group-item-success" : "list-group-item-danger"}`;
    const what = document.createElement("span");
    const who = answer.holder ? answer.holder.name
      : (answer.badge_id ? fmt(text.badge, { id: answer.badge_id }) : "");
    what.textContent = [answer.result === "allow" ? text.allow : text.deny, answer.reason_text, who]
      .filter(Boolean).join(" · ");
    const when = document.createElement("span");
    when.className = "text-nowrap";
    when.textContent = `${new Date().toLocaleTimeString()}${offline ? ` · ${text.offline}` : ""}`;
    item.append(what, when);
    recent.prepend(item);
    while (recent.children.length > 8) recent.lastElementChild.remove();
  }

  const problem = $("[data-problem]");
  function showProblem(message) {
    problem.textContent = message;
    problem.classList.toggle("d-none", !message);
  }

  // --- one scan ------------------------------------------------------------------------
  async function scan(code) {
    code = (code || "").trim();
    if (!code) return;
    showProblem("");
    const body = {
      code,
      checkpoint: config.checkpoint.id,
      scanned_at: new Date().toISOString(),
      client_scan_id: newScanId(),
      direction: direction(),
    };
    let response = null;
    if (navigator.onLine !== false) {
      try {
        response = await postScan(body);
      } catch {
        response = null;
      }
    }
    if (response && response.ok) {
      setOnline(true);
      show(await response.json(), false);
      if (load(QUEUE_KEY, []).length) flush();
      return;
    }
    if (response && response.status < 500) {
      const data = await response.json().catch(() => ({}));
      const message = data.error && data.error.message ? data.error.message : response.status;
      showProblem(response.status === 401 || response.status === 403
        ? text.session : fmt(text.error, { message }));
      return;
    }
    // The server cannot be reached (or failed): decide here, upload later.
    setOnline(false);
    enqueue(body);
    const answer = await decideOffline(body).catch(() => null);
    if (answer === null || answer === "stale") {
      showProblem(answer === "stale" ? text.stale_kit : text.no_kit);
      return;
    }
    show(answer, true);
  }

  // The manual path (a printed number or a name) needs the server: no lookup offline.
  const lookupForm = $("[data-lookup-form]");
  const lookupInput = lookupForm.querySelector("input[name=query]");
  lookupForm.addEventListener("submit", (event) => {
    if (navigator.onLine === false || netStatus.dataset.online === "false") {
      event.preventDefault();
      showProblem(text.lookup_offline);
    }
  });
  // A badge's printed number (HCS26-D-02005) typed where codes go is no code: it is looked
  // up, and admits no one until the operator has compared the photo with the face.
  const PRINTED_NUMBER = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)+$/;

  $("[data-scan-form]").addEventListener("submit", (event) => {
    event.preventDefault();
    const code = input.value.trim();
    input.value = "";
    if (PRINTED_NUMBER.test(code) && /\d/.test(code) && code.length <= 40) {
      lookupInput.value = code;
      lookupForm.closest("details").open = true;
      lookupForm.requestSubmit();
      return;
    }
    input.focus();
    scan(code);
  });
  answerBox.addEventListener("click", hideAnswer);

  // --- camera --------------------------------------------------------------------------
  const video = $("[data-video]");
  const canvas = $("[data-canvas]");
  const cameraButton = $("[data-camera]");
  let stream = null;
  let lastCode = "";
  let lastAt = 0;

  function stopCamera() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    cameraButton.textContent = text.camera_off;
  }
  async function startCamera() {
    try {
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.jsQR) {
        throw new Error("getUserMedia");
      }
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch (error) {
      showProblem(fmt(text.camera_error, { message: error.message || error.name }));
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    cameraButton.textContent = text.camera_on;
    await video.play().catch(() => {});
    setTimeout(readFrame, 150);
  }
  function readFrame() {
    if (!stream) return;
    if (video.readyState >= 2 && video.videoWidth) {
      const scale = Math.min(1, 640 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      const context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      const now = Date.now();
      if (found && found.data && (found.data !== lastCode || now - lastAt > SAME_CODE_MS)) {
        lastCode = found.data;
        lastAt = now;
        scan(found.data);
      }
    }
    setTimeout(readFrame, 150);
  }
  cameraButton.addEventListener("click", () => (stream ? stopCamera() : startCamera()));

  // --- keeping up ----------------------------------------------------------------------
  window.addEventListener("online", () => {
    setOnline(true);
    flush();
    refreshKit();
  });
  window.addEventListener("offline", () => setOnline(false));
  setOnline(navigator.onLine !== false);
  renderQueue();
  refreshKit().then(flush);
  setInterval(refreshKit, KIT_REFRESH_MS);
  setInterval(() => { if (load(QUEUE_KEY, []).length) flush(); }, FLUSH_MS);
  renderKitAge();
  setInterval(renderKitAge, KIT_AGE_MS);
  // A lookup's answer is read where it is; otherwise the next code goes into the box.
  const openLookup = $("[data-lookup][open]");
  if (openLookup) openLookup.scrollIntoView({ block: "start" });
  else input.focus();
})();
