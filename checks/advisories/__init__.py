"""Advisory matching, pure: OSV evaluation (`osv`), severity (`severity`, `cvss`) and the index.

Usage (the app builds the index from its advisory table; checks receive it in `CheckContext`):

    from checks.advisories.index import AdvisoryIndex
    index = AdvisoryIndex.from_records(osv_dicts)      # or index.add(record) / index.remove(id)
    findings = index.match(dependencies)               # list[AdvisoryFinding], aliases merged
    index.affecting("PyPI", "jinja2", "2.10")          # {advisory id: fixed versions}, unmerged
    osv.affects(record, "npm", "lodash", "4.17.20")    # one record, compiled on the fly

Policies (documented where they are implemented):
- OSV evaluation exactly per the schema; `database_specific` never changes it, so GHSA open-ended
  ranges (`introduced` with only a `last_known_affected_version_range` hint) are reported as
  affected with no fix: the hint is not a bound. A finding with no fixed versions means "no fix".
- Withdrawn records are skipped; GIT ranges are skipped while the record's other ranges and
  `versions[]` still count; unparseable ranges are skipped and counted in `AdvisoryIndex.stats`.
- Dependencies without a version (unpinned) and empty versions are never matched.
"""
