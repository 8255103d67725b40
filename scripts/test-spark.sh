#!/usr/bin/env bash
# The Spark integration test (not part of .ci/run: it downloads pyspark and takes minutes).
# Installs pyspark 4.3.0 into target/spark-venv (Java 17 must be on the machine), runs
# examples/spark_pipe.py on 10,000 documents in local mode, and checks one record per
# input, in input order, and that a broken line gives an error record, not a failed job.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/spark-venv
work=target/spark-test
n=10000
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pyspark==4.3.0
fi
cargo build --release --quiet
rm -rf "$work" && mkdir -p "$work"
"$venv/bin/python" - "$work/in.jsonl" "$n" <<'PY'
import json, sys, glob
path, n = sys.argv[1], int(sys.argv[2])
texts = [open(f, encoding="utf-8-sig").read() for f in sorted(glob.glob("fixtures/*.txt"))]
with open(path, "w", encoding="utf-8") as out:
    for i in range(n):
        if i == 4321:
            out.write("{this line is not JSON\n")  # must become an error record
            continue
        out.write(json.dumps({"id": f"doc-{i:05d}", "text": texts[i % len(texts)]}) + "\n")
PY
"$venv/bin/python" examples/spark_pipe.py "$work/in.jsonl" "$work/out" --partitions 8
"$venv/bin/python" - "$work/out" "$n" <<'PY'
import json, sys, glob
out, n = sys.argv[1], int(sys.argv[2])
recs = [json.loads(l) for f in sorted(glob.glob(f"{out}/part-*")) for l in open(f, encoding="utf-8")]
assert len(recs) == n, f"{len(recs)} records for {n} inputs"
for i, r in enumerate(recs):
    if i == 4321:
        assert "error" in r, r
    else:
        assert r.get("id") == f"doc-{i:05d}", (i, r.get("id"))
        assert r["schema"] == "pressx/1"
errors = sum("error" in r for r in recs)
print(f"spark test: {len(recs)} records for {n} inputs, in order; {errors} error record(s); ok")
PY
