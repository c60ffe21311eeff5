// The full graph explorer (/explore?center=...): mixed people, papers, topics and institutions,
// expanded step by step within a server-side budget, filtered by kind and year, searched,
// linked by the shortest collaboration path, exported; every action also in the list view.
import cytoscape from "cytoscape";

import pathDocument from "../../service/web/queries/path.graphql";
import { exportGraph } from "./explorer-export";
import { NodeList } from "./explorer-list";
import { type ExplorerState, readState, saveState, type SizeBy } from "./explorer-state";
import { graphql } from "./gql";
import { edgeElement, fetchSlice, layout, nodeElement, type Slice, STYLE } from "./graph";
import { KINDS, type Kind } from "./kinds";
import { showDetails } from "./panel";
import { attachSuggestions } from "./suggest";

performance.mark("explorer-start");
const FIRST_BUDGET = 150;

interface PathRow {
  researcherIds: string[];
  paperIds: string[];
  researcherNames: string[];
}

class Explorer {
  private readonly cy: cytoscape.Core;
  private readonly list: NodeList;
  private state: ExplorerState;
  private selected: string | null = null;
  private pathFrom: string | null = null;
  private busy = Promise.resolve();

  constructor(private readonly root: HTMLElement) {
    this.state = readState(new URL(window.location.href), root.dataset.center ?? "");
    const canvas = root.querySelector<HTMLElement>("[data-canvas]");
    if (!canvas) throw new Error("the explorer has no canvas");
    this.cy = cytoscape({
      container: canvas,
      style: STYLE,
      minZoom: 0.1,
      maxZoom: 4,
      boxSelectionEnabled: false,
    });
    const listRoot = root.querySelector<HTMLUListElement>("[data-list]");
    if (!listRoot) throw new Error("the explorer has no list");
    this.list = new NodeList(
      listRoot,
      this.cy,
      {
        select: (id) => this.select(id, true),
        expand: (id) => this.queue(() => this.expand(id)),
        hide: (id) => this.hide(id),
        pin: (id) => this.pin(id),
      },
      () => this.state.center,
    );
    this.cy.on("tap", "node", (event) => this.select((event.target as cytoscape.NodeSingular).id(), false));
    this.cy.on("tap", (event) => {
      if (event.target === this.cy) this.select(null, false);
    });
    this.cy.on("dbltap", "node", (event) => {
      const id = (event.target as cytoscape.NodeSingular).id();
      this.queue(() => this.expand(id));
    });
    this.bindControls();
  }

  /** Run graph changes one after another, never interleaved. */
  private queue(work: () => Promise<void>): void {
    this.busy = this.busy.then(work).catch((error: unknown) => this.status((error as Error).message));
  }

  private status(text: string): void {
    const line = this.root.querySelector("[data-explorer-status]");
    if (line) line.textContent = text;
  }

  private request(exclude: string[] = []): Parameters<typeof fetchSlice>[2] {
    const { from, to } = this.state;
    return {
      kinds: this.state.kinds,
      years: from === null && to === null ? null : { from, to },
      exclude,
    };
  }

  private onScreen(): string[] {
    return this.cy.nodes().map((n) => n.id());
  }

  /** Add a slice's new nodes near `near` (or anywhere) and its edges; returns the new ids. */
  private add(slice: Slice, near: string | null): string[] {
    const hidden = new Set(this.state.hidden);
    const fresh = slice.nodes.filter((n) => this.cy.getElementById(n.id).empty() && !hidden.has(n.id));
    const origin = near ? this.cy.getElementById(near).position() : { x: 0, y: 0 };
    this.cy.add(
      fresh.map((n, i) => {
        const element = nodeElement(n, n.id === this.state.center);
        const angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
        element.position = { x: origin.x + 90 * Math.cos(angle), y: origin.y + 90 * Math.sin(angle) };
        return element;
      }),
    );
    this.cy.add(
      slice.edges
        .filter((e) => this.cy.getElementById(e.source).nonempty() && this.cy.getElementById(e.target).nonempty())
        .map(edgeElement)
        .filter((e) => this.cy.getElementById(e.data.id ?? "").empty()),
    );
    return fresh.map((n) => n.id);
  }

  private async settle(moving: string[]): Promise<void> {
    const still = this.onScreen().filter((id) => !moving.includes(id));
    const run = layout(this.cy, still.length === this.onScreen().length ? [] : still);
    const done = run.promiseOn("layoutstop");
    run.run();
    await done;
    this.resize();
  }

  private summary(slice: Slice, what: string, added: number): string {
    const cut = slice.truncated ? `showing ${added} of ${slice.total}${slice.total >= 999 ? "+" : ""}` : `all ${added}`;
    return `${what}: ${cut} (most relevant first). ${this.cy.nodes().length} nodes on screen.`;
  }

