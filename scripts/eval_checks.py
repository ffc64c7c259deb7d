#!/usr/bin/env python3
"""Precision and recall per finding type, and verdict accuracy, of the security-policy and
security-badge checks on the hand-judged real-world corpus (tests/fixtures/corpus/), per split.

Lists every disagreement (file, expected, got). Usage:
scripts/eval_checks.py [dev|heldout|...|heldout8 ...] (default: every split). A split
judged after the rules were written is for reporting, not for tuning rules against.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.checks.corpus import CHECK_IDS, SPLITS, load_corpus, score


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def main(splits: list[str]) -> None:
    for split in splits:
        for check_id in CHECK_IDS:
            cases = load_corpus(check_id, split)
            if not cases:
                continue  # the later splits hold policies only
            result = score(cases)
            print(
                f"\n== {check_id} / {split}: {result.cases} files, verdict accuracy "
                f"{result.verdict_accuracy:.3f} ({result.cases - result.verdicts_right} wrong)"
            )
            print(f"{'finding':28} {'prec':>5} {'recall':>6}  tp fp fn")
            for code in result.codes:
                print(
                    f"{code:28} {_fmt(result.precision(code))} {_fmt(result.recall(code)):>6}"
                    f"  {result.tp[code]:2} {result.fp[code]:2} {result.fn[code]:2}"
                )
            for name, expected, got in result.disagreements:
                print(f"  DISAGREE {name}: expected {expected}; got {got}")


if __name__ == "__main__":
    main(sys.argv[1:] or list(SPLITS))
