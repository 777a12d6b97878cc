"""Reading sources into typed records: front matter with line numbers, regions and their rules."""
