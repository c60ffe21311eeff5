// The profile page's enhancements: the embedded graph slice with its in-place details, and a
// Follow button that updates its count without reloading the page.
import type cytoscape from "cytoscape";

import { createGraph, fetchSlice } from "./graph";
import { LOOK, type Kind } from "./kinds";
import { showDetails } from "./panel";

function enhanceFollow(form: HTMLFormElement): void {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void follow(form);
  });
}

interface FollowAnswer {
  ok: boolean;
  message: string;
  following?: boolean;
  followers?: number;
  login?: boolean;
}

async function follow(form: HTMLFormElement): Promise<void> {
  const button = form.querySelector("button");
  if (button) button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const answer = (await response.json()) as FollowAnswer;
    if (answer.login) {
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + "#actions")}`);
      return;
    }
    if (!answer.ok || answer.following === undefined) return;
    const following = answer.following;
    form.action = form.action.replace(/\/(un)?follow$/, following ? "/unfollow" : "/follow");
    button?.setAttribute("aria-pressed", String(following));
    const label = form.querySelector("[data-follow-label]");
    if (label) label.textContent = following ? "Following" : "Follow researcher";
    for (const count of document.querySelectorAll("[data-follow-count], [data-count='followers']")) {
      count.textContent = String(answer.followers ?? 0);
    }
  } finally {
    if (button) button.disabled = false;
  }
}

async function drawSlice(root: HTMLElement): Promise<void> {
  const status = root.querySelector<HTMLElement>("[data-slice-status]");
  const canvas = root.querySelector<HTMLElement>("[data-slice-canvas]");
  const panel = root.querySelector<HTMLElement>("[data-slice-panel]");
  const center = root.dataset.center;
  if (!status || !canvas || !panel || !center) return;
  try {
    const slice = await fetchSlice(center, Number(root.dataset.maxNodes ?? "40"));
    const cy = createGraph(canvas, slice);
    status.hidden = true;
    root.dataset.ready = String(slice.nodes.length);
    const select = (node: cytoscape.NodeSingular): void => {
      cy.nodes().unselect();
      node.select();
      void showDetails(panel, {
        id: node.id(),
        kind: node.data("kind") as Kind,
        label: node.data("label") as string,
      });
    };
    cy.on("tap", "node", (event) => select(event.target as cytoscape.NodeSingular));
    // The same nodes as buttons, for keyboards and screen readers.
    const items = root.querySelector<HTMLElement>("[data-slice-items]");
    items?.replaceChildren(
      ...slice.nodes.map((n) => {
        const li = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "link";
        button.textContent = `${LOOK[n.kind].noun}: ${n.label}`;
        button.addEventListener("click", () => select(cy.getElementById(n.id)));
        li.append(button);
        return li;
      }),
    );
  } catch (error) {
    status.textContent = `The graph could not be loaded: ${(error as Error).message}`;
  }
}

for (const form of document.querySelectorAll<HTMLFormElement>("form[data-follow]")) {
  enhanceFollow(form);
}
for (const root of document.querySelectorAll<HTMLElement>("[data-slice]")) {
  void drawSlice(root);
}
