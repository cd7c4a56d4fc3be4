"""WMT24++ English-Dutch (en-nl_NL) as a file of real translations for `scripts/eval_checks.py --file`.

WMT24++ (Deutsch et al., 2025; huggingface.co/datasets/google/wmt24pp) gives the WMT24 English test set (news,
social, speech and literary documents of 2024) with a human Dutch translation, post-edited. The Dutch was
translated from the English, as NTREX's was. The data is not in this repository (its licence could not be
checked from here); read it from a copy of the dataset's `en-nl_NL.jsonl`, for example the one in the public
repository github.com/matthias-hagenauer/DL4NLP, `data/raw_data/en-nl_NL.jsonl` (commit 6bc4f8f).

Rows: id, doc, nl, en as tests/data/ntrex/ntrex_nl_en_dev.tsv; doc is the dataset's document_id. The canary
row and rows marked is_bad_source are left out. Split by document before any of its errors were read:
zlib.crc32(document_id) % 2 == 0 is kept out ('kept'), the rest is 'tune'.

    python scripts/wmt24pp_tsv.py en-nl_NL.jsonl --part tune --domain news -o wmt24pp-news-tune.tsv
    python scripts/eval_checks.py --file wmt24pp-news-tune.tsv --errors
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path

DOMAINS = ("news", "social", "speech", "literary")


def rows(path: Path, part: str, domains: set[str]) -> list[tuple[str, str, str, str]]:
    """The (id, doc, nl, en) rows of the part and domains asked for."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("domain") not in domains or record.get("is_bad_source"):
            continue
        doc = record["document_id"]
        kept = zlib.crc32(doc.encode("utf-8")) % 2 == 0
        if part != "all" and kept != (part == "kept"):
            continue
        nl, en = (" ".join(str(record[field]).split()) for field in ("target", "source"))
        if nl and en:
            found.append((f"wmt24pp-{record['segment_id']:04d}", doc, nl, en))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl", type=Path, help="the dataset's en-nl_NL.jsonl")
    parser.add_argument("--part", choices=("tune", "kept", "all"), default="all")
    parser.add_argument("--domain", choices=(*DOMAINS, "all"), default="all")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    domains = set(DOMAINS) if args.domain == "all" else {args.domain}
    try:
        found = rows(args.jsonl, args.part, domains)
    except (OSError, ValueError, KeyError) as error:
        sys.exit(f"wmt24pp_tsv: {args.jsonl}: {error}")
    lines = ["id\tdoc\tnl\ten", *("\t".join(row) for row in found)]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(found)} pairs -> {args.output}")


if __name__ == "__main__":
    main()
