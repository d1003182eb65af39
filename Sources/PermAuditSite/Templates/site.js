// permaudit site: the only script, loaded from a file (the pages' Content-Security-Policy allows no other).
// It never writes markup from data: text goes in with textContent.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  setUpTabs();
  setUpActions();
  setUpExports();
  setUpCopyButtons();
  setUpExampleTabs();
  setUpIndexSearch();
  setUpReportFilters();
  setUpSortableTables();
  window.addEventListener("beforeprint", () => document.querySelectorAll("details.more").forEach((d) => { d.open = true; }));
});

function say(text) {
  const status = document.querySelector(".status");
  if (status) status.textContent = text;
}

// Delegated and application panels become tabs; the selected one is the URL's fragment.
function setUpTabs() {
  const container = document.querySelector("[data-tabs]");
  if (!container) return;
  const panels = Array.from(container.querySelectorAll(":scope > .panel"));
  if (panels.length < 2) return;
  const list = document.createElement("div");
  list.setAttribute("role", "tablist");
  list.setAttribute("aria-label", "Kinds");
  const tabs = panels.map((panel) => {
    const tab = document.createElement("button");
    tab.type = "button";
    tab.setAttribute("role", "tab");
    tab.id = "tab-" + panel.id;
    tab.setAttribute("aria-controls", panel.id);
    tab.textContent = panel.dataset.tabLabel;
    panel.setAttribute("role", "tabpanel");
    tab.addEventListener("click", () => { history.replaceState(null, "", "#" + panel.id); select(panel.id); });
    tab.addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
      next.focus();
      next.click();
    });
    list.appendChild(tab);
    return tab;
  });
  container.before(list);
  function select(id) {
    const chosen = panels.some((p) => p.id === id) ? id : panels[0].id;
    panels.forEach((panel, i) => {
      const on = panel.id === chosen;
      panel.classList.toggle("inactive", !on);
      tabs[i].setAttribute("aria-selected", String(on));
      tabs[i].tabIndex = on ? 0 : -1;
    });
  }
  select(decodeURIComponent(location.hash.slice(1)));
  window.addEventListener("hashchange", () => select(decodeURIComponent(location.hash.slice(1))));
}

function copy(text, done) {
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(() => say(done), () => say("Copy failed: select and copy by hand."));
  } else {
    say("Copy failed: select and copy by hand.");
  }
}

// Copy URL and Print need the script, so they show only with it (as do the exports).
function setUpActions() {
  const copyButton = document.querySelector("[data-action=copy-url]");
  const printButton = document.querySelector("[data-action=print]");
  if (copyButton) {
    copyButton.hidden = false;
    copyButton.addEventListener("click", () => copy(permalink(), "URL copied"));
  }
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", () => window.print());
  }
}

// Export JSON and Export CSV: the page's exports, as `permaudit show --format json|csv` prints them, come
// deflated in a script next to the page (SLUG.js; a page from file:// may not fetch, but may load a script),
// which hands them to permauditData; they are inflated into the file that is saved.
let exportData = null;
window.permauditData = (data) => { exportData = data; };

function loadExports(src) {
  if (exportData) return Promise.resolve(exportData);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = () => (exportData ? resolve(exportData) : reject(new Error("no data in " + src)));
    script.onerror = () => reject(new Error("cannot load " + src));
    document.head.appendChild(script);
  });
}

async function exportFile(src, format) {
  const packed = (await loadExports(src))[format];
  const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
  const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Blob([await new Response(inflated).arrayBuffer()], { type: format === "json" ? "application/json" : "text/csv" });
}

function setUpExports() {
  document.querySelectorAll("[data-export]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const format = button.dataset.export;
      exportFile(button.dataset.src, format).then((file) => {
        const link = document.createElement("a");
        link.href = URL.createObjectURL(file);
        link.download = button.dataset.file;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 60000);
        say("Saved " + button.dataset.file);
      }, (error) => say("Export failed: " + error.message));
    });
  });
}

// The page's address with the selected tab as its fragment.
function permalink() {
  const selected = document.querySelector("[aria-label=Kinds] [role=tab][aria-selected=true]");
  const url = new URL(location.href);
  if (selected) url.hash = selected.getAttribute("aria-controls");
  return url.href;
}

function setUpCopyButtons() {
  document.querySelectorAll("figure.example").forEach((figure) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = "Copy";
    button.addEventListener("click", () => copy(figure.querySelector("code").textContent, "Code copied"));
    figure.querySelector("figcaption").appendChild(button);
  });
}

