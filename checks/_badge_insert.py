"""Insert the security-policy badge under a README's title, keeping the file's own style.

Markdown: after the first ATX (`# Title`), setext (`Title` + `===`) or HTML `<h1..h6>` heading,
joining a badges line that directly follows the title; no title: at the top. reStructuredText: after
the first (over/under-lined) title. AsciiDoc: after the document header. CRLF files stay CRLF.
Other formats (plain text, no extension) cannot render a badge: `None`. `badge_fix` turns that into
the security-badge check's proposed README.
"""

from __future__ import annotations

import posixpath
import re

from checks._badges import BADGE_IMAGE, BADGE_LABEL, badge_markdown, badge_rst
from checks._policy_files import POLICY_FIX_PATH, FoundFile, decode_text, find_policy
from checks._policy_rules import evaluate
from checks.config import SecurityPolicyConfig
from checks.model import Fix, FixUnavailable, Location, Snapshot

FIX_TITLE = "Link the security policy from the README"
FIX_DESCRIPTION = (
    'a "Security Policy" badge under the title, linking to the policy, because the\n'
    "Security tab is easy to miss."
)

_ATX = re.compile(r"^ {0,3}#{1,6}(\s|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HTML_HEADING_OPEN = re.compile(r"^\s*<h[1-6][\s>]", re.I)
_HTML_HEADING_CLOSE = re.compile(r"</h[1-6]\s*>", re.I)
_BADGE_LINE = re.compile(r"^\s*(\[!\[[^\]]*\](\([^)]*\)|\[[^\]]*\])\](\([^)]*\)|\[[^\]]*\])\s*)+$")
_RST_ADORNMENT = re.compile(r"^([=\-`:'\"~^_*+#<>.])\1{2,}\s*$")


def badge_fix(
    snapshot: Snapshot, readme: FoundFile, text: str, policy_config: SecurityPolicyConfig | None = None
) -> Fix | FixUnavailable | None:
    """The README with the badge under its title, linking the policy GitHub shows; without any
    policy, linking the SECURITY.md a fix would add (so it is applied only together with that fix).
    A badge never leads to a policy that fails the security-policy check: linking the repository's
    own failing policy waits for a fix that rewrites it (`requires_rewrite`); a failing organisation
    default cannot be rewritten here, so no badge is proposed."""
    policy = find_policy(snapshot)
    requires: tuple[str, ...] = ()
    rewrite: tuple[str, ...] = ()
    if policy is None:
        policy_path: str | None = POLICY_FIX_PATH
        requires = (POLICY_FIX_PATH,)
    else:
        policy_path = None if policy.org_level else policy.path
        if _policy_fails(snapshot, policy, policy_config or SecurityPolicyConfig()):
            if policy.org_level:
                return FixUnavailable(
                    readme.path,
                    "the organisation's default security policy fails its check; a badge would lead to it",
                )
            rewrite = (policy.path,)
    policy_url = f"https://github.com/{snapshot.repo.full_name}/security/policy"
    new_text = insert_badge(text, readme.path, badge_target(readme.path, policy_path, policy_url))
    if new_text is None:
        return None
    bom = "\ufeff" if readme.content is not None and readme.content.startswith(b"\xef\xbb\xbf") else ""
    return Fix(
        readme.path, bom + new_text, False, FIX_TITLE, FIX_DESCRIPTION, requires, requires_rewrite=rewrite
    )


def _policy_fails(snapshot: Snapshot, policy: FoundFile, config: SecurityPolicyConfig) -> bool:
    """Whether the security-policy check blocks on this policy (a file it could not read does not)."""
    if policy.content is None:
        return False
    text, _ = decode_text(policy.content)
    if text is None or not text.strip():
        return True
    pvr = config.private_vulnerability_reporting
    pvr = snapshot.repo.private_vulnerability_reporting if pvr is None else pvr
    findings, _ = evaluate("security-policy", text, Location(policy.path), pvr, repo=snapshot.repo.full_name)
    return any(f.data.get("blocking") for f in findings)


def badge_target(readme_path: str, policy_path: str | None, policy_url: str) -> str:
    """Relative link from the README to the repository's policy file, or the policy page URL."""
    if policy_path is None:
        return policy_url
    return posixpath.relpath(policy_path, posixpath.dirname(readme_path) or ".")


def insert_badge(text: str, readme_path: str, target: str) -> str | None:
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    ext = posixpath.splitext(readme_path.lower())[1]
    if ext in (".md", ".markdown"):
        out = _markdown(lines, target)
    elif ext == ".rst":
        out = _rst(lines, target)
    elif ext == ".adoc":
        out = _asciidoc(lines, target)
    else:
        return None
    return newline.join(out)


def _markdown(lines: list[str], target: str) -> list[str]:
    badge = badge_markdown(target)
    title_end = _markdown_title_end(lines)
    if title_end is None:
        return [badge, "", *lines]
    after = title_end + 1
    while after < len(lines) and not lines[after].strip():
        after += 1
    if after < len(lines) and _BADGE_LINE.match(lines[after]):
        joined = lines[after].rstrip() + " " + badge
        return [*lines[:after], joined, *lines[after + 1 :]]
    return [*lines[: title_end + 1], "", badge, *_blank_then(lines[title_end + 1 :])]


def _blank_then(rest: list[str]) -> list[str]:
    return rest if rest and not rest[0].strip() else ["", *rest] if rest else [""]


def _markdown_title_end(lines: list[str]) -> int | None:
    """Index of the last line of the first heading, skipping fenced code."""
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        if _ATX.match(line):
            return i
        if _HTML_HEADING_OPEN.match(line):
            for j in range(i, min(i + 20, len(lines))):
                if _HTML_HEADING_CLOSE.search(lines[j]):
                    return j
            return i
        is_text = line.strip() and not line.lstrip().startswith(("-", "*", "|", "<", ">"))
        if is_text and i + 1 < len(lines) and _SETEXT.match(lines[i + 1]):
            return i + 1
    return None


def _rst(lines: list[str], target: str) -> list[str]:
    badge = badge_rst(target).split("\n")
    for i in range(len(lines) - 1):
        title, under = lines[i], lines[i + 1]
        is_title = title.strip() and not _RST_ADORNMENT.match(title) and _RST_ADORNMENT.match(under)
        if is_title and len(under.strip()) >= len(title.strip()):
            return [*lines[: i + 2], "", *badge, *_blank_then(lines[i + 2 :])]
    return [*badge, "", *lines]


def _asciidoc(lines: list[str], target: str) -> list[str]:
    badge = f"image:{BADGE_IMAGE}[{BADGE_LABEL},link={target}]"
    if lines and lines[0].startswith("= "):
        end = 1
        while end < len(lines) and lines[end].strip():
            end += 1  # the header: title, author, revision and attribute lines
        return [*lines[:end], "", badge, *_blank_then(lines[end:])]
    return [badge, "", *lines]
