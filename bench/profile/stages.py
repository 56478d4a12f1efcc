#!/usr/bin/env python3
"""Inclusive share of a sopaudit run's CPU samples per stage, from `perf script` output.

    perf record -F 499 -e cpu-clock --call-graph dwarf,16384 -o P -- sopaudit scan DIR ...
    perf script -i P > S
    bench/profile/stages.py S

A sample counts for a stage when any frame of its call chain names the stage's function (so the
stages overlap: read_package is inside read_isolated). "kernel" is the part of those samples
whose leaf frame is in the kernel (page faults, fork, fsync). perf's own call-graph report needs
frame pointers that the release build does not keep; DWARF unwinding in `perf script` works.
Standard library only.
"""
import re
import sys

STAGES = [
    ("whole run", ""),
    ("read_isolated (fork + child read)", "pipeline::read_isolated"),
    ("  fork itself", "_Fork"),
    ("  docx read_package", "read_package"),
    ("    libxml2 parse (parse_xml_part)", "parse_xml_part"),
    ("    BodyReader::read_body", "BodyReader::read_body"),
    ("sha256 + sniff", "sha256|sniff_file"),
    ("sop::recognize", "sop::recognize"),
    ("  common::best_match", "common::best_match|FoldedVariants::best_match"),
    ("audit_file", "Auditor::audit_file"),
    ("  std::regex compile", "_Compiler<"),
    ("to_json + stringify of entries in workers", "JsonReportWriter::entry_text"),
    ("write_json_report / JsonReportWriter", "write_json_report|JsonReportWriter::finish"),
    ("write_human_reports", "write_human_reports"),
    ("  write_sop_json_files", "write_sop_json_files"),
    ("Incremental::accept (state.db)", "Incremental::accept"),
]


def main():
    text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
    samples = []
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.split("\n")[1:] if line.strip()]
        if lines:
            samples.append([re.sub(r"^[0-9a-f]+ ", "", line) for line in lines])
    total = len(samples)
    print(f"| stage | samples | share | of which kernel |")
    print(f"|---|---|---|---|")
    for name, pattern in STAGES:
        rx = re.compile(pattern) if pattern else None
        hit = [s for s in samples if rx is None or any(rx.search(f) for f in s)]
        kernel = sum(1 for s in hit if "kernel" in s[0] or "kallsyms" in s[0])
        share = 100.0 * len(hit) / total if total else 0.0
        print(f"| {name} | {len(hit)} | {share:.1f}% | {kernel} |")


if __name__ == "__main__":
    main()
