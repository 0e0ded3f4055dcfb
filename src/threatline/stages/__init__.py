"""Per-article stages: clean, nlp, actors, time, places, events, quotes."""
