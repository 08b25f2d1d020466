// The Mapping Tool sheet: what is typed is saved as you go, and what others write appears within
// seconds. Without this script every note still saves with its own Save button.
//
// Nothing typed may be lost or moved. So "+ Add" puts a note on the page at once, focused, before
// anything is asked of the server: the first keystroke lands in it however slow the network. It is
// made on the server once it has text, with that text; whatever is typed meanwhile is saved after
// it. Each note's requests go one at a time, in order, and a note being written is never replaced
// under the writer's hands. A note added here and left empty does not stay as an empty box.
(() => {
  "use strict";
  const root = document.getElementById("sheet-root");
  if (!root || !root.querySelector("[data-editable]")) return;
  document.documentElement.classList.add("js-sheet");
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const live = document.getElementById("sheet-status");
  let latest = Number(root.dataset.latest);
  let drafts = 0;

  async function send(url, body) {
    const response = await fetch(url, {
      method: "POST", body, credentials: "same-origin", headers: { "X-CSRFToken": csrf, Accept: "application/json" },
    });
    const data = await response.json().catch(() => ({ message: root.dataset.failed }));
    return { response, data };
  }
  const say = (text) => { live.textContent = ""; window.setTimeout(() => { live.textContent = text; }, 50); };
  const status = (note, text) => { const shown = note.querySelector("[data-status]"); if (shown) shown.textContent = text; };
  // The question beside a note for everyone that names someone, as the server answers it after each save.
  const naming = (note, text) => {
    const shown = note.querySelector("[data-naming]");
    if (!shown || shown.textContent === text) return;
    shown.textContent = text;
    if (text) say(text);
  };
  const fragment = (html) => {
    const holder = document.createElement("template");
    holder.innerHTML = html.trim();
    return holder.content.firstElementChild;
  };
  const isEmpty = (note) => !note.querySelector("textarea")?.value.trim();

  // A place that holds one note (a column's "by (date)") offers "+ Add" again once it is empty.
  function offerAdd(place) {
    const add = place?.querySelector(":scope > .place__add");
    if (add && !place.querySelector(":scope > .notes > .note")) add.hidden = false;
  }

  // Put the server's version of a note on the page. Whoever is in it keeps their place in the text.
  function put(data) {
    const old = document.getElementById(`note-${data.id}`);
    if (data.removed) {
      const place = old?.closest("[data-place]");
      old?.remove();
      offerAdd(place);
      return null;
    }
    const fresh = fragment(data.html);
    if (old) {
      const focused = old.contains(document.activeElement) ? document.activeElement : null;
      const selection = focused instanceof HTMLTextAreaElement ? [focused.selectionStart, focused.selectionEnd] : null;
      old.replaceWith(fresh);
      const again = focused && fresh.querySelector(`[name="${focused.name}"]`);
      again?.focus();
      if (selection && again instanceof HTMLTextAreaElement) again.setSelectionRange(...selection);
    } else {
      const list = root.querySelector(`[data-place="${CSS.escape(data.place)}"] > .notes`);
      if (!list) return null;
      const before = data.after && list.querySelector(`:scope > #note-${data.after}`);
      if (before) before.after(fresh); else list.append(fresh);
      const place = list.parentElement;
      if ("single" in place.dataset) place.querySelector(":scope > .place__add").hidden = true;
    }
    return fresh;
  }

  // A note just made on the server takes its form around the textarea being typed in, which is
  // never taken out of the page: so it keeps the focus, the caret and any composition under way.
  function adopt(draft, data) {
    root.querySelectorAll(`[id="note-${data.id}"]`).forEach((copy) => copy !== draft && copy.remove());
    const fresh = fragment(data.html);
    const form = draft.querySelector("form"), text = form.elements.text;
    const freshForm = fresh.querySelector("form"), freshText = freshForm.elements.text;
    draft.id = fresh.id;
    draft.className = fresh.className;
    draft.dataset.version = fresh.dataset.version;
    for (const { name, value } of freshForm.attributes) form.setAttribute(name, value);
    for (const { name } of [...text.attributes]) if (!freshText.hasAttribute(name)) text.removeAttribute(name);
    for (const { name, value } of freshText.attributes) text.setAttribute(name, value);
    for (const node of [...form.childNodes]) if (node !== text) node.remove();
    let before = true;
    for (const node of [...freshForm.childNodes]) {
      if (node === freshText) before = false;
      else if (before) text.before(node);
      else form.append(node);
    }
    for (const node of [...fresh.childNodes]) if (node !== freshForm) draft.append(node);
  }

  const writers = new Map(); // by the note's element id

  class Writer {
    constructor(id, place = "") {
      this.id = id;
      this.place = place; // set while the note is only on this page, not yet on the server
      this.added = Boolean(place); // added on this page: taken off again if left empty
      this.queue = Promise.resolve();
      this.timer = 0;
      this.waiting = false; // a save is queued; it sends the text as it is when its turn comes
      this.busy = false; // a request is under way
    }

    get note() { return document.getElementById(this.id); }

    get active() { return this.busy || this.waiting; }

    then(task) {
      this.queue = this.queue.then(task).catch(() => {
        const note = this.note;
        if (note) { note.dataset.dirty = "yes"; status(note, root.dataset.failed); }
      }).finally(() => { this.busy = false; });
    }

    later() {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => this.save(), 400);
    }

    save() {
      window.clearTimeout(this.timer);
      if (this.waiting) return;
      this.waiting = true;
      this.then(() => { this.waiting = false; return this.saveNow(); });
    }

    async saveNow() {
      const note = this.note;
      if (!note?.dataset.dirty || (this.place && isEmpty(note))) return;
      this.busy = true;
      delete note.dataset.dirty;
      status(note, root.dataset.saving);
      await (this.place ? this.create(note) : this.write(note));
    }

    async create(note) {
      const text = note.querySelector("textarea").value;
      const body = new FormData();
      body.set("place", this.place);
      body.set("text", text);
      const { response, data } = await send(root.dataset.addUrl, body);
      if (!response.ok) {
        note.dataset.dirty = "yes";
        status(note, data.message);
        say(data.message);
        return;
      }
      writers.delete(this.id);
      this.id = `note-${data.id}`;
      this.place = "";
      writers.set(this.id, this);
      adopt(note, data);
      status(note, note.dataset.dirty ? "" : root.dataset.saved);
    }

    async write(note) {
      const form = note.querySelector(".note__form");
      const sent = form.elements.text.value;
      const { response, data } = await send(form.action, new FormData(form));
      if (response.status === 409 && data.alongside) {
        // Theirs stays in the note, mine goes on just after it, with whatever I typed meanwhile.
        const text = form.elements.text, typed = text.value, selection = [text.selectionStart, text.selectionEnd];
        const mine = put(data.alongside);
        put(data.note);
        say(data.message);
        const mineText = mine?.querySelector("textarea");
        if (!mineText) return;
        mineText.focus();
        if (typed !== sent) {
          mineText.value = typed;
          mine.dataset.dirty = "yes";
          writer(mine).later();
        }
        mineText.setSelectionRange(...selection);
      } else if (!response.ok) {
        note.dataset.dirty = "yes";
        status(note, data.message);
        say(data.message);
      } else {
        form.elements.version.value = data.note.version;
        note.dataset.version = data.note.version;
        naming(note, data.note.naming);
        status(note, root.dataset.saved);
      }
    }

    // Take the note off the sheet once what is queued before has gone; `ifEmpty` only if it is still empty then.
    remove(ifEmpty = false) {
      window.clearTimeout(this.timer);
      this.then(async () => {
        const note = this.note;
        if (!note || (ifEmpty && (!isEmpty(note) || note.contains(document.activeElement)))) return;
        const place = note.closest("[data-place]");
        const focused = note.contains(document.activeElement);
        if (this.place) {
          note.remove();
          writers.delete(this.id);
          offerAdd(place);
          return;
        }
        this.busy = true;
        const form = note.querySelector(".note__form");
        const { response, data } = await send(form.querySelector("[data-remove]").formAction, new FormData(form));
        if (response.ok) {
          note.remove();
          writers.delete(this.id);
          offerAdd(place);
          say(root.dataset.removed);
          if (focused) place.querySelector(".place__add:not([hidden]) button, textarea")?.focus();
        } else {
          if (data.note) put(data.note);
          say(data.message);
        }
      });
    }
  }

  function writer(note) {
    if (!writers.has(note.id)) writers.set(note.id, new Writer(note.id));
    return writers.get(note.id);
  }

  function draft(place) {
    const note = fragment(
      '<li class="note note--draft"><form class="note__form">' +
        '<textarea class="ds-input note__text" name="text" rows="1" maxlength="4000"></textarea>' +
        '<div class="note__meta"><span class="note__status" data-status></span></div></form></li>',
    );
    note.id = `draft-${++drafts}`;
    note.querySelector("textarea").setAttribute("aria-label", place.dataset.label);
    place.querySelector(":scope > .notes").append(note);
    writers.set(note.id, new Writer(note.id, place.dataset.place));
    return note;
  }

  const noteOf = (event) => event.target.closest?.(".note");

  root.addEventListener("submit", (event) => {
    const form = event.target;
    event.preventDefault();
    if (form.classList.contains("place__add")) {
      const place = form.closest("[data-place]");
      const note = draft(place);
      if ("single" in place.dataset) form.hidden = true;
      note.querySelector("textarea").focus();
      return;
    }
    const note = noteOf(event);
    if (!note) return;
    if (event.submitter && "remove" in event.submitter.dataset) writer(note).remove();
    else { note.dataset.dirty = "yes"; writer(note).save(); }
  });
  root.addEventListener("input", (event) => {
    const note = noteOf(event);
    if (!note) return;
    note.dataset.dirty = "yes";
    writer(note).later();
  });
  root.addEventListener("change", (event) => {
    const note = noteOf(event);
    if (note) writer(note).save();
  });
  root.addEventListener("focusout", (event) => {
    const note = noteOf(event);
    const leaving = note && writers.get(note.id);
    if (!leaving?.added) return;
    // Where the focus goes is known only once it has gone there.
    window.setTimeout(() => {
      const now = leaving.note;
      if (now && !now.contains(document.activeElement) && isEmpty(now)) leaving.remove(true);
    }, 0);
  });

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
        const busy = writers.get(`note-${change.id}`)?.active;
        if (here && (Number(here.dataset.version) >= change.version || here.dataset.dirty || busy)) continue;
        put(change);
      }
    } catch {
      // Offline for a moment: the next round catches up.
    }
  }
  window.setInterval(poll, 2000);
})();
