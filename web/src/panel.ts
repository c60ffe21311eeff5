// The side panel that shows the selected node in place, with a link to its own page.
// Text goes in through textContent, never as HTML.
import detailsDocument from "../../service/web/queries/node_details.graphql";
import { graphql } from "./gql";
import { LOOK, pageOf, type Kind } from "./kinds";

interface Named {
  id: string;
  name: string;
}
interface Details {
  researcher?: {
    name: string;
    headline: string | null;
    claimed: boolean;
    openToCollaborate: boolean;
    affiliation: Named | null;
    counts: { works: number; coauthors: number; closeCollaborators: number };
    trust: { score: number; label: string };
  } | null;
  paper?: {
    title: string;
    year: number | null;
    venue: string | null;
    type: string;
    citedByCount: number | null;
    authorCount: number;
    stub: boolean;
    authors: Named[];
  } | null;
  topic?: { name: string; level: string; workCount: number; broader: Named[] } | null;
  institution?: {
    name: string;
    countryCode: string | null;
    type: string | null;
    city: string | null;
    researcherCount: number;
  } | null;
}

function element(tag: string, text?: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function facts(d: Details): string[] {
  if (d.researcher) {
    const r = d.researcher;
    return [
      r.headline ?? "",
      r.affiliation ? r.affiliation.name : "Affiliation not imported",
      `${plural(r.counts.works, "work")} · ${plural(r.counts.coauthors, "co-author")} · ${plural(r.counts.closeCollaborators, "close collaborator")}`,
      `Trust ${r.trust.score} - ${r.trust.label}${r.claimed ? " · claimed" : ""}${r.openToCollaborate ? " · open to collaborate" : ""}`,
    ];
  }
  if (d.paper) {
    const p = d.paper;
    const authors = p.authors.slice(0, 6).map((a) => a.name).join(", ");
    return [
      [p.type, p.year, p.venue].filter(Boolean).join(" · "),
      authors + (p.authorCount > 6 ? ` and ${p.authorCount - 6} more` : ""),
      p.citedByCount !== null ? plural(p.citedByCount, "citation") : "",
      p.stub ? "Cited here, not imported" : "",
    ];
  }
  if (d.topic) {
    const t = d.topic;
    return [`${t.level} · ${plural(t.workCount, "work")} in the graph`, t.broader.map((b) => b.name).join(" › ")];
  }
  if (d.institution) {
    const i = d.institution;
    return [
      [i.type, i.city, i.countryCode].filter(Boolean).join(" · "),
      `${plural(i.researcherCount, "researcher")} in the graph`,
    ];
  }
  return [];
}

export async function showDetails(
  panel: HTMLElement,
  node: { id: string; kind: Kind; label: string },
  actions: HTMLElement[] = [],
): Promise<void> {
  panel.replaceChildren(
    element("p", LOOK[node.kind].noun, "eyebrow"),
    element("h3", node.label),
    element("p", "Loading…", "muted"),
  );
  let details: Details;
  try {
    details = await graphql<Details>(detailsDocument, {
      id: node.id,
      researcher: node.kind === "RESEARCHER",
      paper: node.kind === "PAPER",
      topic: node.kind === "TOPIC",
      institution: node.kind === "INSTITUTION",
    });
  } catch {
    panel.lastElementChild?.replaceWith(element("p", "Could not load the details.", "muted"));
    return;
  }
  const link = element("a", `Open the ${LOOK[node.kind].noun}'s page`) as HTMLAnchorElement;
  link.href = pageOf(node.kind, node.id);
  panel.replaceChildren(
    element("p", LOOK[node.kind].noun, "eyebrow"),
    element("h3", node.label),
    ...facts(details).filter((f) => f.length > 0).map((f) => element("p", f)),
    link,
    ...actions,
  );
}
