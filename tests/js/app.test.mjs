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
  constructor(tag) { this.tagName = tag; this.attributes = {}; this.childNodes = []; this.listeners = {}; }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  hasAttribute(name) { return name in this.attributes; }
  appendChild(child) {
    if (child.tagName === "#fragment") this.childNodes.push(...child.childNodes);
    else this.childNodes.push(child);
    if (this.onAppend) this.onAppend(child);
    return child;
  }
  replaceChildren(...children) { this.childNodes = []; children.forEach((c) => this.appendChild(c)); }
  get textContent() { return this.text !== undefined ? this.text : this.childNodes.map((c) => c.textContent).join(""); }
  set textContent(value) { this.childNodes = []; this.text = String(value); }
  querySelectorAll() { return []; }
  all(tag) {  // every descendant with this tag
    return this.childNodes.flatMap((c) => (c.tagName === tag ? [c] : []).concat(c.all ? c.all(tag) : []));
  }
}

function load({search = ""} = {}) {
  const elements = {"measures-heading": new Node("h2"), "measures-body": new Node("div")};
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

const card = (children, props = {}) => ({namespace: "dash_html_components", type: "Article", props: {children, ...props}});
const tag = (type, children, props = {}) => ({namespace: "dash_html_components", type, props: {children, ...props}});

function listsWith(body) {
  return {lands: {"09": {heading: "Maßnahmen in Bayern", body}}, none: {heading: "Maßnahmen", body: []},
          compare: {heading: "Vergleich: {lands}", hint: []}, names: {"09": "Bayern"}};
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
  const body = [card([tag("H3", hostile), tag("A", "Seite", {href: "javascript:alert(1)"}),
                      tag("A", "Offiziell", {href: "https://www.bayern.de/", target: "_blank"})],
                     {id: "measure-by-x", "data-ags": "09", onclick: "alert(1)"})];
  const shown = clientside.selection.list({lands: ["09"], compare: false}, listsWith(body));
  assert.equal(shown, "09");
  assert.equal(elements["measures-heading"].textContent, "Maßnahmen in Bayern");
  const [article] = elements["measures-body"].childNodes;
  assert.equal(article.getAttribute("data-ags"), "09");
  assert.equal(article.getAttribute("onclick"), null);  // not a listed attribute
  assert.equal(article.all("h3")[0].textContent, hostile);  // a text node, never parsed
  const [bad, good] = article.all("a");
  assert.equal(bad.getAttribute("href"), null);
  assert.equal(good.getAttribute("href"), "https://www.bayern.de/");
});

test("a component the list does not know is refused", () => {
  const {clientside} = load();
  const lists = listsWith([tag("Iframe", "x", {src: "https://evil.example"})]);
  assert.throws(() => clientside.selection.list({lands: ["09"], compare: false}, lists), /no rendering/);
});

test("a click in single view shows its Land at once; in compare view it waits for the server", () => {
  const {clientside, elements} = load();
  const lists = listsWith([card([tag("H3", "Meisterbonus")])]);
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
