// Tests of assets/app.js without a browser: node's own test runner, the file run in a vm
// context with the few DOM pieces it touches. Run: node --test tests/js/ (scripts/test.sh does).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const APP_JS = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "assets", "app.js");

// A minimal DOM: elements with attributes, children and text; enough for what app.js writes.
class Node {
  constructor(tag, attributes = {}, children = []) {
    this.tagName = tag; this.attributes = {...attributes}; this.childNodes = []; this.className = "";
    children.forEach((child) => this.appendChild(child));
  }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  hasAttribute(name) { return name in this.attributes; }
  appendChild(child) {
    const added = child.tagName === "#fragment" ? child.childNodes : [child];
    added.forEach((node) => { node.parent = this; this.childNodes.push(node); });
    if (this.onAppend) this.onAppend(child);
    return child;
  }
  remove() { this.parent.childNodes = this.parent.childNodes.filter((c) => c !== this); }
  get firstElementChild() { return this.childNodes[0]; }
  cloneNode() {
    const copy = new Node(this.tagName, this.attributes, this.childNodes.map((c) => c.cloneNode()));
    return Object.assign(copy, {className: this.className, text: this.text});
  }
  querySelector(selector) {  // only [data-slot="name"]
    const name = /^\[data-slot="([a-z-]+)"\]$/.exec(selector)[1];
    for (const child of this.childNodes) {
      if (child.attributes["data-slot"] === name) return child;
      const found = child.querySelector ? child.querySelector(selector) : null;
      if (found) return found;
    }
    return null;
  }
  replaceChildren(...children) { this.childNodes = []; children.forEach((c) => this.appendChild(c)); }
  get textContent() { return this.text !== undefined ? this.text : this.childNodes.map((c) => c.textContent).join(""); }
  set textContent(value) { this.childNodes = []; this.text = String(value); }
  querySelectorAll() { return []; }
  all(tag) {  // every descendant with this tag
    return this.childNodes.flatMap((c) => (c.tagName === tag ? [c] : []).concat(c.all ? c.all(tag) : []));
  }
}

// layout.card_template, as the page has it
const slotted = (tag, name, children = []) => new Node(tag, {"data-slot": name}, children);
const cardTemplate = () => new Node("template", {}, [new Node("article", {}, [
  slotted("h3", "title"),
  slotted("p", "translated"),
  new Node("p", {}, [slotted("span", "category"), slotted("span", "status")]),
  slotted("p", "continuation"),
  slotted("p", "stale"),
  slotted("dl", "fields"),
  new Node("p", {}, [slotted("a", "link", [slotted("span", "link-label"), slotted("span", "new-tab")]),
                     slotted("span", "no-link"), slotted("button", "copy"), slotted("a", "report")]),
  slotted("details", "note-box", [slotted("summary", "note-label"), slotted("p", "note")]),
  slotted("details", "sources-box", [slotted("summary", "sources-label"), slotted("ul", "sources")]),
])]);

// What layout.page_config puts on #app-root (tests/test_query_and_figures.py checks the same).
const PAGE_CONFIG = {feedback_email: "", tour: {min: 2, max: 120, default: 10},
                     param: {lands: "land", interval: "intervall", measure: "massnahme", embed: "einbetten"},
                     link_schemes: ["https", "http"]};

