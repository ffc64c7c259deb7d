"""Score the security-policy and security-badge checks against the hand-judged real-world corpus.

The corpus (tests/fixtures/corpus/<check-id>/<split>/) holds real SECURITY and README files from public
repositories, each with a YAML sidecar naming its source (repository, path, commit, licence) and the
verdict and finding codes a person gave it after reading it. Files whose sidecar has `expect: null`
are stored but not yet judged, and are left out of every figure.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

import checks
from checks.model import CheckContext, CheckResult, RepoFacts, Snapshot, Status

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
CHECK_IDS = ("security-policy", "security-badge")
# heldout2 was added (and judged) after the rules were tuned on dev and heldout: measured, not tuned on.
# heldout3 was gathered and judged by hand after heldout2 had been looked at, before any rule saw it;
# heldout4 likewise after heldout3, and so on to heldout150 (no READMEs in heldout7 and heldout8, READMEs
# only in heldout18).
SPLITS = (
    "dev",
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
    "heldout13",
    "heldout14",
    "heldout15",
    "heldout16",
    "heldout17",
    "heldout18",
    "heldout19",
    "heldout20",
    "heldout21",
    "heldout22",
    "heldout23",
    "heldout24",
    "heldout25",
    "heldout26",
    "heldout27",
    "heldout28",
    "heldout29",
    "heldout30",
    "heldout31",
    "heldout32",
    "heldout33",
    "heldout34",
    "heldout35",
    "heldout36",
    "heldout37",
    "heldout38",
    "heldout39",
    "heldout40",
    "heldout41",
    "heldout42",
    "heldout43",
    "heldout44",
    "heldout45",
    "heldout46",
    "heldout47",
    "heldout48",
    "heldout49",
    "heldout50",
    "heldout51",
    "heldout52",
    "heldout53",
    "heldout54",
    "heldout55",
    "heldout56",
    "heldout57",
    "heldout58",
    "heldout59",
    "heldout60",
    "heldout61",
    "heldout62",
    "heldout63",
    "heldout64",
    "heldout65",
    "heldout66",
    "heldout67",
    "heldout68",
    "heldout69",
    "heldout70",
    "heldout71",
    "heldout72",
    "heldout73",
    "heldout74",
    "heldout75",
    "heldout76",
    "heldout77",
    "heldout78",
    "heldout79",
    "heldout80",
    "heldout81",
    "heldout82",
    "heldout83",
    "heldout84",
    "heldout85",
    "heldout86",
    "heldout87",
    "heldout88",
    "heldout89",
    "heldout90",
    "heldout91",
    "heldout92",
    "heldout93",
    "heldout94",
    "heldout95",
    "heldout96",
    "heldout97",
    "heldout98",
    "heldout99",
    "heldout100",
    "heldout101",
    "heldout102",
    "heldout103",
    "heldout104",
    "heldout105",
    "heldout106",
    "heldout107",
    "heldout108",
    "heldout109",
    "heldout110",
    "heldout111",
    "heldout112",
    "heldout113",
    "heldout114",
    "heldout115",
    "heldout116",
    "heldout117",
    "heldout118",
    "heldout119",
    "heldout120",
    "heldout121",
    "heldout122",
    "heldout123",
    "heldout124",
    "heldout125",
    "heldout126",
    "heldout127",
    "heldout128",
    "heldout129",
    "heldout130",
    "heldout131",
    "heldout132",
    "heldout133",
    "heldout134",
    "heldout135",
    "heldout136",
    "heldout137",
    "heldout138",
    "heldout139",
    "heldout140",
    "heldout141",
    "heldout142",
    "heldout143",
    "heldout144",
    "heldout145",
    "heldout146",
    "heldout147",
    "heldout148",
    "heldout149",
    "heldout150",
)


@dataclass(frozen=True, slots=True)
class Case:
    check_id: str
    split: str
    name: str
    repo: str  # owner/name it came from
    repo_path: str  # where the file lives in its repository (decides how the check finds it)
    content: bytes
    status: str
    codes: frozenset[str]


@dataclass(slots=True)
class Score:
    cases: int = 0
    verdicts_right: int = 0
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    disagreements: list[tuple[str, str, str]] = field(default_factory=list)

    def precision(self, code: str) -> float | None:
        found = self.tp[code] + self.fp[code]
        return self.tp[code] / found if found else None

    def recall(self, code: str) -> float | None:
        expected = self.tp[code] + self.fn[code]
        return self.tp[code] / expected if expected else None

    @property
    def codes(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    @property
    def verdict_accuracy(self) -> float:
        return self.verdicts_right / self.cases if self.cases else 1.0


def load_corpus(check_id: str, split: str) -> list[Case]:
    cases = []
    for sidecar in sorted((CORPUS / check_id / split).glob("*.yml")):
        meta = yaml.safe_load(sidecar.read_text())
        expect = meta.get("expect")
        if expect is None:
            continue
        content = (sidecar.parent / meta["file"]).read_bytes()
        path = meta["source"]["path"]
        cases.append(
            Case(
                check_id,
                split,
                sidecar.stem,
                meta["source"]["repository"],
                path,
                content,
                expect["status"],
                frozenset(expect["codes"]),
            )
        )
    return cases


@functools.cache
def check_result(case: Case) -> CheckResult:
    """The check's result on one corpus file, computed once per test run (the figures and the
    line-naming test both read it)."""
    owner, name = case.repo.split("/", 1)
    snapshot = Snapshot(RepoFacts(owner, name), (case.repo_path,), {case.repo_path: case.content})
    return checks.run_check(case.check_id, snapshot, CheckContext())


def run_case(case: Case) -> tuple[str, frozenset[str]]:
    result = check_result(case)
    codes = frozenset(f.code for f in result.findings if f.status is not Status.PASS)
    return result.status.value, codes


def score(cases: list[Case]) -> Score:
    out = Score()
    for case in cases:
        status, codes = run_case(case)
        out.cases += 1
        out.verdicts_right += status == case.status
        for code in codes & case.codes:
            out.tp[code] += 1
        for code in codes - case.codes:
            out.fp[code] += 1
        for code in case.codes - codes:
            out.fn[code] += 1
        if status != case.status or codes != case.codes:
            expected = f"{case.status} {sorted(case.codes)}"
            out.disagreements.append((case.name, expected, f"{status} {sorted(codes)}"))
    return out


# Judged files per (check, split) when the corpus was built; a test keeps them from silently vanishing.
CASES_MINIMUM = {
    ("security-policy", "dev"): 95,
    ("security-policy", "heldout"): 42,
    ("security-badge", "dev"): 96,
    ("security-badge", "heldout"): 40,
    ("security-policy", "heldout2"): 30,
    ("security-badge", "heldout2"): 34,
    ("security-policy", "heldout3"): 41,
    ("security-badge", "heldout3"): 42,
    ("security-policy", "heldout4"): 50,
    ("security-badge", "heldout4"): 53,
    ("security-policy", "heldout5"): 65,
    ("security-badge", "heldout5"): 56,
    ("security-policy", "heldout6"): 86,
    ("security-badge", "heldout6"): 50,
    ("security-policy", "heldout7"): 89,
    ("security-policy", "heldout8"): 51,
    ("security-policy", "heldout9"): 99,
    ("security-badge", "heldout9"): 54,
    ("security-policy", "heldout10"): 56,
    ("security-badge", "heldout10"): 18,
    ("security-policy", "heldout11"): 70,
    ("security-badge", "heldout11"): 18,
    ("security-policy", "heldout12"): 40,
    ("security-badge", "heldout12"): 10,
    ("security-policy", "heldout13"): 105,
    ("security-badge", "heldout13"): 46,
    ("security-policy", "heldout14"): 110,
    ("security-badge", "heldout14"): 46,
    ("security-policy", "heldout15"): 92,
    ("security-badge", "heldout15"): 54,
    ("security-policy", "heldout16"): 36,
    ("security-badge", "heldout16"): 18,
    ("security-policy", "heldout17"): 6,
    ("security-badge", "heldout17"): 56,
    ("security-badge", "heldout18"): 62,
    ("security-policy", "heldout19"): 78,
    ("security-badge", "heldout19"): 32,
    ("security-policy", "heldout20"): 74,
    ("security-badge", "heldout20"): 40,
    ("security-policy", "heldout21"): 90,
    ("security-badge", "heldout21"): 47,
    ("security-policy", "heldout22"): 18,
    ("security-badge", "heldout22"): 18,
    ("security-policy", "heldout23"): 35,
    ("security-badge", "heldout23"): 13,
    ("security-policy", "heldout24"): 2,
    ("security-badge", "heldout24"): 1,
    ("security-policy", "heldout25"): 9,
    ("security-policy", "heldout26"): 124,
    ("security-policy", "heldout27"): 75,
    ("security-policy", "heldout28"): 49,
    ("security-badge", "heldout28"): 26,
    ("security-policy", "heldout29"): 46,
    ("security-badge", "heldout29"): 22,
    ("security-policy", "heldout30"): 51,
    ("security-badge", "heldout30"): 25,
    ("security-policy", "heldout31"): 41,
    ("security-badge", "heldout31"): 23,
    ("security-policy", "heldout32"): 31,
    ("security-badge", "heldout32"): 20,
    ("security-policy", "heldout33"): 47,
    ("security-badge", "heldout33"): 22,
    ("security-policy", "heldout34"): 48,
    ("security-policy", "heldout35"): 18,
    ("security-policy", "heldout36"): 6,
    ("security-badge", "heldout36"): 5,
    ("security-policy", "heldout37"): 33,
    ("security-policy", "heldout38"): 26,
    ("security-badge", "heldout38"): 10,
    ("security-policy", "heldout39"): 28,
    ("security-badge", "heldout39"): 10,
    ("security-policy", "heldout40"): 28,
    ("security-badge", "heldout40"): 12,
    ("security-policy", "heldout41"): 24,
    ("security-badge", "heldout41"): 14,
    ("security-policy", "heldout42"): 19,
    ("security-badge", "heldout42"): 10,
    ("security-policy", "heldout43"): 20,
    ("security-badge", "heldout43"): 10,
    ("security-policy", "heldout44"): 19,
    ("security-badge", "heldout44"): 6,
    ("security-policy", "heldout45"): 15,
    ("security-badge", "heldout45"): 5,
    ("security-policy", "heldout46"): 14,
    ("security-badge", "heldout46"): 6,
    ("security-policy", "heldout47"): 9,
    ("security-badge", "heldout47"): 6,
    ("security-policy", "heldout48"): 6,
    ("security-badge", "heldout48"): 3,
    ("security-policy", "heldout49"): 10,
    ("security-badge", "heldout49"): 3,
    ("security-policy", "heldout50"): 10,
    ("security-badge", "heldout51"): 37,
    ("security-badge", "heldout52"): 39,
    ("security-policy", "heldout53"): 14,
    ("security-badge", "heldout53"): 9,
    ("security-policy", "heldout54"): 21,
    ("security-badge", "heldout54"): 8,
    ("security-policy", "heldout55"): 12,
    ("security-badge", "heldout55"): 8,
    ("security-policy", "heldout56"): 15,
    ("security-badge", "heldout56"): 8,
    ("security-policy", "heldout57"): 13,
    ("security-badge", "heldout57"): 7,
    ("security-policy", "heldout58"): 16,
    ("security-badge", "heldout58"): 8,
    ("security-policy", "heldout59"): 21,
    ("security-badge", "heldout59"): 10,
    ("security-policy", "heldout60"): 27,
    ("security-badge", "heldout60"): 12,
    ("security-policy", "heldout61"): 18,
    ("security-badge", "heldout61"): 10,
    ("security-policy", "heldout62"): 18,
    ("security-badge", "heldout62"): 10,
    ("security-policy", "heldout63"): 22,
    ("security-badge", "heldout63"): 9,
    ("security-policy", "heldout64"): 20,
    ("security-badge", "heldout64"): 12,
    ("security-policy", "heldout65"): 18,
    ("security-badge", "heldout65"): 10,
    ("security-policy", "heldout66"): 14,
    ("security-badge", "heldout66"): 8,
    ("security-policy", "heldout67"): 13,
    ("security-badge", "heldout67"): 10,
    ("security-policy", "heldout68"): 13,
    ("security-badge", "heldout68"): 7,
    ("security-policy", "heldout69"): 13,
    ("security-badge", "heldout69"): 6,
    ("security-policy", "heldout70"): 9,
    ("security-badge", "heldout70"): 6,
    ("security-policy", "heldout71"): 17,
    ("security-badge", "heldout71"): 10,
    ("security-policy", "heldout72"): 19,
    ("security-badge", "heldout72"): 10,
    ("security-policy", "heldout73"): 19,
    ("security-badge", "heldout73"): 8,
    ("security-policy", "heldout74"): 14,
    ("security-badge", "heldout74"): 8,
    ("security-policy", "heldout75"): 19,
    ("security-badge", "heldout75"): 12,
    ("security-policy", "heldout76"): 18,
    ("security-badge", "heldout76"): 9,
    ("security-policy", "heldout77"): 15,
    ("security-badge", "heldout77"): 4,
    ("security-policy", "heldout78"): 19,
    ("security-badge", "heldout78"): 9,
    ("security-policy", "heldout79"): 10,
    ("security-badge", "heldout79"): 8,
    ("security-policy", "heldout80"): 11,
    ("security-badge", "heldout80"): 8,
    ("security-policy", "heldout81"): 9,
    ("security-badge", "heldout81"): 4,
    ("security-policy", "heldout82"): 11,
    ("security-badge", "heldout82"): 7,
    ("security-policy", "heldout83"): 10,
    ("security-badge", "heldout83"): 5,
    ("security-policy", "heldout84"): 10,
    ("security-badge", "heldout84"): 8,
    ("security-policy", "heldout85"): 1,
    ("security-badge", "heldout85"): 1,
    ("security-policy", "heldout86"): 20,
    ("security-badge", "heldout86"): 8,
    ("security-policy", "heldout87"): 16,
    ("security-badge", "heldout87"): 9,
    ("security-policy", "heldout88"): 14,
    ("security-badge", "heldout88"): 9,
    ("security-policy", "heldout89"): 17,
    ("security-badge", "heldout89"): 10,
    ("security-policy", "heldout90"): 14,
    ("security-badge", "heldout90"): 10,
    ("security-policy", "heldout91"): 16,
    ("security-badge", "heldout91"): 9,
    ("security-policy", "heldout92"): 12,
    ("security-badge", "heldout92"): 8,
    ("security-policy", "heldout93"): 15,
    ("security-badge", "heldout93"): 6,
    ("security-policy", "heldout94"): 8,
    ("security-badge", "heldout94"): 7,
    ("security-policy", "heldout95"): 8,
    ("security-badge", "heldout95"): 6,
    ("security-policy", "heldout96"): 11,
    ("security-badge", "heldout96"): 8,
    ("security-policy", "heldout97"): 6,
    ("security-badge", "heldout97"): 3,
    ("security-policy", "heldout98"): 11,
    ("security-badge", "heldout98"): 5,
    ("security-policy", "heldout99"): 4,
    ("security-badge", "heldout99"): 4,
    ("security-policy", "heldout100"): 10,
    ("security-badge", "heldout100"): 3,
    ("security-policy", "heldout101"): 8,
    ("security-badge", "heldout101"): 5,
    ("security-policy", "heldout102"): 15,
    ("security-badge", "heldout102"): 12,
    ("security-policy", "heldout103"): 16,
    ("security-badge", "heldout103"): 7,
    ("security-policy", "heldout104"): 13,
    ("security-badge", "heldout104"): 7,
    ("security-policy", "heldout105"): 15,
    ("security-badge", "heldout105"): 9,
    ("security-policy", "heldout106"): 15,
    ("security-badge", "heldout106"): 8,
    ("security-policy", "heldout107"): 14,
    ("security-badge", "heldout107"): 7,
    ("security-policy", "heldout108"): 17,
    ("security-badge", "heldout108"): 10,
    ("security-policy", "heldout109"): 9,
    ("security-badge", "heldout109"): 7,
    ("security-policy", "heldout110"): 8,
    ("security-badge", "heldout110"): 5,
    ("security-policy", "heldout111"): 7,
    ("security-badge", "heldout111"): 5,
    ("security-policy", "heldout112"): 12,
    ("security-badge", "heldout112"): 6,
    ("security-policy", "heldout113"): 6,
    ("security-badge", "heldout113"): 5,
    ("security-policy", "heldout114"): 11,
    ("security-badge", "heldout114"): 6,
    ("security-policy", "heldout115"): 10,
    ("security-badge", "heldout115"): 6,
    ("security-policy", "heldout116"): 3,
    ("security-badge", "heldout116"): 2,
    ("security-policy", "heldout117"): 8,
    ("security-badge", "heldout117"): 3,
    ("security-policy", "heldout118"): 1,
    ("security-badge", "heldout118"): 4,
    ("security-policy", "heldout119"): 13,
    ("security-badge", "heldout119"): 8,
    ("security-policy", "heldout120"): 9,
    ("security-badge", "heldout120"): 6,
    ("security-policy", "heldout121"): 12,
    ("security-badge", "heldout121"): 10,
    ("security-policy", "heldout122"): 16,
    ("security-badge", "heldout122"): 7,
    ("security-policy", "heldout123"): 16,
    ("security-badge", "heldout123"): 8,
    ("security-policy", "heldout124"): 14,
    ("security-badge", "heldout124"): 9,
    ("security-policy", "heldout125"): 11,
    ("security-badge", "heldout125"): 6,
    ("security-policy", "heldout126"): 13,
    ("security-badge", "heldout126"): 8,
    ("security-policy", "heldout127"): 8,
    ("security-badge", "heldout127"): 6,
    ("security-policy", "heldout128"): 6,
    ("security-badge", "heldout128"): 4,
    ("security-policy", "heldout129"): 5,
    ("security-badge", "heldout129"): 2,
    ("security-policy", "heldout130"): 6,
    ("security-badge", "heldout130"): 6,
    ("security-policy", "heldout131"): 7,
    ("security-badge", "heldout131"): 5,
    ("security-policy", "heldout132"): 8,
    ("security-badge", "heldout132"): 7,
    ("security-policy", "heldout133"): 2,
    ("security-badge", "heldout133"): 2,
    ("security-badge", "heldout134"): 2,
    ("security-policy", "heldout135"): 18,
    ("security-badge", "heldout135"): 8,
    ("security-policy", "heldout136"): 14,
    ("security-badge", "heldout136"): 6,
    ("security-policy", "heldout137"): 16,
    ("security-badge", "heldout137"): 8,
    ("security-policy", "heldout138"): 14,
    ("security-badge", "heldout138"): 9,
    ("security-policy", "heldout139"): 11,
    ("security-badge", "heldout139"): 6,
    ("security-policy", "heldout140"): 14,
    ("security-badge", "heldout140"): 9,
    ("security-policy", "heldout141"): 13,
    ("security-badge", "heldout141"): 10,
    ("security-policy", "heldout142"): 19,
    ("security-badge", "heldout142"): 6,
    ("security-policy", "heldout143"): 14,
    ("security-badge", "heldout143"): 4,
    ("security-policy", "heldout144"): 6,
    ("security-badge", "heldout144"): 4,
    ("security-policy", "heldout145"): 6,
    ("security-badge", "heldout145"): 2,
    ("security-policy", "heldout146"): 5,
    ("security-badge", "heldout146"): 3,
    ("security-policy", "heldout147"): 9,
    ("security-badge", "heldout147"): 5,
    ("security-policy", "heldout148"): 3,
    ("security-badge", "heldout148"): 3,
    ("security-policy", "heldout149"): 6,
    ("security-badge", "heldout149"): 2,
    ("security-policy", "heldout150"): 3,
    ("security-badge", "heldout150"): 1,
}
