// Suggestions under a search box, as an ARIA combobox: type to see researchers, papers, topics
// and institutions; arrows move, Enter chooses the highlighted one, Escape closes.
import suggestDocument from "../../service/web/queries/suggest.graphql";
import { graphql } from "./gql";
import { LOOK, type Kind } from "./kinds";

export interface Hit {
  id: string;
  kind: Kind;
  label: string;
  detail: string | null;
}

let counter = 0;

export function attachSuggestions(input: HTMLInputElement, choose: (hit: Hit) => void): void {
  const list = document.createElement("ul");
  list.id = `suggestions-${++counter}`;
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggestions");
  list.hidden = true;
  input.parentElement?.append(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  let hits: Hit[] = [];
  let active = -1;
  let pending: AbortController | null = null;
  let timer = 0;

  const close = (): void => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index: number): void => {
    active = index;
    list.querySelectorAll("li").forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
    if (index >= 0) input.setAttribute("aria-activedescendant", `${list.id}-${index}`);
    else input.removeAttribute("aria-activedescendant");
  };
  const show = (found: Hit[]): void => {
    hits = found;
    list.replaceChildren(
      ...found.map((hit, i) => {
        const li = document.createElement("li");
        li.id = `${list.id}-${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.kind = hit.kind;
        const chip = document.createElement("span");
        chip.className = `chip kind-${hit.kind.toLowerCase()}`;
        chip.textContent = LOOK[hit.kind].noun;
        const label = document.createElement("span");
        label.textContent = hit.label;
        li.append(chip, label);
        if (hit.detail) {
          const detail = document.createElement("span");
          detail.className = "detail";
          detail.textContent = hit.detail;
          li.append(detail);
        }
        li.addEventListener("mousedown", (event) => {
          event.preventDefault();
          close();
          choose(hit);
        });
        return li;
      }),
    );
    list.hidden = found.length === 0;
    input.setAttribute("aria-expanded", String(found.length > 0));
    highlight(-1);
  };
  const suggest = async (): Promise<void> => {
    const text = input.value.trim();
    pending?.abort();
    if (text.length < 2) {
      close();
      return;
    }
    pending = new AbortController();
    try {
      const data = await graphql<{ search: Hit[] }>(suggestDocument, { text }, pending.signal);
      if (input.value.trim() === text) show(data.search);
    } catch (error) {
      if ((error as Error).name !== "AbortError") close();
    }
  };

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void suggest(), 120);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && hits.length) {
      event.preventDefault();
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight((active + 1) % hits.length);
    } else if (event.key === "ArrowUp" && hits.length) {
      event.preventDefault();
      highlight(active <= 0 ? hits.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
      event.preventDefault();
      const hit = hits[active];
      close();
      if (hit) choose(hit);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => window.setTimeout(close, 150));
}
