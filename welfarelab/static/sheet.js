// The Mapping Tool sheet: what is typed is saved as you go, and what others write appears within
// seconds. Without this script every note still saves with its own Save button.
(() => {
  "use strict";
  const root = document.getElementById("sheet-root");
  if (!root || !root.querySelector("[data-editable]")) return;
  document.documentElement.classList.add("js-sheet");
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const live = document.getElementById("sheet-status");
  let latest = Number(root.dataset.latest);

  const send = (url, body) =>
    fetch(url, { method: "POST", body, credentials: "same-origin", headers: { "X-CSRFToken": csrf, Accept: "application/json" } });
  const say = (text) => { live.textContent = ""; window.setTimeout(() => { live.textContent = text; }, 50); };
  const container = (place) => root.querySelector(`[data-place="${CSS.escape(place)}"] > .notes`);

  function put(data) {
    const old = document.getElementById(`note-${data.id}`);
    if (data.removed) { if (old) old.remove(); return null; }
    const holder = document.createElement("template");
    holder.innerHTML = data.html.trim();
    const fresh = holder.content.firstElementChild;
    if (old) {
      const focused = old.contains(document.activeElement) ? document.activeElement.name : null;
      old.replaceWith(fresh);
      if (focused) fresh.querySelector(`[name="${focused}"]`)?.focus();
    } else {
      const list = container(data.place);
      if (!list) return null;
      const before = data.after && list.querySelector(`:scope > #note-${data.after}`);
      if (before) before.after(fresh); else list.append(fresh);
    }
    bind(fresh);
    return fresh;
  }

  function bind(note) {
    const form = note.querySelector(".note__form");
    if (!form || form.dataset.bound) return;
    form.dataset.bound = "yes";
    const status = note.querySelector("[data-status]");
    let timer = 0, busy = false, again = false;

    async function save() {
      if (busy) { again = true; return; }
      busy = true;
      delete note.dataset.dirty;
      status.textContent = root.dataset.saving;
      try {
        const response = await fetch(form.action, {
          method: "POST", body: new FormData(form), credentials: "same-origin",
          headers: { "X-CSRFToken": csrf, Accept: "application/json" },
        });
        const data = await response.json();
        if (response.status === 409 && data.alongside) {
          const mine = put(data.alongside);
          put(data.note);
          say(data.message);
          mine?.querySelector("textarea")?.focus();
        } else if (!response.ok) {
          note.dataset.dirty = "yes";
          status.textContent = data.message;
          say(data.message);
        } else {
          form.elements.version.value = data.note.version;
          note.dataset.version = data.note.version;
          status.textContent = root.dataset.saved;
        }
      } catch {
        note.dataset.dirty = "yes";
        status.textContent = root.dataset.failed;
      } finally {
        busy = false;
        if (again) { again = false; save(); }
      }
    }

    form.addEventListener("input", () => {
      note.dataset.dirty = "yes";
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 400);
    });
    form.addEventListener("change", () => { window.clearTimeout(timer); save(); });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!event.submitter || !("remove" in event.submitter.dataset)) { save(); return; }
      const place = note.closest("[data-place]");
      const response = await send(event.submitter.formAction, new FormData(form));
      const data = await response.json();
      if (response.ok) {
        note.remove();
        say(root.dataset.removed);
        place.querySelector(".place__add button, textarea")?.focus();
      } else {
        if (data.note) put(data.note);
        say(data.message);
      }
    });
  }

  root.querySelectorAll(".place__add").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const response = await send(form.action, new FormData(form));
      const data = await response.json();
      if (!response.ok) { say(data.message); return; }
      const note = put(data);
      if (form.closest("[data-place]") && note && form.closest("th")) form.hidden = true;
      note?.querySelector("textarea")?.focus();
    });
  });
  root.querySelectorAll(".note").forEach(bind);

  // Other people's changes: a note someone is typing in here is left alone; if both save, both texts are kept.
  async function poll() {
    if (document.hidden) return;
    try {
      const response = await fetch(`${root.dataset.changesUrl}?after=${latest}`, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const data = await response.json();
      latest = Math.max(latest, data.latest);
      for (const change of data.notes) {
        const here = document.getElementById(`note-${change.id}`);
        if (here && (Number(here.dataset.version) >= change.version || here.dataset.dirty)) continue;
        put(change);
      }
    } catch {
      // Offline for a moment: the next round catches up.
    }
  }
  window.setInterval(poll, 2000);
})();
