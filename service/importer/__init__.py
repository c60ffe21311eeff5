"""Loading OpenAlex records (API pages, single records, JSON Lines) into the graph."""
