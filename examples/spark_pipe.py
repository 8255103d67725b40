#!/usr/bin/env python3
"""Run pressx over a corpus with Spark's rdd.pipe.

Each partition starts one `pressx extract --input jsonl` process and streams its
records through it: pressx answers every input line with exactly one output line,
in order (a record, or {"id": ..., "error": ...} for a document it could not read),
so the output keeps the input's ids and order and a bad document never fails the job.

    python3 examples/spark_pipe.py corpus.jsonl out/            # local mode, all cores
    python3 examples/spark_pipe.py releases/ out/ --master spark://host:7077 \
        --pressx /opt/pressx/bin/pressx --partitions 200

Input: a .jsonl file (or a folder of them) of {"id", "text", "published"?} lines, or a
folder of .txt files (their ids are the file names without .txt). Output: Spark's
part-NNNNN files in OUT, one JSON record a line, in input order.
"""

import argparse
import json
import os
import shutil
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="a .jsonl file, a folder of .jsonl files, or a folder of .txt files")
    ap.add_argument("output", help="output folder (replaced if it exists)")
    ap.add_argument("--master", default="local[*]", help="Spark master (default: local[*])")
    ap.add_argument("--pressx", default=None, help="path to the pressx binary (default: on PATH, else target/release/pressx)")
    ap.add_argument("--partitions", type=int, default=None, help="number of partitions (default: Spark's)")
    ap.add_argument("--published", default=None, help="release date for relative dates, YYYY-MM-DD")
    args = ap.parse_args()

    pressx = args.pressx or shutil.which("pressx") or os.path.abspath("target/release/pressx")
    if not os.access(pressx, os.X_OK):
        sys.exit(f"spark_pipe.py: no pressx binary at {pressx}; build it with `cargo build --release`")

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master(args.master).appName("pressx").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")

    src = args.input
    is_txt_folder = os.path.isdir(src) and not any(n.endswith(".jsonl") for n in os.listdir(src))
    if is_txt_folder:
        # (path, content) pairs, sorted by path so the output order is stable.
        files = sc.wholeTextFiles(os.path.join(src, "*.txt"), minPartitions=args.partitions or 2)
        lines = files.sortByKey().map(
            lambda kv: json.dumps({"id": os.path.splitext(os.path.basename(kv[0]))[0], "text": kv[1]}, ensure_ascii=False)
        )
    else:
        lines = sc.textFile(src, minPartitions=args.partitions or 2)

    command = [pressx, "extract", "--input", "jsonl", "--format", "jsonl", "--jobs", "1", "--quiet"]
    if args.published:
        command += ["--published", args.published]
    # checkCode=False: pressx exits 1 when some document failed; its error record is in the output.
    records = lines.pipe(" ".join(command), checkCode=False)

    if os.path.exists(args.output):
        shutil.rmtree(args.output)
    records.saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