// Each panel's code examples become tabs, one per language (without the script, or on paper, all show).
function setUpExampleTabs() {
  document.querySelectorAll(".panel").forEach((panel) => {
    const figures = Array.from(panel.querySelectorAll("figure.example"));
    if (figures.length < 2) return;
    const list = document.createElement("div");
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", "Languages");
    const tabs = figures.map((figure, index) => {
      const tab = document.createElement("button");
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.textContent = figure.querySelector("figcaption").firstChild.textContent;
      tab.addEventListener("click", () => select(index));
      list.appendChild(tab);
      return tab;
    });
    figures[0].before(list);
    function select(chosen) {
      figures.forEach((figure, index) => {
        figure.classList.toggle("inactive", index !== chosen);
        tabs[index].setAttribute("aria-selected", String(index === chosen));
      });
    }
    select(0);
  });
}

// The index: filters on the rows' data attributes, and a search ranked as `permaudit search` weighs its
// columns (name 10, name words 10, display names 4, descriptions 1); every word must match, the last as a prefix.
function setUpIndexSearch() {
  const table = document.getElementById("permissions");
  const data = document.getElementById("search-index");
  if (!table || !data) return;
  const form = document.querySelector("form.filters");
  form.hidden = false;
  form.addEventListener("submit", (event) => event.preventDefault());
  const entries = JSON.parse(data.textContent);
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const original = rows.slice();
  const inputs = ["search", "filter-kind", "filter-admin", "filter-resource"].map((id) => document.getElementById(id));
  const update = () => {
    const [query, kind, admin, resource] = inputs.map((input) => input.value);
    const words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const scored = [];
    original.forEach((row) => {
      const entry = entries[Number(row.dataset.key)];
      const keep = (!kind || row.dataset.kind.split(" ").includes(kind))
        && (!admin || row.dataset.admin.split(" ").includes(admin))
        && (!resource || row.dataset.resource.split(" ").includes(resource));
      const score = keep ? rank(entry, words) : -1;
      row.hidden = score < 0;
      if (score >= 0) scored.push([score, entry.n, row]);
    });
    if (words.length) {
      scored.sort((a, b) => b[0] - a[0] || a[1].length - b[1].length || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
      scored.forEach(([, , row]) => body.appendChild(row));
    } else {
      original.forEach((row) => body.appendChild(row));
    }
    document.getElementById("match-count").textContent = scored.length + " of " + original.length;
  };
  inputs.forEach((input) => input.addEventListener("input", update));
  update();
}

function rank(entry, words) {
  if (!words.length) return 0;
  const fields = [[entry.w, 10], [entry.d, 4], [entry.t, 1]];
  let total = 0;
  for (let i = 0; i < words.length; i++) {
    const last = i === words.length - 1;
    let best = 0;
    for (const [text, weight] of fields) {
      const tokens = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
      const hits = tokens.filter((token) => token === words[i] || (last && token.startsWith(words[i]))).length;
      if (hits) best = Math.max(best, weight * (1 + Math.log(hits)) / (1 + tokens.length / 40));
    }
    if (!best) return -1;
    total += best;
  }
  return total;
}

function setUpReportFilters() {
  const table = document.getElementById("report");
  const form = document.querySelector("form.filters");
  if (!table || !form) return;
  form.hidden = false;
  const selects = Array.from(form.querySelectorAll("select[data-filter]"));
  const update = () => {
    let shown = 0;
    Array.from(table.tBodies[0].rows).forEach((row) => {
      row.hidden = !selects.every((s) => !s.value || row.dataset[s.dataset.filter] === s.value);
      if (!row.hidden) shown++;
    });
    document.getElementById("match-count").textContent = shown + " of " + table.tBodies[0].rows.length;
  };
  selects.forEach((s) => s.addEventListener("input", update));
  update();
}

// A sortable table's headers become buttons; a second click reverses.
function setUpSortableTables() {
  document.querySelectorAll("table.sortable").forEach((table) => {
    Array.from(table.tHead.rows[0].cells).forEach((cell, column) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = cell.textContent;
      cell.textContent = "";
      cell.appendChild(button);
      button.addEventListener("click", () => {
        const ascending = cell.getAttribute("aria-sort") !== "ascending";
        table.tHead.querySelectorAll("th").forEach((th) => th.removeAttribute("aria-sort"));
        cell.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const rows = Array.from(table.tBodies[0].rows);
        rows.sort((a, b) => a.cells[column].textContent.localeCompare(b.cells[column].textContent) * (ascending ? 1 : -1));
        rows.forEach((row) => table.tBodies[0].appendChild(row));
      });
    });
  });
}