  /** Draw everything the state asks for, from nothing. */
  async build(): Promise<void> {
    this.root.dataset.state = "loading";
    this.cy.elements().remove();
    const first = await fetchSlice(this.state.center, FIRST_BUDGET, this.request(this.state.hidden));
    this.add(first, null);
    await this.settle([]);
    this.cy.fit(undefined, 30);
    performance.mark("explorer-drawn");
    performance.measure("explorer-first-draw", "explorer-start", "explorer-drawn");
    const center = first.nodes[0]?.label ?? this.state.center;
    this.status(this.summary(first, `Around ${center}`, first.nodes.length - 1));
    for (const id of this.state.expanded) {
      if (this.cy.getElementById(id).nonempty()) await this.expand(id, false);
    }
    this.list.refresh(this.selected);
    this.root.dataset.state = "ready";
    this.root.dataset.nodes = String(this.cy.nodes().length);
  }

  async expand(id: string, remember = true): Promise<void> {
    const node = this.cy.getElementById(id);
    if (node.empty()) return;
    this.root.dataset.state = "expanding";
    performance.mark("explorer-expand-start");
    const slice = await fetchSlice(id, this.state.budget + 1, this.request([...this.onScreen(), ...this.state.hidden]));
    const added = this.add(slice, id);
    node.data("expanded", true);
    await this.settle(added);
    performance.mark("explorer-expand-end");
    performance.measure("explorer-expand", "explorer-expand-start", "explorer-expand-end");
    if (remember && !this.state.expanded.includes(id)) {
      this.state.expanded.push(id);
      saveState(this.state);
    }
    this.applySize();
    this.status(this.summary(slice, `Expanded ${node.data("label") as string}`, added.length));
    this.list.refresh(this.selected);
    this.root.dataset.state = "ready";
    this.root.dataset.nodes = String(this.cy.nodes().length);
  }

  hide(id: string): void {
    if (id === this.state.center) {
      this.status("The center stays; open another node as the center to leave it.");
      return;
    }
    const node = this.cy.getElementById(id);
    const label = node.data("label") as string;
    node.remove();
    this.state.hidden.push(id);
    this.state.expanded = this.state.expanded.filter((e) => e !== id);
    saveState(this.state);
    this.status(`Hid ${label}.`);
    this.select(null, false);
    this.list.refresh(null);
    this.root.dataset.nodes = String(this.cy.nodes().length);
  }

