// The pages' one way to call /graphql: JSON, same-origin cookies, and the CSRF header the
// server asks of every cookie-authenticated request (service/guards.py).

export class GraphQLFailure extends Error {}

interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string }[];
}

export function cookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export async function graphql<T>(
  query: string,
  variables: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const csrf = cookie("scholar_csrf");
  if (csrf) headers["X-CSRF-Token"] = csrf;
  const response = await fetch("/graphql", {
    method: "POST",
    headers,
    credentials: "same-origin",
    body: JSON.stringify({ query, variables }),
    signal,
  });
  const answer = (await response.json()) as GraphQLAnswer<T>;
  if (answer.errors && answer.errors.length > 0) {
    throw new GraphQLFailure(answer.errors[0]?.message ?? "the request failed");
  }
  if (!response.ok || answer.data === undefined) {
    throw new GraphQLFailure(`the service answered ${response.status}`);
  }
  return answer.data;
}