function load({search = ""} = {}) {
  const elements = {"measures-heading": new Node("h2"), "measures-body": new Node("div"),
                    "measure-card-template": cardTemplate(),
                    "app-root": new Node("div", {"data-config": JSON.stringify(PAGE_CONFIG)})};
  const body = new Node("body");
  const document = {
    body,
    documentElement: new Node("html"),
    getElementById: (id) => elements[id] || null,
    createElement: (tag) => new Node(tag),
    createTextNode: (text) => Object.assign(new Node("#text"), {text}),
    createDocumentFragment: () => new Node("#fragment"),
    addEventListener() {},
    querySelector: () => null,
    querySelectorAll: () => [],
  };
  const window = {
    document,
    location: {search, pathname: "/", hash: ""},
    matchMedia: () => ({matches: false}),
    requestAnimationFrame: (f) => setTimeout(f, 0),
    setTimeout, clearInterval, setInterval,
  };
  window.window = window;
  const context = vm.createContext({
    window, document, navigator: {}, URLSearchParams, Promise, setTimeout, JSON, Error, Object, Array, String, RegExp,
    MutationObserver: class { observe() {} },
  });
  vm.runInContext(fs.readFileSync(APP_JS, "utf8"), context, {filename: "app.js"});
  return {window, document, body, elements, clientside: window.dash_clientside};
}

const LABELS = {link: "Zur offiziellen Seite", new_tab: "(öffnet in neuem Tab)", no_link: "Kein Link", note: "Hinweise",
                copy: "Link kopieren", copied: "Link kopiert"};
const card = (changes = {}) => ({id: "measure-by-x", ags: "09", title: "Meisterbonus", category: "Aufstieg", status: "running",
                                  status_label: "läuft", fields: [["Wie viel?", "3.000 €"]], url: "https://www.bayern.de/",
                                  note: "", ...changes});

function listsWith(cards) {
  return {lands: {"09": {heading: "Maßnahmen in Bayern", cards, empty: "Keine"}}, none: {heading: "Maßnahmen", cards: []},
          compare: {heading: "Vergleich: {lands}", hint: "2 bis 4"}, names: {"09": "Bayern"}, labels: LABELS};
}

test("every part of the page's code attaches to one shared dash_clientside object", () => {
  const {clientside} = load();
  for (const name of ["library", "selection", "presenter"]) assert.equal(typeof clientside[name], "object", name);
});

test("the base map is declared loaded, so plotly fetches nothing", () => {
  const {window} = load();
  // (compared as JSON: objects from the vm context have that context's prototypes)
  assert.equal(JSON.stringify(window.PlotlyGeoAssets.topojson.europe_110m), '{"type":"Topology","objects":{},"arcs":[]}');
});

test("a card's text is text, and only http(s) links get an href", () => {
  const {clientside, elements} = load();
  const hostile = "<img src=x onerror=alert(1)>";
  const cards = [card({title: hostile, status: "x onclick", note: "Stand 2024"}),
                 card({id: "measure-by-y", url: "javascript:alert(1)"})];
  const shown = clientside.selection.list({lands: ["09"], compare: false}, listsWith(cards));
  assert.equal(shown, "09");
  assert.equal(elements["measures-heading"].textContent, "Maßnahmen in Bayern");
  const [first, second] = elements["measures-body"].childNodes;
  assert.equal(first.className, "measure-card");
  assert.equal(first.getAttribute("data-ags"), "09");
  assert.equal(first.all("h3")[0].textContent, hostile);  // textContent: never parsed
  assert.equal(first.all("span")[1].className, "");  // a status that is not a word gets no class
  assert.equal(first.all("a")[0].getAttribute("href"), "https://www.bayern.de/");
  assert.equal(first.all("details")[0].all("p")[0].textContent, "Stand 2024");
  assert.equal(second.all("a").length, 0);  // no link for a javascript: URL, the "no link" text instead
  assert.ok(second.all("span").some((span) => span.textContent === "Kein Link"));
  assert.equal(second.all("details").length, 0);  // no note, no folded note box
});

