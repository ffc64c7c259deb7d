"""Pure reading of a security policy's text: contacts, timeframes, supported versions, placeholders
and dead reporting channels (heuristics H2-H11 of notes/security-policy.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checks._lines import LineIndex

# Scorecard's email pattern, including the obfuscated `[at]` form, plus `(at)` and spaced variants.
# Quantifiers are bounded throughout: policies are untrusted text and must not cause quadratic scans
# (scripts/bench_policy_checks.py measures this).
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}(?:@|\s?\\?[\[(]at\\?[\])]\s?)"
    r"[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,6}\b",
    re.I,
)
URL = re.compile(r"https?://[^\s<>()\[\]\"'`]{1,2000}", re.I)
PVR_LINK = re.compile(r"/security/advisories/new\b", re.I)
PVR_WORDS = re.compile(
    r"private(ly)?\s+vulnerability\s+report|report\s+a\s+vulnerability[\"'”]?\s+button", re.I
)
# URLs that are not a private reporting channel: public trackers, badges, generic docs.
_NOT_A_CHANNEL = re.compile(
    r"/(issues|discussions|pulls)\b|img\.shields\.io|docs\.github\.com|semver\.org|"
    r"securityscorecards\.dev|scorecard\.dev|bestpractices\.|/security/policy\b|example\.(com|org|net)",
    re.I,
)
PRIVATE_WORDS = re.compile(
    r"\bprivate(ly)?\b|\bconfidential|\bencrypt|\bpgp\b|\bgpg\b|do\s+not\s+(open|create|file|report|post)|"
    r"don'?t\s+(open|create|file|report|post)|not\s+(in|via|through)\s+(a\s+)?public",
    re.I,
)
DEAD_CHANNELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"hackerone\.com/nodejs-ecosystem", re.I),
        "the Node.js ecosystem HackerOne program (closed 2021)",
    ),
    (re.compile(r"security-ecosystem@nodejs\.org", re.I), "security-ecosystem@nodejs.org (closed 2022)"),
    (
        re.compile(
            r"nodejs/security-wg/(?:blob|tree)/[^/\s]+/processes/"
            r"(?:responsible_disclosure_template|third_party_vuln_process)\.md",
            re.I,
        ),
        "the Node.js Security WG ecosystem process (deleted 2022)",
    ),
)
PLACEHOLDERS = re.compile(
    r"\$VMTalias|\$LINK\b|\$DIRECTIONS|\[\s?INSERT[^\]\n]{0,80}\]|\[\s?MODULE\s(NAME|VERSION)\s?\]|"
    r"\{\{[^}\n]{0,80}\}\}|<\s?(insert|your)\b[^>\n]{0,80}>|\[\s?your\b[^\]\n]{0,80}\]|"
    r"<<[^<>\n]{1,40}>>|<[A-Z]{2,20}(_[A-Z]{2,20}){1,4}>|"
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@example\.(com|org|net)\b",
    re.I,
)
GITHUB_TEMPLATE_TEXT = re.compile(r"Use this section to tell people", re.I)
GITHUB_TEMPLATE_ROWS = ("5.1.x", "5.0.x", "4.0.x", "< 4.0")
SUPPORTED_VERSIONS = re.compile(
    r"supported\s+([\w.-]{1,30}\s+)?(versions?|releases?|branches)|"
    r"versions?\s+(that\s+)?(are|is)\s+(currently\s+)?supported|"
    r"(only|latest)\s+(the\s+)?(latest|most\s+recent|current)?\s*(major\s+|minor\s+)?(release|version)|"
    r"security\s+(updates|fixes|patches)\s+(are\s+)?(only\s+)?(provided|released|applied)\s+(for|to)",
    re.I,
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "ten": 10, "fourteen": 14, "thirty": 30, "forty-five": 45, "sixty": 60, "ninety": 90,
}  # fmt: skip
DURATION = re.compile(
    r"\b(\d{1,4}|" + "|".join(_NUMBER_WORDS) + r")\s*(?:-|\s)?\s*(business\s+|working\s+|calendar\s+)?"
    r"(hours?|hrs?|days?|weeks?|months?)\b",
    re.I,
)
RESPONSE_WORDS = re.compile(
    r"acknowledg|\brespon(d|ds|se|ding)\b|\breply|get\s+back|hear\s+(back|from)|\btriage", re.I
)
DISCLOSURE_WORDS = re.compile(r"disclos|embargo|publish|public(ly)?\b|advisory|release\s+(a\s+)?fix", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n\s*[-*|]")


@dataclass(frozen=True, slots=True)
class Hit:
    text: str
    line: int


@dataclass(slots=True)
class PolicyReading:
    emails: list[Hit] = field(default_factory=list)
    channel_urls: list[Hit] = field(default_factory=list)
    pvr: list[Hit] = field(default_factory=list)
    private_wording: bool = False
    dead: list[tuple[Hit, str]] = field(default_factory=list)
    placeholders: list[Hit] = field(default_factory=list)
    github_template: list[Hit] = field(default_factory=list)
    response_days: float | None = None
    disclosure_days: float | None = None
    supported_versions: bool = False


def _days(number: str, qualifier: str | None, unit: str) -> float:
    n = float(_NUMBER_WORDS.get(number.lower(), 0) or number)
    unit = unit.lower()
    if unit.startswith(("hour", "hr")):
        return n / 24
    if unit.startswith("week"):
        return n * 7
    if unit.startswith("month"):
        return n * 30
    return n * 7 / 5 if qualifier else n  # business/working days stretch over weekends


def _timeframe(text: str, keywords: re.Pattern[str], *, look_before: bool) -> list[float]:
    """Durations stated right after a keyword in the same sentence ("acknowledge ... within 3 days"),
    or, with `look_before`, right before it ("a 90-day disclosure")."""
    found: list[float] = []
    for sentence in _SENTENCE.split(text):
        for key in keywords.finditer(sentence):
            after = DURATION.search(sentence, key.end(), key.end() + 120)
            if after is not None:
                found.append(_days(after[1], after[2], after[3]))
            elif look_before:
                prior = list(DURATION.finditer(sentence, max(0, key.start() - 60), key.start()))
                if prior:
                    found.append(_days(prior[-1][1], prior[-1][2], prior[-1][3]))
    return found


def read_policy(text: str) -> PolicyReading:
    reading = PolicyReading()
    lines = LineIndex(text)

    def hits(pattern: re.Pattern[str]) -> list[Hit]:
        return [Hit(m.group(0), lines.line(m.start())) for m in pattern.finditer(text)]

    for hit in hits(EMAIL):
        if not PLACEHOLDERS.search(hit.text) and not any(p.search(hit.text) for p, _ in DEAD_CHANNELS):
            reading.emails.append(hit)
    for hit in (Hit(h.text.rstrip(".,;:!?*_"), h.line) for h in hits(URL)):
        dead = any(p.search(hit.text) for p, _ in DEAD_CHANNELS)
        if PVR_LINK.search(hit.text):
            reading.pvr.append(hit)
        elif not dead and not _NOT_A_CHANNEL.search(hit.text):
            reading.channel_urls.append(hit)
    reading.pvr.extend(hits(PVR_WORDS))
    if not any(PVR_LINK.search(h.text) for h in reading.pvr):
        reading.pvr.extend(h for h in hits(PVR_LINK) if h not in reading.pvr)
    reading.private_wording = bool(PRIVATE_WORDS.search(text)) or bool(reading.pvr)
    for pattern, why in DEAD_CHANNELS:
        reading.dead.extend((hit, why) for hit in hits(pattern))
    reading.placeholders = hits(PLACEHOLDERS)
    reading.github_template = hits(GITHUB_TEMPLATE_TEXT)
    if all(row in text for row in GITHUB_TEMPLATE_ROWS):
        reading.github_template.append(Hit("5.1.x / 5.0.x / 4.0.x / < 4.0", lines.line(text.index("5.1.x"))))
    response = _timeframe(text, RESPONSE_WORDS, look_before=False)
    disclosure = _timeframe(text, DISCLOSURE_WORDS, look_before=True)
    reading.response_days = min(response) if response else None
    reading.disclosure_days = max(disclosure) if disclosure else None
    reading.supported_versions = bool(SUPPORTED_VERSIONS.search(text))
    return reading
