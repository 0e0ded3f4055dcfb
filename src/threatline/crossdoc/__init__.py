"""Cross-article stages: dating, near-duplicate articles, event merging, threat tracking."""
