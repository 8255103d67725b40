#!/usr/bin/env python3
"""Fill fuzz/corpus/<target>/ with seeds: the fixtures (fixtures/*.txt), the
built-in gazetteers (first 200 lines each), the saved regression inputs
(tests/fuzz-inputs/<target>/) and a few hand-written hostile snippets.
Run from anywhere; the corpora are not committed (fuzz/.gitignore)."""

import glob
import json
import os

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)

SNIPPETS = [
    "Mr. " * 200,
    "(" * 300,
    "20-" * 300,
    "Alpha Beta Gamma Delta " * 100,
    "SCO RATS (SCO RATS) met on 20-21 May 2020.\r\nThe Arab Interior Ministers' Council (AIMC) took part.",
    "Talks held\n\n\"We met,\" said Dr. Jane Doe, Secretary General of INTERPOL, on 05/06/2021.",
    "\ufeffÉté à Genève — 2020-2021 😀 U.S.A. e.g. Nos. 1–3\u2028x\u00a0y",
]


def write(target, name, data):
    folder = os.path.join(FUZZ, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    texts = []
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures", "*.txt"))):
        with open(path, "rb") as f:
            texts.append((os.path.basename(path), f.read()))
    texts += [(f"snippet-{i}", s.encode()) for i, s in enumerate(SNIPPETS)]
    for name, data in texts:
        write("extract_bytes", name, b"\x00" + data)
        write("extract_utf8", name, data)
        line = json.dumps({"id": name, "text": data.decode("utf-8", "replace"),
                           "published": "2020-05-21"}, ensure_ascii=False)
        write("jsonl_line", name, line.encode())
    for i, bad in enumerate([b"{nope", b"[1,2]", b'{"id":"x"}', b'{"id":"x","text":5}',
                             b'{"id":"../x","text":"T"}', b'{"id":null,"text":"\\u0000"}']):
        write("jsonl_line", f"bad-{i}", bad)
    for path in sorted(glob.glob(os.path.join(ROOT, "gazetteers", "*.tsv"))):
        with open(path, "rb") as f:
            head = b"".join(f.readlines()[:200])
        write("gazetteer", os.path.basename(path), head)
    write("gazetteer", "organisations-user.tsv",
          b"id\tname\tacronyms\tkind\tparent\tcountry\tvariants\n"
          b"acme-police\tAcme Police Office\tAPO|ACMEPOL\tpolice\t\tKZ\tAcme Police|the Office\n")
    for target in ["extract_bytes", "extract_utf8", "jsonl_line", "gazetteer"]:
        for path in glob.glob(os.path.join(ROOT, "tests", "fuzz-inputs", target, "*")):
            with open(path, "rb") as f:
                write(target, "regression-" + os.path.basename(path), f.read())


if __name__ == "__main__":
    main()