test("a stale source is said on the card; the evidence lists each page, linked only if http(s)", () => {
  const {clientside, elements} = load();
  const cards = [card({stale: "Fortbestand nicht bestätigt", translated: "",
                       sources_label: "Belege (2)",
                       sources: [["https://www.bayern.de/a", "www.bayern.de", "2021 · gelesen am 26.11.2026 · Richtlinie"],
                                 ["javascript:alert(1)", "", "<b>x</b>"]]}),
                 card({id: "measure-by-y", stale: "", continuation: "Läuft laut Richtlinie bis 31.12.2027.",
                       translated: "Translated from German", sources: []})];
  clientside.selection.list({lands: ["09"], compare: false}, listsWith(cards));
  const [old, fresh] = elements["measures-body"].childNodes;
  assert.ok(old.all("p").some((p) => p.textContent === "Fortbestand nicht bestätigt"));
  const items = old.all("li");
  assert.equal(items.length, 2);
  assert.equal(items[0].all("a")[0].getAttribute("href"), "https://www.bayern.de/a");
  assert.equal(items[1].all("a").length, 0);  // no link for a javascript: URL
  assert.equal(items[1].textContent, "<b>x</b>");  // text, never markup
  assert.ok(!fresh.all("p").some((p) => p.textContent === "Fortbestand nicht bestätigt"));
  assert.ok(fresh.all("p").some((p) => p.textContent === "Läuft laut Richtlinie bis 31.12.2027."));
  assert.ok(!old.all("p").some((p) => p.textContent.startsWith("Läuft")));  // an empty slot is removed
  assert.ok(fresh.all("p").some((p) => p.textContent === "Translated from German"));
  assert.equal(fresh.all("details").length, 0);  // no note, no evidence: no folded boxes
});

test("a Land without matching measures says so", () => {
  const {clientside, elements} = load();
  clientside.selection.list({lands: ["09"], compare: false}, listsWith([]));
  const [empty] = elements["measures-body"].childNodes;
  assert.equal(empty.className, "empty-state");
  assert.equal(empty.textContent, "Keine");
});

test("a click in single view shows its Land at once; in compare view it waits for the server", () => {
  const {clientside, elements} = load();
  const lists = listsWith([card()]);
  const click = {points: [{location: "09"}]};
  clientside.selection.listOnClick(click, {lands: [], compare: true}, lists);
  assert.equal(elements["measures-heading"].textContent, "");
  clientside.selection.listOnClick({points: [{location: "<x>"}]}, {lands: [], compare: false}, lists);
  assert.equal(elements["measures-heading"].textContent, "");
  clientside.selection.listOnClick(click, {lands: [], compare: false}, lists);
  assert.equal(elements["measures-heading"].textContent, "Maßnahmen in Bayern");
});

test("AG Grid's code is loaded once, on the first comparison, from the page's list", async () => {
  const {clientside, document, body, window} = load();
  const block = new Node("script");
  block.textContent = JSON.stringify({dash_ag_grid: ["/_dash-component-suites/dash_ag_grid/grid.js"]});
  const getElementById = document.getElementById;
  document.getElementById = (id) => (id === "wbk-lazy-scripts" ? block : getElementById(id));
  body.onAppend = (script) => { window.dash_ag_grid = {}; setTimeout(script.onload, 0); };
  assert.equal(clientside.library.gridWhenComparing({compare: false}), clientside.no_update);
  const state = {compare: true, lands: ["09", "11"]};
  assert.equal(await clientside.library.gridWhenComparing(state), state);
  await clientside.library.gridWhenComparing(state);
  const scripts = body.childNodes.filter((n) => n.tagName === "script");
  assert.deepEqual(scripts.map((s) => s.src), ["/_dash-component-suites/dash_ag_grid/grid.js"]);
});

test("a library that fails to load can be tried again", async () => {
  const {clientside, document, body} = load();
  const block = new Node("script");
  block.textContent = JSON.stringify({dash_ag_grid: ["/grid.js"]});
  document.getElementById = (id) => (id === "wbk-lazy-scripts" ? block : null);
  body.onAppend = (script) => setTimeout(script.onerror, 0);
  await assert.rejects(clientside.library.load("dash_ag_grid"), /could not load/);
  await assert.rejects(clientside.library.load("dash_ag_grid"), /could not load/);
  assert.equal(body.childNodes.length, 2);  // tried again, not a cached failure
});
