// The list view beside the canvas: the same nodes as a listbox, so everything the explorer does
// can be done from the keyboard or a screen reader. Up and Down move through the list, Left and
// Right through the selected node's neighbours, Enter expands, Delete hides, P pins, Home goes
// to the center, Escape deselects.
import type cytoscape from "cytoscape";

import { LOOK, type Kind } from "./kinds";

export interface ListActions {
  select(id: string | null): void;
  expand(id: string): void;
  hide(id: string): void;
  pin(id: string): void;
}

const ORDER: Record<string, number> = { RESEARCHER: 0, PAPER: 1, TOPIC: 2, INSTITUTION: 3 };

export class NodeList {
  private ids: string[] = [];
  private anchor: string | null = null;
  private turn = -1;

  constructor(
    private readonly root: HTMLUListElement,
    private readonly cy: cytoscape.Core,
    private readonly actions: ListActions,
    private readonly center: () => string,
  ) {
    root.addEventListener("keydown", (event) => this.key(event));
    root.addEventListener("click", (event) => {
      const item = (event.target as HTMLElement).closest<HTMLElement>("[data-node]");
      if (item?.dataset.node) this.actions.select(item.dataset.node);
    });
  }

  /** Draw the list anew from the graph, keeping the selection. */
  refresh(selected: string | null): void {
    const nodes = this.cy.nodes().toArray();
    nodes.sort((a, b) => {
      if (a.id() === this.center()) return -1;
      if (b.id() === this.center()) return 1;
      const kind = (ORDER[a.data("kind") as string] ?? 9) - (ORDER[b.data("kind") as string] ?? 9);
      return kind || (b.data("weight") as number) - (a.data("weight") as number);
    });
    this.ids = nodes.map((n) => n.id());
    this.root.replaceChildren(
      ...nodes.map((n, i) => {
        const li = document.createElement("li");
        li.id = `node-option-${i}`;
        li.setAttribute("role", "option");
        li.dataset.node = n.id();
        li.setAttribute("aria-selected", String(n.id() === selected));
        const kind = LOOK[n.data("kind") as Kind];
        const shape = document.createElement("span");
        shape.className = `shape ${kind.noun}`;
        shape.setAttribute("aria-hidden", "true");
        const text = document.createElement("span");
        text.textContent = `${kind.noun}: ${n.data("label") as string}`;
        li.append(shape, text);
        if (n.hasClass("pinned")) li.append(" (pinned)");
        if (n.data("expanded")) li.append(" (expanded)");
        return li;
      }),
    );
    this.mark(selected);
  }

  /** Show `id` as the selected option (or none). */
  mark(id: string | null): void {
    this.root.querySelectorAll<HTMLElement>("[role=option]").forEach((li) => {
      const on = li.dataset.node === id;
      li.setAttribute("aria-selected", String(on));
      if (on) {
        this.root.setAttribute("aria-activedescendant", li.id);
        li.scrollIntoView({ block: "nearest" });
      }
    });
    if (id === null) this.root.removeAttribute("aria-activedescendant");
  }

  private current(): string | null {
    const active = this.root.getAttribute("aria-activedescendant");
    return active ? (document.getElementById(active)?.dataset.node ?? null) : null;
  }

  /** The neighbours of `id` on screen, in list order. */
  private neighbours(id: string): string[] {
    return this.cy
      .getElementById(id)
      .neighborhood("node")
      .toArray()
      .map((n) => n.id())
      .sort((a, b) => this.ids.indexOf(a) - this.ids.indexOf(b));
  }

  private key(event: KeyboardEvent): void {
    const id = this.current();
    const at = id ? this.ids.indexOf(id) : -1;
    const sideways = event.key === "ArrowRight" || event.key === "ArrowLeft";
    let handled = true;
    if (event.key === "ArrowDown") this.actions.select(this.ids[Math.min(at + 1, this.ids.length - 1)] ?? null);
    else if (event.key === "ArrowUp") this.actions.select(this.ids[Math.max(at - 1, 0)] ?? null);
    else if (event.key === "Home") this.actions.select(this.center());
    else if (sideways && id) {
      // Left and Right walk around the node where the walk began.
      if (this.anchor === null) {
        this.anchor = id;
        this.turn = -1;
      }
      const around = this.neighbours(this.anchor);
      if (around.length) {
        const step = event.key === "ArrowRight" ? 1 : -1;
        this.turn = (this.turn + step + around.length) % around.length;
        this.actions.select(around[this.turn] ?? null);
      }
    } else if (event.key === "Enter" && id) this.actions.expand(id);
    else if ((event.key === "Delete" || event.key === "Backspace") && id) this.actions.hide(id);
    else if ((event.key === "p" || event.key === "P") && id) this.actions.pin(id);
    else if (event.key === "Escape") this.actions.select(null);
    else handled = false;
    if (handled) event.preventDefault();
    if (!sideways) this.anchor = null;
  }
}
