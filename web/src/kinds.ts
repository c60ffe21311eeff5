// The four node kinds: how each is drawn (shape and colour, so colour is never the only cue)
// and where its page is.

export type Kind = "RESEARCHER" | "PAPER" | "TOPIC" | "INSTITUTION";
export const KINDS: Kind[] = ["RESEARCHER", "PAPER", "TOPIC", "INSTITUTION"];

export const LOOK: Record<Kind, { shape: string; colour: string; noun: string; folder: string }> = {
  RESEARCHER: { shape: "ellipse", colour: "#1d4ed8", noun: "researcher", folder: "researchers" },
  PAPER: { shape: "round-rectangle", colour: "#047857", noun: "paper", folder: "papers" },
  TOPIC: { shape: "diamond", colour: "#b45309", noun: "topic", folder: "topics" },
  INSTITUTION: { shape: "hexagon", colour: "#6d28d9", noun: "institution", folder: "institutions" },
};

export function pageOf(kind: Kind, id: string): string {
  return `/${LOOK[kind].folder}/${encodeURIComponent(id).replace(/%3A/g, ":").replace(/%2F/g, "/")}`;
}