  pin(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.locked()) node.unlock().removeClass("pinned");
    else node.lock().addClass("pinned");
    this.status(`${node.locked() ? "Pinned" : "Unpinned"} ${node.data("label") as string}.`);
    this.list.refresh(this.selected);
    if (this.selected === id) this.select(id, false);
  }

  select(id: string | null, fromList: boolean): void {
    this.cy.nodes().unselect();
    this.selected = id;
    this.list.mark(id);
    const panel = this.root.querySelector<HTMLElement>("[data-panel]");
    if (!panel) return;
    if (id === null) {
      panel.replaceChildren(Object.assign(document.createElement("p"), { className: "muted", textContent: "Select a node: click it, or use the list below." }));
      return;
    }
    const node = this.cy.getElementById(id);
    node.select();
    if (fromList) this.cy.animate({ center: { eles: node } }, { duration: 150 });
    void showDetails(panel, { id, kind: node.data("kind") as Kind, label: node.data("label") as string }, this.buttons(node));
  }

  private buttons(node: cytoscape.NodeSingular): HTMLElement[] {
    const button = (label: string, act: () => void): HTMLButtonElement => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.addEventListener("click", act);
      return b;
    };
    const id = node.id();
    const row = document.createElement("p");
    row.className = "panel-actions";
    row.append(
      button("Expand", () => this.queue(() => this.expand(id))),
      button("Hide", () => this.hide(id)),
      button(node.locked() ? "Unpin" : "Pin", () => this.pin(id)),
      button("Make center", () => window.location.assign(`/explore?center=${encodeURIComponent(id)}`)),
    );
    if (node.data("kind") === "RESEARCHER") {
      row.append(
        button("Path from here", () => this.startPath(id)),
        button("Path to here", () => this.queue(() => this.path(id))),
      );
    }
    return [row];
  }

  private startPath(id: string): void {
    this.pathFrom = id;
    this.pathStatus(`From ${this.cy.getElementById(id).data("label") as string}: now select another researcher and choose “Path to here”.`);
  }

  private pathStatus(text: string): void {
    const line = this.root.querySelector("[data-path-status]");
    if (line) line.textContent = text;
  }

  /** The shortest chain of co-authorships from the chosen start to `to`, added and marked. */
  async path(to: string): Promise<void> {
    if (this.pathFrom === null || this.pathFrom === to) {
      this.pathStatus("Choose “Path from here” on another researcher first.");
      return;
    }
    const data = await graphql<{ runSavedQuery: { __typename: string; rows?: { values: PathRow }[]; message?: string } }>(
      pathDocument,
      { from: this.pathFrom, to },
    );
    const result = data.runSavedQuery;
    const row = result.rows?.[0]?.values;
    this.cy.elements().removeClass("on-path");
    if (!row) {
      this.pathStatus(result.message ?? "These two are not connected within six co-authorships.");
      return;
    }
    const chain: string[] = [];
    row.researcherIds.forEach((r, i) => {
      chain.push(r);
      const paper = row.paperIds[i];
      if (paper) chain.push(paper);
    });
    for (const id of chain) {
      if (this.cy.getElementById(id).empty()) {
        const alone = await fetchSlice(id, 1, { exclude: this.onScreen() });
        this.add(alone, this.pathFrom);
      }
    }
    await this.settle(chain.filter((id) => !this.cy.getElementById(id).locked()));
    const nodes = chain.reduce((all, id) => all.union(this.cy.getElementById(id)), this.cy.collection());
    nodes.addClass("on-path");
    nodes.edgesWith(nodes).addClass("on-path");
    this.cy.fit(nodes, 60);
    this.pathStatus(`${row.researcherNames.join(" → ")}: ${row.paperIds.length} co-authorship${row.paperIds.length === 1 ? "" : "s"}.`);
    this.list.refresh(this.selected);
  }

  /** Put the node a search found on screen, with its edges to what is drawn, and select it. */
  async addNode(id: string): Promise<void> {
    if (this.cy.getElementById(id).empty()) {
      const alone = await fetchSlice(id, 1, { exclude: this.onScreen() });
      const added = this.add(alone, this.selected ?? this.state.center);
      await this.settle(added);
      this.state.hidden = this.state.hidden.filter((h) => h !== id);
      this.list.refresh(this.selected);
    }
    this.select(id, true);
  }

  private applySize(): void {
    const by: SizeBy = this.state.size;
    const nodes = this.cy.nodes();
    const top = Math.max(1, ...nodes.map((n) => (by === "degree" ? n.degree(false) : Number(n.data("citations") ?? 0))));
    nodes.forEach((n) => {
      if (by === "weight") n.data("size", n.data("weight"));
      else if (by === "degree") n.data("size", n.degree(false) / top);
      else n.data("size", Math.log1p(Number(n.data("citations") ?? 0)) / Math.log1p(top));
    });
  }

  private resize(): void {
    this.applySize();
  }

  private bindControls(): void {
    for (const box of this.root.querySelectorAll<HTMLInputElement>("input[name=kinds]")) {
      box.checked = this.state.kinds.includes(box.value as Kind);
      box.addEventListener("change", () => {
        this.state.kinds = KINDS.filter((k) => this.root.querySelector<HTMLInputElement>(`input[name=kinds][value=${k}]`)?.checked);
        saveState(this.state);
        this.queue(() => this.build());
      });
    }
    const from = this.root.querySelector<HTMLInputElement>("#year-from");
    const to = this.root.querySelector<HTMLInputElement>("#year-to");
    if (from) from.value = this.state.from === null ? "" : String(this.state.from);
    if (to) to.value = this.state.to === null ? "" : String(this.state.to);
    this.root.querySelector("[data-apply-years]")?.addEventListener("click", () => {
      const read = (input: HTMLInputElement | null): number | null => {
        const value = input?.value.trim() ? Number.parseInt(input.value, 10) : Number.NaN;
        return Number.isFinite(value) ? value : null;
      };
      this.state.from = read(from);
      this.state.to = read(to);
      saveState(this.state);
      this.queue(() => this.build());
    });
    const size = this.root.querySelector<HTMLSelectElement>("#size-by");
    if (size) {
      size.value = this.state.size;
      size.addEventListener("change", () => {
        this.state.size = size.value as SizeBy;
        saveState(this.state);
        this.applySize();
      });
    }
    const budget = this.root.querySelector<HTMLSelectElement>("#budget");
    if (budget) {
      budget.value = String(this.state.budget);
      budget.addEventListener("change", () => {
        this.state.budget = Number(budget.value);
        saveState(this.state);
      });
    }
    for (const button of this.root.querySelectorAll<HTMLButtonElement>("[data-export]")) {
      button.addEventListener("click", () => exportGraph(this.cy, button.dataset.export ?? "", this.state.center));
    }
    this.root.querySelector("[data-reset]")?.addEventListener("click", () => {
      this.state = { ...this.state, expanded: [], hidden: [] };
      saveState(this.state);
      this.queue(() => this.build());
    });
    const add = this.root.querySelector<HTMLInputElement>("#add-node");
    this.root.querySelector("[data-add-node]")?.addEventListener("submit", (event) => event.preventDefault());
    if (add) {
      attachSuggestions(add, (hit) => {
        add.value = "";
        this.queue(() => this.addNode(hit.id));
      });
    }
  }
}

for (const root of document.querySelectorAll<HTMLElement>("[data-explorer]")) {
  const explorer = new Explorer(root);
  explorer.build().catch((error: unknown) => {
    const line = root.querySelector("[data-explorer-status]");
    if (line) line.textContent = `The graph could not be loaded: ${(error as Error).message}`;
    root.dataset.state = "failed";
  });
}
