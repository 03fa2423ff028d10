"""The benchmark: a generated corpus, ingest against spaCy's own floor, and Datasette at a million claims."""
