"""The floor: the same article texts through spaCy's own `nlp.pipe`, same pipeline, same process count.

    python -m bench.floor DIR --workers 2 [--model NAME]

Prints one JSON line: articles, words and the seconds the pipe took (start-up and model load are in the
caller's wall clock, as they are for the ingest).
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def texts(folder: Path):
    """Each readable article's body, as the ingest reads it, one at a time."""
    from claimarchive.files import ArticleError, find_files
    from claimarchive.read import read_article

    for item in find_files([folder], folder).files:
        try:
            yield read_article(item.file, item.root).body
        except ArticleError:
            continue


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    from claimarchive.nlp import load

    nlp = load(args.model)
    started = time.perf_counter()
    articles = words = 0
    for doc in nlp.pipe(texts(args.folder), n_process=args.workers, batch_size=32):
        articles += 1
        words += sum(1 for token in doc if not token.is_space and not token.is_punct)
    print(json.dumps({"articles": articles, "words": words, "pipe_seconds": time.perf_counter() - started,
                      "pipeline": nlp.meta.get("name"), "components": nlp.pipe_names}))


if __name__ == "__main__":
    main()
