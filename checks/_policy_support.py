"""Does a security policy say which versions receive security fixes?

Two ways to say it: a sentence anywhere ("Only the latest release receives security fixes"), or the
content of a section about supported versions: a table or list of versions, "Latest only", or where to
find the list ("see the Releases page for the supported versions"). Runtime versions ("Supported Python
versions: 3.7 or above") say what the project runs on, not what it patches, and GitHub's template prose
("Use this section to tell people about which versions ...") says nothing yet.
"""

from __future__ import annotations

import re

from checks._policy_doc import EMPHASIS, URL, Block, column_cells, only_links

_RUNTIME_VERSIONS = re.compile(
    r"supported\s+(python|node(\.js)?|go|java|jdk|ruby|php|rust|browsers?|platforms?|os|kubernetes|redis|"
    r"postgres(ql)?|mysql|mariadb|mongodb|elasticsearch|kafka|docker)\s+"
    r"versions?|supported\s+versions?\s+of\s+(python|node(\.js)?|go|java|jdk|ruby|php|rust|kubernetes)\b|"
    # "Ruby versions that are currently being supported with security updates." (procore-oss/blueprinter),
    # "We support Ruby versions as below:" (nicholalexander/basket)
    r"(python|node(\.js)?|go|java|ruby|php|rust|kubernetes)\s+versions?\s+(that\s+are\s+)?(currently\s+)?"
    r"(being\s+)?supported|\bsupport\s+(python|node(\.js)?|java|ruby|php|rust|kubernetes)\s+versions?\b|"
    # "Supported Dependency Versions" over "| Ubuntu | Latest LTS | :white_check_mark: |" (GroganBurners/tine)
    r"\bsupported\s+(dependency|dependencies|toolchain|runtime|platform)\s+versions?\b",
    re.I,
)
# A version of the project's own: "version 3.3", "releases 2.x", "v4", "5.x"; not a runtime's ("Python 3.x").
_OWN_VERSION = (
    r"(?<!python\s)(?<!node\s)(?<!ruby\s)(?<!java\s)(?<!php\s)(?<!go\s)(?<!rust\s)(?<!jdk\s)"
    r"(?:(?:versions?|releases?)\s+v?\d{1,4}(?:\.(?:\d{1,4}|x))*|v\d{1,4}(?:\.(?:\d{1,4}|x))*|\d{1,4}(?:\.\d{1,4})*\.x)\b"
)
SUPPORT_STATEMENT = re.compile(
    # "Only the latest release", not "only current user or Admin can change password" (wekan/wekan)
    # "Only the greatest published version (according to semver) will be supported." (bats-core/bats-core)
    r"\b(only|just)\b[^.\n]{0,40}\b(latest|current|most\s+recent|newest|last|greatest|highest)\s+(\S+\s+){0,2}?"
    r"(releases?|versions?|majors?|minors?|branch(es)?|tags?|series)\b|"
    r"\b(latest|current|most\s+recent|newest|last(\s+\w+)?)\s+(\S{1,40}\s+){0,2}(stable\s+)?(major\s+|minor\s+)?"
    r"(release|version|tag|branch|minor|major)(\s+series)?s?\b[^.\n]{0,80}\b(supported|receives?|gets?|"
    r"security\s+(fix|update|patch))|"
    r"\b(support|security\s+(fixes|updates|patches))\b[^.\n]{0,60}\b(latest|current|most\s+recent|newest|"
    r"last\s+\w+)\s+(\w+\s+)?(release|version|tag|branch|minor|major|series)|"
    r"versions?\s+(of\s+[\w .-]{1,40}\s+)?(that\s+)?(are|is)\s+(currently\s+)?supported"
    r"\s*(with[^:\n]{0,40})?:|"
    r"\b(master|main|default)\s+branch\b[^.\n]{0,60}\bsupport|\bsupport\w*\b[^.\n]{0,60}\b(master|main)\s+branch|"
    # "Security fixes will be applied to all supported stable releases" (nginx/nginx)
    # "Security fixes are merged into active, non-EOL release branches" (envoyproxy/gateway)
    r"security\s+(updates|fixes|patches)\s+(are\s+|will\s+be\s+)?(only\s+)?(provided|released|applied|backported|"
    r"merged)\s+(for|to|into)|"
    # "Security fixes should be applied on the default branch" (Dankosik/go-service-template-rest)
    r"security\s+(updates|fixes|patches)\s+(are|will\s+be|should\s+be)\s+(only\s+)?applied\s+(on|to)\s+(the\s+)?"
    r"(\w+\s+)?(branch|release|version)|"
    # "the fixes are propagated to the stable branches" (kanisterio/kanister)
    r"\b(fixes|patches)\s+are\s+(\w+\s+)?(propagated|backported|back-ported|ported)\s+(to|into)\s+(the\s+|all\s+)?"
    r"(\w+\s+)?(branches|releases|versions)\b|"
    # the releases reports are taken for: "Please report only those vulnerabilities that are present in the
    # [latest stable release](...)" (SK-CERT/Taranis-NG)
    # "Only report vulnerabilities that are present in the latest release." (risc0/risc0)
    r"\b(report\s+only|only\s+report)\s+(those\s+|the\s+)?vulnerabilit(y|ies)\s+(that\s+are\s+|which\s+are\s+)?(present|found)\s+in\s+"
    r"(the\s+)?(latest|current|most\s+recent)\b|"
    # where fixes land: "we merge the fixes to the master branch (and/or a release branch if necessary)"
    # (nghttp2/nghttp2), "fixes are made against `main` and the current deployment" (brawer/osmviews)
    r"\b(merge|land|apply|commit|push)\w*\s+(the\s+|all\s+)?(security\s+)?(fix(es)?|patch(es)?)\s+(in)?to\s+(the\s+)?"
    r"(master|main|default|stable|release)\s+branch|"
    r"\b(fix(es)?|patch(es)?)\s+(are|will\s+be|get)\s+(made|applied|developed|landed|released)\s+(against|on|to|into)\s+"
    r"[`'\"*]{0,2}(main|master|the\s+(main|master|default)\s+branch)\b|"
    # "progress towards a fix for the issue, and subsequent release to the stable and development code
    # branches" (inventree/InvenTree): the branches a fix is released to
    r"\b(fix|patch)\w*\b[^.\n]{0,60}?\brelease[sd]?\s+(in)?to\s+(the\s+|our\s+)?(\w+\s+){1,4}?branches\b|"
    # "| Fix backports | as feasible to released versions |" (Strykar/pam_authnft)
    r"\bbackports?\b[^.\n]{0,40}?\b(to|for)\s+(the\s+)?(released|supported|older|previous|stable)\s+"
    r"(versions|releases|branches)\b|"
    # the team's own maintained lines: "backporting fixes to our LTM releases" (nautobot/nautobot), not a
    # packager's "back-porting patches to older versions" (sinatra/sinatra)
    r"\bback-?port(s|ing|ed)?\s+(\w+\s+){0,2}?(to|into)\s+(the\s+|our\s+)?(lts|ltm|long[\s-]term(\s+support)?|"
    r"maintenance|maintained|stable)\s+"
    r"(versions|releases|branches)\b|"
    r"no\s+(supportability|support)\s+commitment|\bsupported\s+(releases|versions)\s*:|"
    # "we don't have a formal support policy for sites using the codebase" (lobsters/lobsters): none
    r"\b(do\s+not|don['\u2019]?t|does\s+not|doesn['\u2019]?t)\s+have\s+(a\s+|any\s+)?(formal\s+)?support\s+"
    r"(policy|commitment)\b|"
    # Chinese: a row or sentence that the latest release "provides security fixes" (talebook/moke)
    r"(最新|当前)[^|\n]{0,20}\|?\s*(提供|接收|获得)安全(修复|更新)|"
    # "Fixes are prepared for the two most recent major releases and the head/master revision" (fasthttp)
    r"\b(fixes|patches|security\s+updates)\s+(are\s+|will\s+be\s+)?(\w+\s+){0,2}?(for|to)\s+(the\s+)?"
    r"((two|three|four|\d)\s+)?(most\s+recent|latest|last|current)\s+(\w+\s+)?(releases?|versions?|branches)\b|"
    # "fix related issues within our power on the most recent major release" (facelessuser/soupsieve)
    r"\bfix\w*\b[^.\n]{0,60}\b(on|in|for|to)\s+the\s+(most\s+recent|latest|current|newest|last)\s+"
    r"(major\s+|minor\s+|stable\s+)?(release|version)s?\b|"
    # a window: "we will backport critical bugfixes and security fixes for versions dating back 18 months"
    # (graphql-java/graphql-java)
    r"\b(versions?|releases?)\s+(\w+\s+)?(dating\s+back|from\s+the\s+(last|past)|(in|within)\s+the\s+(last|past))"
    r"\s+(\d{1,3}|\w+)\s+(months?|years?)\b|"
    # "we will prepare a bugfix release based on the last release" (droe/sslsplit)
    r"\b(bug\s?fix|security|patch)\s+releases?\s+(based\s+on|for|of)\s+(the\s+)?(last|latest|current)\s+release|"
    # "Only released versions, starting from version 0.5, are covered by this policy." (libjxl/libjxl)
    r"\b(versions?|releases?)\b([^.\n]|\.(?=\d)){0,60}?\b(are|is)\s+covered\s+by\s+(this|the|our)\s+(security\s+)?policy\b|"
    # where fixes land: "Vulnerability must be fixed in main and any other supported branch" (antrea),
    # "will be silently fixed in `master` and backported to the previous release" (RIOT-OS/RIOT)
    r"\b(must|will|shall|should)\s+be\s+(\w+\s+)?(fixed|patched)\s+(in|on)\s+(the\s+)?`?(main|master|default)`?\s+"
    r"(branch\s+)?(and|as\s+well\s+as)\s+((any|all)\s+(other\s+)?(supported|maintained|stable)\s+"
    r"(branch|release|version)|back-?ported\s+to)|"
    # testing asked on the newest release: "Please use the most recently released version to perform testing
    # and to validate security issues" (ava-labs/avalanchego)
    r"\buse\s+the\s+(most\s+recent(ly\s+released)?|latest|newest|current)\s+(\w+\s+)?(version|release)\s+to\s+"
    r"(perform\s+(\w+\s+)?testing|test|validate|verify|reproduce)\b|"
    # "Currently we don't have the resources to support older versions" (wger-project/wger)
    r"\b(do\s+not|don['\u2019]?t|cannot|can['\u2019]?t)\s+(have\s+the\s+(resources|capacity|time)\s+to\s+)?support\s+"
    r"(the\s+)?(older|previous|old|earlier)\s+(versions|releases)\b|"
    # "Fixes are prepared for all supported releases" (nodejs/node)
    r"\b(fixes|patches|security\s+(updates|releases))\s+(are|will\s+be)\s+(prepared|made|released|provided|issued|"
    r"backported)\s+for\s+(all|every|each)\s+(supported|active|maintained)\s+(releases?|versions?|release\s+lines?|"
    r"branches)\b|"
    # "Fixes are prepared for all releases which are still under maintenance" (embassy-rs/embassy)
    r"\b(fixes|patches)\s+(are|will\s+be)\s+(prepared|made|released|provided)\s+for\s+all\s+(releases|versions|branches)"
    r"\s+(which|that)\s+are\s+(still\s+)?(under\s+maintenance|maintained|supported)\b|"
    # "Fixes for security vulnerabilities are proactively applied to any applicable branch/release series"
    # (libjpeg-turbo/libjpeg-turbo)
    r"\bfixes\s+for\s+security\s+(vulnerabilit\w+|issues|bugs)\s+are\s+(\w+\s+)?(applied|backported|provided|made)\s+"
    r"(to|for)\s+(any|all|every|each)\b|"
    # where the list is kept: "[Our security policy] documents ... which versions receive fixes" (micropython)
    r"\b(documents|describes|lists|explains)\b[^.\n]{0,80}\bwhich\s+(versions|releases)\s+(are\s+supported|receive|get)\b|"
    # "We currently accept reports for vulnerabilities on all published versions" (Netflix/metaflow)
    r"\b(on|in|for|against|affecting)\s+(all|every)\s+(published|released)\s+(versions?|releases?)\b|"
    # "Any released version of go-wire that is not marked as deprecated is actively supported", not a
    # relative clause that names none: "Back-ports of the fix are made to any old releases that are actively
    # supported" (saltstack/salt)
    r"\bany\s+(\w+\s+)?(versions?|releases?)\b"
    # said of the versions, not of other things: "any current release or tag information maintained by the
    # repo" (veraison/.github)
    r"(?![^.\n]{0,80}?\bthat\s+(are|is)\s+(\w+\s+)?(supported|maintained)\b)[^.\n]{0,80}\b(is|are)\s+(\w+\s+){0,2}?"
    r"(supported|maintained)\b|"
    # "release security patches for both the 1.x and 2.x branches" (uswds/uswds)
    r"security\s+(patches|fixes|updates)\s+(for|to)\s+(both\s+)?(the\s+)?v?\d{1,4}\.(\d{1,4}|x)\b|"
    # no support at all: "This mod is not supported by myself or any other person" (CaptainLugaru/munchcraft)
    r"\b(this|the)\s+(mod|project|library|package|software|code|repository|tool|app|plugin|module)\s+is\s+"
    r"(not|no\s+longer)\s+(supported|maintained)\b|"
    # fixes only in the coming release: "Once merged into main, security updates will be available in the
    # next edge release" (linkerd/linkerd2)
    r"\bsecurity\s+(updates|fixes|patches)\s+will\s+be\s+(available|released|shipped|published|included)\s+in\s+"
    r"the\s+next\s+(\w+\s+)?release\b|"
    # "Security issues are addressed by releasing an updated OS image" (flatcar/Flatcar)
    # no fixes for earlier releases, so only the newest gets them: "Oqtane does not issue Hot Fix releases to
    # prior versions of the software" (oqtane/oqtane.framework)
    r"\b(do|does|will)\s+not\s+(issue|provide|publish|release|ship|make)\s+(\w+\s+){0,2}?(fix(es)?|patch(es)?|"
    r"releases|updates)\s+(to|for)\s+(prior|previous|older|earlier|old)\s+(versions?|releases?)\b|"
    # "We will patch the current release branch, as well as the immediate prior minor release branch"
    # (datakind/Data-Observation-Toolkit)
    r"\bwe\s+(will\s+)?(only\s+)?(patch|fix|support|maintain)\s+(only\s+)?(the\s+)?(current|latest|most\s+recent|"
    r"newest)\s+(\w+\s+){0,2}?(release|version|branch|minor|major)s?\b|"
    # "Security updates are provided by releasing a new version." (ibis-project/ibis)
    r"\bsecurity\s+(issues|vulnerabilities|fixes|updates|patches)\s+are\s+(addressed|fixed|resolved|shipped|provided|"
    r"delivered|made\s+available)\s+by\s+releasing\s+"
    r"(an?\s+)?(updated|new)\s+(\w+\s+){0,2}?(release|version|image)\b|"
    # "security updates for the version of Flutter currently on the `stable` branch" (flutter/flutter)
    r"\bsecurity\s+(updates|fixes|patches)\s+for\s+the\s+(version|release)\s+(of\s+\S+\s+)?currently\s+on\s+the\s+"
    r"\S+\s+branch\b|"
    # "will release gem security patches all minor versions `Y` of the most recently released two major
    # versions `X`" (activedocument/activedocument)
    r"\b(security\s+)?(patches|fixes|updates)\b[^.\n]{0,60}?\bmost\s+recent(ly\s+released)?\s+(two|three|four|\d)\s+"
    r"((major|minor|feature)\s+)?(versions|releases)\b|"
    # "that deployment is the only supported version" (fbuireu/forever-pto)
    r"\b(is|are)\s+the\s+only\s+supported\s+(version|release|deployment)\b|"
    # "Fixes go into the current release." (tidev/titanium-sdk)
    # "Fixes are prepared for the next major and minor releases." (succinctlabs/sp1)
    # "Security fixes are addressed in the next upcoming release" (eclipse-theia/theia)
    r"\b(security\s+)?(fixes|patches)\s+(go|land|are\s+(made|merged|prepared|released|shipped|addressed|included|"
    r"delivered))\s+(in|into|on|to|for)\s+"
    r"(the\s+)?(current|latest|newest|most\s+recent|next)\s+(\w+\s+){0,3}?(release|version|branch)|"
    # "security fixes land on `main` and ship in the next release" (archledger/irlume)
    r"\b(security\s+)?(fixes|patches)\s+(go|land|are\s+(made|merged|applied))\s+(in|into|on|to)\s+(the\s+)?[`'\"]?"
    r"(main|master|trunk)\b|"
    # "Once a fix is ready, we will include the fix in our next release" (DefectDojo/django-DefectDojo)
    r"\b(include|ship|release|publish)\s+(the|a)\s+fix\s+in\s+(our|the)\s+next\s+(\w+\s+)?release\b|"
    # how fixes reach users: "Security fixes are delivered as reviewed source updates" (0xA2C3B1F4/Salpa)
    r"\bsecurity\s+(fixes|patches|updates)\s+are\s+(only\s+)?(delivered|shipped)\s+(as|in|through|via)\b|"
    # what a report must concern: "Affects the most recent stable release of NetBox, or a current beta
    # release" (netbox-community/netbox), "Security issues in any current release of Vaultwarden"
    # "We accept vulnerability submissions for the [currently maintained release](...)" (DataDog/dd-trace-php)
    # "This policy applies to the latest stable release of Almandine" (nightconcept/almandine)
    # "Only report vulnerabilities in official release versions (branch `release/0.19`)" (LemmyNet/lemmy)
    # "verify that the bug exists in the latest stable patch release" (Cisco-Talos/clamav), "For vulnerability
    # on latest images please file an issue" (amir20/dozzle)
    r"\b(affects?|applies\s+to|issues?\s+in|(reports?|submissions?)\s+(against|for)|relevant\s+to|exists\s+in|"
    r"vulnerabilit(y|ies)\s+(on|in)|"
    r"only\s+report\s+(\w+\s+)?(vulnerabilit\w+|issues|bugs)\s+(in|for|against|affecting))\s+(any\s+|the\s+)?\[?(current|"
    r"currently\s+(maintained|supported)|latest|most\s+recent|official)\s+(stable\s+)?(\w+\s+)?(release|version|image)s?\b|"
    # a condition a report must meet, in a list of them: "Threats against SpiceDB are only valid if ...:" /
    # "- SpiceDB is the latest version of the software" (authzed/spicedb)
    r"(?m:^\W{0,3}[\w.-]{1,60}\s+is\s+(running\s+)?the\s+(latest|current|newest|most\s+recent)\s+(stable\s+)?"
    r"(version|release)\s+of\b)|"
    # fixes ship only in the ordinary releases: "There are no security specific releases of kitty. Security
    # bugs are fixed and released just like all other bugs." (kovidgoyal/kitty, judged so in three splits)
    r"\bsecurity\s+(bugs|issues|fixes|vulnerabilities)\s+are\s+(fixed\s+and\s+)?released\s+(just\s+)?(like|as)\s+"
    r"(all\s+)?(other|regular|normal)\s+(bugs|fixes|changes)\b|"
    # the CNCF release process: "create a new release on top of the current last version released"
    # (coredns/coredns, rook/rook)
    r"\brelease\s+on\s+top\s+of\s+the\s+(current\s+)?(last|latest)\s+(version|release)|"
    # only the newest code is fixed: "Older pinned versions of the package remain installable but will not
    # receive back-ported security fixes" (klodr/gmail-mcp)
    r"\bolder\s+(\w+\s+){0,2}?(versions?|releases?)\b[^.\n]{0,60}\b(will\s+not|won['\u2019]?t|do\s+not|don['\u2019]?t|"
    r"no\s+longer)\s+(receive|get)\s+([\w-]+\s+)?(security\s+)?(fixes|patches|updates)\b|"
    # only the newest code is fixed: "We do not backport security fixes to old releases" (radareorg/radare2)
    r"\b(do\s+not|don['\u2019]t|never|not)\s+backport\w*\s+(any\s+)?(security\s+)?(fixes|patches)\b|"
    # "No security updates or patches will be provided for outdated releases." (Xerolux/violet-hass)
    r"\bno\s+(security\s+)?(updates|fixes|patches)(\s+or\s+(updates|fixes|patches))?\s+(will\s+be|are)\s+(provided|released|"
    r"made|issued)\s+for\s+(outdated|older|old|previous|unsupported)\s+(releases|versions)\b|"
    # what gets none: "The legacy Letta V1 server ... is unsupported and receives no security updates"
    # (letta-ai/letta)
    r"\b(receives?|gets?)\s+no\s+(more\s+|further\s+)?security\s+(updates|fixes|patches)\b|"
    # "Security fixes are not back-ported." (jhy/jsoup)
    r"\b(fixes|patches)\s+are\s+(not|never)\s+back-?ported\b|"
    # versions named as left without fixes: "Older versions are not patched", "Versions prior to 3.0 do not
    # receive security fixes", "Version 1.x is end-of-life"
    r"\b(?:(older|previous|prior|earlier|outdated|legacy)\s+(\w+\s+)?(versions?|releases?|branches)|(versions?|releases?)"
    r"\s+(before|older\s+than|prior\s+to|below|earlier\s+than|lower\s+than)\s+v?\d{1,4}(\.(\d{1,4}|x))*"
    r"(\s+(months?|years?)(\s+old)?)?)\s+(?:(are|is|will\s+be|have\s+been|has\s+been)\s+(now\s+)?(?:(not|no\s+longer)\s+"
    r"(\w+\s+)?(supported|maintained|patched|fixed|updated)|end[\s-]of[\s-]life|eol|unsupported|unmaintained)|"
    r"(do\s+not|don['\u2019]?t|will\s+not|won['\u2019]?t|no\s+longer)\s+(receive|get)\s+([\w-]+\s+)?(security\s+)?"
    r"(fixes|patches|updates|support)|(receive|get)\s+no\s+(\w+\s+)?(fixes|patches|updates|support))\b|"
    r"\bv?\d{1,4}(\.(\d{1,4}|x))+(\s+and\s+(older|earlier|below|lower))?\s+(are|is)\s+(now\s+)?(no\s+longer\s+"
    r"(supported|maintained)|not\s+supported|end[\s-]of[\s-]life|eol|unsupported|unmaintained)\b|"
    r"\b(older|previous|prior|earlier)\s+(\w+\s+)?(versions?|releases?)\s+may\s+not\s+(receive|get)\s+(\w+\s+)?(fixes|patches|"
    r"updates)\b|"
    r"\b(the\s+)?" + _OWN_VERSION + r"\s+(line|series|branch|releases?)\s+(is|are)\s+(now\s+)?"
    r"(no\s+longer|not)\s+(supported|maintained|patched)\b|"
    r"\bno\s+longer\s+(patching|supporting|maintaining|fixing)\s+(versions|releases|the\s+"
    + _OWN_VERSION
    + r")\b|"
    # versions named as supported: "Version 3.3 or newer is currently supported." (ruby-grape/grape), "We
    # currently support v4.x and v5.x", "Support is provided for 2.x only"
    # "4.x versions are supported with critical and security bug fixes." (zeromq/libzmq)
    r"\b"
    + _OWN_VERSION
    + r"(\s+(versions?|releases?|series|line|branch(es)?))?(\s+(or|and)\s+(newer|later|above|higher|up))?"
    r"\s+(is|are)\s+"
    r"(currently\s+|still\s+|actively\s+|only\s+)?(supported|maintained)\b|"
    r"\bwe\s+(currently\s+|only\s+|still\s+|actively\s+)?(support|maintain|patch)\s+(only\s+)?(the\s+)?"
    + _OWN_VERSION
    + r"|\b(support|security\s+(fixes|updates|patches))\s+(is|are)\s+(only\s+)?"
    r"(provided|available|offered|given)\s+(for|to)\s+(the\s+)?" + _OWN_VERSION + r"|"
    # "The Harbor project maintains release branches for the three most recent minor releases." (goharbor)
    r"\bmaintain\w*\s+(\w+\s+){0,3}?(for\s+)?the\s+(two|three|four|five|\d)\s+(most\s+recent|latest|newest)\s+(\w+\s+)?"
    r"(releases|versions|branches)\b|"
    # a support window by age: "each version of ART is supported for only 1 year after the release", "the fix
    # is also prepared for the branches corresponding to all releases of ART at most one year old"
    # (Trusted-AI/adversarial-robustness-toolbox)
    r"\b(each|every|a)\s+(major\s+|minor\s+)?(version|release)\s+(of\s+[\w .-]{1,40}\s+)?(is|will\s+be)\s+"
    r"(supported|maintained)\s+for\s+(only\s+)?(\d{1,2}|one|two|three|six|twelve|eighteen)\s+(months?|years?)\b|"
    r"\breleases?\b[^.\n]{0,40}?\bat\s+most\s+(\d{1,2}|one|two|three|six|twelve|eighteen)\s+(months?|years?)\s+old\b|"
    # what a report is tested against: "Reproducible PoC against latest `main` or latest released version."
    # (openclaw/openclaw), as a report's scope names the versions supported
    r"\b(poc|proof[\s-]of[\s-]concept|reproduc\w+|tested)\b[^.\n]{0,30}?\bagainst\s+(the\s+)?(latest|current|newest|"
    r"most\s+recent)\s+[`'\"]?(main|master|release|released\s+version|version|stable)\b|"
    # "Security fixes target the latest `master` branch." (hayat01sh1da/web-scrapers)
    r"\b(fixes|patches)\s+target\s+(only\s+)?(the\s+)?(latest|current|newest|most\s+recent|main|master|default)\b|"
    # Japanese: "修正版はこのリポジトリで公開します" (fixes are published in this repository;
    # KeishiS/oidc-browser-login)
    r"修正(版|パッチ)?は[^。\n]{0,20}(公開|リリース|提供)します",
    re.I,
)
# A heading about which versions are supported ("Supported Versions", "Versions", "Support policy").
SUPPORT_HEADING = re.compile(
    # also Portuguese, Spanish and German ("Versões suportadas", "Versiones soportadas", "Unterstützte")
    # "Maintained branches" (Mbed-TLS/mbedtls)
    r"\bsupport|\bversions?\b|\breleases?\b|\blifecycle|\bend[- ]of[- ]life|"
    r"\b(maintained|supported|active|stable|release)\s+branch(es)?\b|\bbranch(es)?\s+(maintained|supported)\b|"
    r"\bsuport|\bsoport|\bvers(ão|ões|ion|iones)\b|\bunterst[üu]tz|"
    # Dutch, Italian, Turkish, Indonesian ("Ondersteunde versies", "Versioni supportate", "Desteklenen
    # Sürümler", "Versi yang didukung")
    r"\bondersteun|\bversies\b|\bversioni\b|\bsupportat|\bdesteklen|\bs[üu]r[üu]m|\bdidukung|\bversi\b|"
    # Chinese, Japanese and Korean ("支持的版本", "サポートされているバージョン", "지원 버전")
    r"支持|版本|サポート|バージョン|지원|버전|"
    # Russian: "Поддерживаемые версии" (raycat-app/raycat)
    r"\b\u043f\u043e\u0434\u0434\u0435\u0440\u0436|\b\u0432\u0435\u0440\u0441\u0438|"
    # Polish, Ukrainian and Vietnamese ("Wspierane wersje", "Підтримувані версії", "Phiên bản được hỗ trợ")
    r"\bwspier|\bwersj|\b\u043f\u0456\u0434\u0442\u0440\u0438\u043c|\b\u0432\u0435\u0440\u0441\u0456|phi\u00ean\s+b\u1ea3n|"
    r"h\u1ed7\s+tr\u1ee3",
    re.I,
)
# "Release Management" / "Release process" describe how fixes ship, not which versions get them (sidekiq)
# "Release verification" says how to check a release's signature (janfuhrer/podsalsa)
# a key's lifecycle ("Signing key lifecycle", 0Bu/daikin-altherma-esp32) is not a release's
_NOT_SUPPORT_HEADING = re.compile(
    # the files a release ships ("Per-release artifacts", foundry-rs/foundry) are no list of versions
    r"report|respon|disclos|contact|bounty|scope|communicat|\bkeys?\b|verif|artifact|checksum|signature|"
    r"attestation|provenance|\bsbom|"
    # a step of the process: "Publish and release" (pixie-io/pixie)
    r"\bpublish(ing)?\b|"
    r"release\s+(management|process|notes|procedure)|"
    # an object's edit log ("Version History and Change Metadata", apache/superset)
    r"\bhistory\b|\bchange\s?log|"
    # help for users, not versions supported: "Additional Support" / "For additional support, email us at
    # cfs-program@lists.nasa.gov" (nasa/cFS)
    r"\b(additional|getting|get|community|commercial|professional|technical|further)\s+support\b|"
    r"\bsupport\s+(channels?|options|resources|and\s+help)\b|\bhelp\s+(and|&)\s+support\b|"
    # tiers of the code, not versions: "Support Status of affected code" (OISF/suricata)
    r"\bsupport\s+(status|tiers?|levels?)\s+of\s+(the\s+)?(affected\s+)?(code|features?|components?|modules?)\b",
    re.I,
)
_VERSIONISH = re.compile(
    # npm ranges too: "`cacheable-request` | ^12" (jaredwray/cacheable)
    r"\b\d{1,4}\.(\d{1,4}|x)\b|\bv\d{1,4}\b|(?<![\w^~])[\^~]\d{1,4}\b|[✅❌✔✗]|:x:|:white_check_mark:|"
    r"\b(latest|current|newest|most\s+recent|upstream|lts|head|none)\b|\bonly\b|"
    # a branch, not "see the main README.md" (williajm/mcp_docker)
    # nor "the main feature missing is IPC ABIs" (Bareflank/hypervisor)
    r"\b(main|master)\b(?!\s+(readme|page|docs?|documentation|site|website|menu|file|section|features?|goals?|"
    r"reasons?|problems?|issues?|purpose|idea|points?|parts?|difference|focus|concerns?|risks?)\b|"
    r"\s+[\w-]+\.(md|rst|txt)\b)|"
    # "Solo la última versión mayor recibe parches de seguridad" (ferchd/nexa), Portuguese, German, French
    # German "Aktuelle Version", "Letzte Hauptversion" (BitcircuitEU/aBinder)
    r"\b(s[óo]lo|apenas|somente|nur|seulement)\b|\b[úu]ltim[ao]s?\b|\bneueste|\bderni[èe]re\b|"
    r"\baktuelle[nrs]?\b|\bletzte[nrs]?\b|"
    # Italian: "il sito è mantenuto in un'unica versione attiva" (coro-delle-dieci/coro2), "versione attuale"
    r"\bunic[ao]\b|\battual[ei]\b|"
    # Chinese, Japanese, Korean: "我们只维护 **最新版本**" (we only maintain the latest version;
    # sleepy-project/sleepy), "최신 버전만을 지원합니다" (1392-github/NewTheSeed)
    r"最新|최신|当前|現行|"
    # Russian: "для последней стабильной версии" (for the latest stable version; raycat-app/raycat)
    r"\b\u043f\u043e\u0441\u043b\u0435\u0434\u043d|\b\u0442\u0435\u043a\u0443\u0449|"
    # the latest, or only, in Dutch, Indonesian, Turkish, Polish, Ukrainian and Vietnamese: "Alleen de
    # nieuwste versie", "Hanya versi terbaru", "Yalnizca en son sürüm", "tylko najnowsza wersja", "лише
    # остання версія", "Chỉ phiên bản mới nhất"
    r"\b(nieuwste|laatste|alleen|terbaru|terakhir|hanya|g[üu]ncel|yaln[\u0131i]zca|tylko)\b|\ben\s+son\b|\bnajnowsz|"
    r"\bostatni|\b\u043e\u0441\u0442\u0430\u043d\u043d|\b\u043b\u0438\u0448\u0435\b|\b\u043f\u043e\u0442\u043e\u0447\u043d|"
    r"m\u1edbi\s+nh\u1ea5t|\bch\u1ec9\b|"
    # "there are no versions where explicite security support is being given" (aendeavor/i3buntu): none
    # not a page's listing: "[Releases](...) contains all available releases" (prysmaticlabs/prysm)
    r"(?<!\bcontains\s)(?<!\blists\s)(?<!\bshows\s)\b(all|every|no)\s+(\w+\s+)?(versions?|releases?)\b|"
    # the same in other languages: "tidak memiliki versi yang perlu didukung" (has no versions to support;
    # divotahta/divotahta), "keine Versionen", "aucune version", "nenhuma versão", "ninguna versión"
    r"\b(tidak|tak|keine?|aucune?|nenhuma?|ninguna|ningún|geen|nessuna?)\b[^.\n]{0,40}?"
    r"\b(versi|versionen|versions?|versão|versões|versi[óo]n|versiones|versies?|versioni)\b|"
    # a table row for every version: "| Any/others | Yes |" (mhooreman/clalogger)
    r"\|\s{0,5}any\b|"
    # "older affected versions may receive a new patch upon request" (Thalhammer/jwt-cpp)
    # not a hedge: "Older versions may not have all enhancements and/or bug fixes applied to them" (nginx/njs)
    r"\bolder\s+(affected\s+)?(versions?|releases?)\s+(may|will|can|do|does)\b(?!\s+not\s+have\b)|"
    # "should be reported regardless of version" (petermcd/PIP-Security-Worker): every version counts
    r"\bregardless\s+of\s+(the\s+)?(\w+\s+)?versions?\b|"
    # none needed: "does not include software or executable code and is therefore not subject to
    # version-specific security risks" (Jekwwer/common-docs)
    r"\bnot\s+subject\s+to\s+version[\s-]specific\b|"
    # "After each new major release, the previous release will be supported for no less than 2 years"
    # (vlucas/phpdotenv)
    r"\b(previous|prior|last)\s+(\w+\s+)?(release|version|major)s?\b[^.\n]{0,40}\bsupported\b",
    re.I,
)
# Where the list lives: "see", "refer to", "is available in the documentation", "details of our
# supported versions [click here]" -- a link (not an anchor in this file) about versions or support.
# "Please find more information in `our docs <Ansible release and maintenance_>`_" (ansible/pylibssh).
_POINTER = re.compile(
    # "applies security fixes according to the table in [the devguide](...)" (python/cpython), "can be found
    # [here](...)" (gravitational/teleport)
    # "Which release lines receive security fixes, and until when, is maintained in [docs/RELEASE-SUPPORT.md]
    # (...)" (lf-edge/eve)
    r"\b(see|refer|available|listed|details|documented|described|consult|check|find|found|according\s+to|"
    r"(is|are)\s+(maintained|kept|outlined|recorded|tracked|published)\s+(in|on|at))\b",
    re.I,
)
# "release" as the team's action is no list of releases: "Unless we release critical security updates"
# beside "check the changelog in our [download page](...)" (sscarduzio/elasticsearch-readonlyrest-plugin)
_ABOUT_VERSIONS = re.compile(r"\bversion|(?<!\bwe\s)\brelease|\bsupport", re.I)
# or the address names the project's branches: "https://devguide.python.org/#status-of-python-branches"
# (python/cpython); not "SUPPORTED_REDIS_VERSIONS.md", the server versions a client runs with
# (redis/node-redis)
_VERSIONS_ADDRESS = re.compile(r"https?://[^\s)>\]]{0,300}branch", re.I)
# A document about support named without a link: "please refer to the Releases page on this project's GitHub
# and/or project related documentation on release cadence and support" (bitnami-labs/sealed-secrets).
_SUPPORT_DOCUMENT = re.compile(
    r"\b(documentation|docs|page|policy|guide)\s+(on|about|for|of|describing)\s+([\w-]+\s+){0,4}?(support|"
    r"maintenance|lifecycle|end[\s-]of[\s-]life)\b|"
    # a file of the repository named in words: "Security fixes target the supported release line documented in
    # `SUPPORT.md`." (alexrudall/ruby-openai)
    r"\b(documented|described|listed|defined|outlined|maintained|explained)\s+in\s+[`'\"]?([\w.-]{1,40}/){0,3}"
    r"[\w.-]{1,60}\.(md|markdown|rst|adoc|txt)\b",
    re.I,
)
_LINK = re.compile(r"https?://|\]\((?!#)|\]\[|<(?!#)[^>\n]{1,300}>`_|\blink:|xref:", re.I)
# GitHub's "Start setup" instructions to the policy's author, in English or translated: "Use this section to
# tell people about which versions ...", "Tell them where to go, how often they can expect to get an update";
# Korean "프로젝트의 어떤 버전이 현재 보안 업데이트를 지원하는지 알려주세요" and "취약점을 보고하는 방법을
# 안내해주세요" (letsescape/shop-clone-n8n). A request to reporters ("사용 중인 버전을 알려주세요", tell us
# your version) is no such instruction: the author is asked which versions are supported or how to report.
GITHUB_TEMPLATE_PROSE = re.compile(
    r"use\s+this\s+section\s+to\s+tell\s+people|tell\s+them\s+where\s+to\s+go,\s+how\s+often|"
    # "Utilice esta sección para ...", "Use esta seção para", "Utilisez cette section pour", "Verwenden Sie
    # diesen Abschnitt, um", "Utilizza questa sezione per"
    r"\b(utilice|utiliza|usa|use|utilize|utilisez|verwenden\s+sie|verwende|nutze|utilizza)\s+(esta|este|cette|"
    r"diesen|questa)\s+(secci[óo]n|se[çc][ãa]o|section|abschnitt|sezione),?\s+(para|pour|um|per)\b|"
    # "使用此部分告诉人们", "このセクションを使用して"
    r"(使用|用)(此|本|这个|該|此一)(部分|节|章节|節)来?(告诉|告知|说明|告訴)|このセクションを(使用|使っ)て|"
    r"이\s*섹션을\s*사용하여|어떤\s*버전[^.\n]{0,40}지원[^.\n]{0,20}(알려|안내해|작성해)\s*주세요|"
    r"보고하는\s*방법을\s*(알려|안내해|작성해)\s*주세요",
    re.I,
)
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\([^)\n]{0,2000}\)")


# A table introduced as another product's versions: "The Merger plugin is tested with the following Kustomize
# versions" (aabouzaid/kustomize-plugin-merger); the product's name is capitalised.
_OTHER_PRODUCTS_TABLE = re.compile(
    r"\b(?i:tested|compatible|works?|runs?|built)\s+(?i:with|against|on)\s+(?i:the\s+following\s+)?[A-Z][\w.-]{1,40}\s+"
    r"(?i:versions?)\b"
)
# A heading naming another product's versions ("Spring Boot Version", KouShenhai/KCloud-Platform-IoT).
_OTHER_PRODUCT_HEADING = re.compile(
    r"^\W{0,3}(spring(\s+boot)?|python|node(\.js)?|java|jdk|go|golang|ruby|php|rust|kubernetes|django|rails)"
    r"\s+versions?\W{0,3}$",
    re.I,
)
# A recommendation to upgrade says nothing of which versions get fixes: "Always update to the latest
# version of this Action to keep up with security patches" (pypa/gh-action-pypi-publish).
_RECOMMENDATION = re.compile(
    # a bare imperative: "Use the latest version." (as "Use latest version on [...]", DogukanUrker/flaskBlog)
    r"^\W{0,3}(use|update|upgrade|run|stay\s+on|keep\s+to)\s+(to\s+|on\s+)?(the\s+)?(latest|newest|most\s+recent)\b|"
    # ... also after a purpose: "To ensure the best experience and security, upgrade to the latest version"
    # (processone/ejabberd)
    # "For the most recent updates, use our latest Docker image" (qodo-ai/pr-agent)
    r"^\W{0,3}(to|for)\s+[^,.\n]{1,80},\s*(use|update|upgrade|run|stay\s+on)\s+(to\s+|on\s+)?(the\s+|our\s+)?"
    r"(latest|newest|most\s+recent)\b|"
    # "You can set the variable manually or use the latest version with the following command"
    # (janfuhrer/podsalsa)
    r"\b(always|please|recommend\w*|encourag\w*|advis\w*|should|make\s+sure|you\s+can)\b[^.\n]{0,40}?"
    # "we recommend upgrading to the latest version" (Jekwwer/common-docs)
    # not a statement: "[forever-pto.com](...) always runs the latest `main`" (fbuireu/forever-pto)
    r"\b(update|upgrade|updating|upgrading|use|using|run|keep|stay)(?!s\b)\w*\b[^.\n]{0,20}?\b(to\s+|on\s+)?(the\s+)?"
    r"(latest|newest|most\s+recent)\b|"
    # an imperative with no modal: "Keep all used dependencies and frameworks (Spring Boot, ...) updated to
    # the latest versions" (Igornalves/Check-in-App-for-Jiu-Jitsu-Academies)
    r"\b(keep|stay)\b([^.\n]|\.(?!\s)){0,100}?\b(updated|up[\s-]to[\s-]date|current)\s+(to|on|with)\s+(the\s+)?"
    r"(latest|newest|most\s+recent)\b|"
    # the dependencies' versions: "Regularly update Ansible and other dependencies to their latest versions to
    # ensure you have the latest security patches" (asyrafnorafandi/ansible-role-template)
    r"\b(update|upgrade|keep)\w*\b[^.\n]{0,60}?\bdependenc(y|ies)\b[^.\n]{0,40}?\b(latest|newest)\b",
    re.I,
)
# Support by reference, a link labelled as the list: "Note that we only accept reports against [supported
# versions](https://spring.io/projects/spring-boot#support)" (spring-projects/spring-boot).
# Or a link described as holding it: "**[../SECURITY.md](../SECURITY.md)** — supported line, how to report a
# vulnerability privately, ..." (0marm0/COORD-Harness).
_SUPPORT_LINK = re.compile(
    # "a recent version in one of the [supported release series](https://www.rabbitmq.com/versions.html)"
    r"\[supported\s+(versions?|releases?|release\s+(series|lines?)|branches)\]\((?!#)|"
    # "Ensure they impact a supported version of [vCluster](https://www.vcluster.com/docs/.../supported_versions)"
    # (loft-sh/vcluster)
    r"\bsupported\s+(versions?|releases?)\s+of\s+\[[^\]\n]{1,60}\]\((?!#)|"
    # named among what a link holds: "For full details on our security policy, supported versions, and
    # disclosure practices, see **[specs/security.md](specs/security.md)**" (teamgram/teamgram-server)
    # "For information about the currently supported versions of the Grails framework, please see our [Support
    # Schedule](https://grails.org/support-schedule.html)" (grails/grails-core)
    r"\bsupported\s+versions\b[^.\n]{0,80}?,?\s+(please\s+)?(see|refer\s+to|consult)\s+((our|the)\s+)?[*_]{0,2}"
    r"\[[^\]\n]{1,200}\]\((?!#)|"
    # "The security policy and supported versions are outlined on the Pulsar website here: https://..."
    # (apache/pulsar)
    r"\bsupported\s+(versions?|releases?)\s+(are|is)\s+(outlined|listed|documented|described|defined|kept|maintained|"
    r"published)\s+(on|at|in)\b[^.\n]{0,60}?(https?://|\[[^\]\n]{1,200}\]\((?!#))|"
    r"\]\((?!#)[^)\s]{1,300}\)[*_]{0,3}\s{0,3}[\u2014\u2013:-]\s{0,3}(the\s+)?supported\s+(line|versions?|releases?)\b|"
    # a labelled link: "- **Supported versions and fix timelines**: [SUPPORT.md](SUPPORT.md)"
    # (mbilling/fss-mqtt-broker)
    r"\bsupported\s+(versions?|releases?)\b[^:\n]{0,40}:\s{0,3}[*_]{0,2}\[[^\]\n]{1,200}\]\((?!#)|"
    # "any of the supported versions as listed in our [release policy](https://...)" (rucio/rucio)
    r"\bsupported\s+(versions?|releases?)\b[^.\n]{0,40}?\b(as\s+)?(listed|described|documented|defined|given|found)\s+"
    r"(in|on|at)\s+(our|the)\s+[*_]{0,2}\[[^\]\n]{1,200}\]\((?!#)",
    re.I,
)
# GitHub's list of releases lists them all, not which get fixes: "Please see [Releases](https://github.com/
# sigp/lighthouse/releases/)" (sigp/lighthouse).
_RELEASES_PAGE = re.compile(r"github\.com/[\w.-]{1,100}/[\w.-]{1,100}/releases(/latest)?/?$", re.I)
# Every full stop, whatever follows (unlike SENTENCE_BREAK, which wants a capital next): a sentence dropped
# as a recommendation or a condition must not take a lower-case statement of support with it.
_SENTENCES = re.compile(r"(?<=\.)\s+")
_CONDITION = re.compile(r"\W{0,3}if\b", re.I)
# Support not settled yet: "does not have a stable release yet. When it becomes stable (1.0) we will follow
# [Semantic Versioning] for support. The support period for each branch is still to be determined."
# (ContainerSSH/ContainerSSH); a paragraph saying so states no versions, whatever it names.
_UNDECIDED = re.compile(
    r"\bsupport\b[^.\n]{0,40}?\b(is|are)\s+(still\s+|yet\s+)?(to\s+be\s+(determined|decided|defined)|undecided|"
    r"not\s+(yet\s+)?(decided|determined|defined))\b",
    re.I,
)
# A row for a language or tool the project runs on ("| Spring Boot | < 2.2.6 | :heavy_check_mark:",
# "| Java | > 1.8 |", tonikolaba/BatBat-Game): runtime versions, not the project's own.
_RUNTIME_ROW = re.compile(
    r"^\|?\s*(spring(\s+boot)?|python|node(\.js)?|java|jdk|jre|go|golang|ruby|php|rust|kubernetes|django|"
    r"rails|maven|gradle|npm|\.net|dotnet|android|ios)\s*\|",
    re.I,
)
# A version table row ticked as covered ("| latest (4.x) | ✅ |" under "Scope", ramsey/uuid).
_TICKED_ROW = re.compile(r"(\b|(?<=v))\d{1,4}\.(\d{1,4}|x)\b|\blatest\b", re.I)
_TICK = re.compile(r"[✅✔]|:white_check_mark:|:heavy_check_mark:", re.I)


# "Supported Platforms" (omkhar/resetusb) lists what the project runs on, unless it names versions too.
_PLATFORM_HEADING = re.compile(r"\bplatforms?\b|\boperating\s+systems?\b|\bruntimes?\b|\bbrowsers?\b", re.I)
_VERSION_WORD = re.compile(r"\bversion|\brelease", re.I)


# A count of editions names none: "There are only 2 versions of Wekan: Standalone Wekan, and Sandstorm
# Wekan." (wekan/wekan)
_EDITIONS = re.compile(r"\bonly\s+(\d|two|three|four)\s+(versions|editions|flavou?rs|variants)\s+of\b", re.I)


_SEE = re.compile(r"\W{0,3}(please\s+)?(see|visit|check|download|get|find)\b", re.I)


# Versions named by their support alone name none: "Only maintained versions of Centrifugo receive security
# updates." (centrifugal/centrifugo)
_UNNAMED_VERSIONS = re.compile(
    r"\bonly\s+(the\s+)?(currently\s+|actively\s+)?(maintained|supported|active)\s+(versions?|releases?|branches)\b"
    # unless a list names them: "Only the maintained branches, as listed in [`BRANCHES.md`](BRANCHES.md), get
    # security fixes." (Mbed-TLS/mbedtls)
    r"(?![^.\n]{0,20}\b(listed|named|given|documented|shown|described|defined)\b)",
    re.I,
)


def _only_releases_pages(text: str) -> bool:
    targets = URL.findall(text)
    return bool(targets) and all(_RELEASES_PAGE.search(t) for t in targets)


def is_support_heading(heading: str) -> bool:
    return (
        bool(SUPPORT_HEADING.search(heading))
        and not (_PLATFORM_HEADING.search(heading) and not _VERSION_WORD.search(heading))
        and not _NOT_SUPPORT_HEADING.search(heading)
        and not (_RUNTIME_VERSIONS.search(heading))
        and not _OTHER_PRODUCT_HEADING.match(heading)
    )


# A version cell left as the template's letters: "| X.Y | :white_check_mark: |", an RST list-table's
# "* - X.Y" / "- < X.Y" (epilif3sotnas/zeltonika).
VERSION_BLANK = re.compile(
    # "| x.x.x | :white_check_mark: |" (tatsoku/hamon) too
    r"(?m:^[ \t]{0,8}[*-][ \t]{1,4}(-[ \t]{1,4})?(<|>|<=|>=)?[ \t]{0,2}"
    r"([Xx]\.[Yy](\.[Zz])?|[Xx]\.[Xx]\.[Xx])[ \t]*$)|"
    r"\|[ \t]{0,4}(<|>|<=|>=)?[ \t]{0,2}([Xx]\.[Yy](\.[Zz])?|[Xx]\.[Xx]\.[Xx])[ \t]{0,4}\||"
    # a template variable: "| `{{LATEST_VERSION}}` | ✅ Actively supported |" (Jekwwer/common-docs)
    r"\|[ \t]{0,4}`?\{\{[ \t]?[A-Za-z_]{1,40}[ \t]?\}\}`?[ \t]{0,4}\|"
)
_REAL_VERSION = re.compile(r"\b\d{1,4}\.(\d{1,4}|x)\b|\bv\d{1,4}\b", re.I)


def _blank_version_sections(doc: list[Block]) -> set[str]:
    """Headings whose version cells are all the template's letters: their rows state no version."""
    blank = {b.heading for b in doc if b.kind in ("row", "item") and VERSION_BLANK.search(b.text)}
    return blank - {b.heading for b in doc if b.kind in ("row", "item") and _REAL_VERSION.search(b.text)}


def _link_below(block: Block, following: list[Block]) -> bool:
    """Is the link a sentence ending in a colon points to alone on the lines below it? "... please see our
    DSpace Software Support Policy:" / "https://wiki.lyrasis.org/display/DSPACE/..." (DSpace/DSpace)."""
    return (
        block.text.rstrip().endswith(":")
        and bool(following)
        and following[0].heading == block.heading
        and bool(_LINK.search(following[0].text))
        and only_links(following[0].text)
    )


_SUPPORTED_COLUMN = re.compile(r"supported\s+(versions?|releases?)", re.I)
# A "Supported" column's cell that says something of support: a mark, a yes or no, a date or a word of
# support. "| v0.0.4 | :no new features |" (eosphoros-ai/DB-GPT's first policy) holds a feature note.
_SUPPORT_HEAD = re.compile(r"\W{0,3}supported\??\W{0,3}", re.I)
_SUPPORT_MARK = re.compile(
    r"[\u2705\u274c\u2714\u2716\u2717\u2713\u00d7\u26a0\U0001f6ab\U0001f534\U0001f7e2\U0001f7e1]|:[\w+-]{1,40}:|&\w{1,20};|"
    r"\b(supported|unsupported|eol|end[\s-]of[\s-]life|lts|active|maintained|maintenance|security|fix(es|ed)?|"
    r"patch(es|ed)?|critical|until|deprecated|none|current|latest|stable|partial|limited|best[\s-]effort|only|"
    # a release stage: "| 1.x.x | Production release |" (bcgov/Unity)
    r"receives?|planned|retired|ended|production|experimental|alpha|beta|preview|release)\b|\b(19|20)\d\d\b",
    re.I,
)
_YES_OR_NO = re.compile(r"\W{0,3}(yes|no|y|n|true|false|x|-)\W{0,3}", re.I)


def _feature_note_row(row: Block) -> bool:
    """Is the row's cell under a "Supported" column neither a mark nor a word of support?"""
    return any(
        _SUPPORT_HEAD.fullmatch(head)
        and cell
        and not (_YES_OR_NO.fullmatch(cell) or _SUPPORT_MARK.search(cell))
        for head, cell in column_cells(row)
    )


def _supported_column_cell(row: Block) -> bool:
    """Does a row name versions in a column headed "Supported Versions", whatever the section? "| CVSS v3.0 |
    Supported Versions |" over "| 4.0-8.9 | Most recent release |" (micronaut-projects/micronaut-core)."""
    return any(
        _SUPPORTED_COLUMN.fullmatch(head) and _VERSIONISH.search(cell) for head, cell in column_cells(row)
    )


def supported_versions_line(doc: list[Block]) -> int | None:
    """Line of the first statement of which versions get security fixes, or None.

    Examples: "Only the latest release receives security fixes" (Ouranosinc/Magpie); under "Supported
    Versions": "| 2.x | :white_check_mark: |", "Latest only" (immerjs/immer), "For the current supported
    version of SQLAlchemy, see ... https://www.sqlalchemy.org/download.html#current" (sqlalchemy).
    A sentence is read across its line breaks.
    """
    runtime_table = False  # rows under a paragraph introducing them as runtime versions
    blank_sections = _blank_version_sections(doc)
    for i, block in enumerate(doc):
        if block.kind in ("row", "item") and block.heading in blank_sections:
            continue
        if block.kind == "row" and _feature_note_row(block):
            continue
        if block.kind != "row":
            # "Supported [Go versions](https://go.dev/dl/):" (easegress-io/easegress)
            plain = _MD_LINK.sub(lambda m: m[1], block.text)
            runtime_table = block.kind == "paragraph" and bool(
                _RUNTIME_VERSIONS.search(plain) or _OTHER_PRODUCTS_TABLE.search(plain)
            )
        if (
            block.kind == "heading"
            or GITHUB_TEMPLATE_PROSE.search(block.text)
            or _UNDECIDED.search(block.text)
        ):
            continue
        text = _RUNTIME_VERSIONS.sub(" ", _MD_LINK.sub(lambda m: m[1], EMPHASIS.sub("", block.text)))
        text = " ".join(s for s in _SENTENCES.split(text) if not _RECOMMENDATION.search(s))
        if SUPPORT_STATEMENT.search(text) or _SUPPORT_LINK.search(block.text):
            return block.line
        runtime_row = block.kind == "row" and (runtime_table or bool(_RUNTIME_ROW.match(text)))
        if (
            block.kind == "row"
            and _TICKED_ROW.search(text)
            and not runtime_row
            and _TICK.search(text)
            and not _OTHER_PRODUCT_HEADING.match(block.heading)
            and not _RUNTIME_VERSIONS.search(block.heading)
        ):
            return block.line
        if block.kind == "row" and not runtime_row and _supported_column_cell(block):
            return block.line
        if not is_support_heading(block.heading) or runtime_row:
            continue
        # "Information about supported Kubernetes versions can be found on the [Kubernetes version and
        # version skew support policy] page" (kubernetes-sigs/kwok): where another product's support is kept
        pointer = (
            not runtime_table
            and _POINTER.search(text)
            and (_ABOUT_VERSIONS.search(text) or _VERSIONS_ADDRESS.search(block.text))
            and (
                _LINK.search(block.text)
                or _link_below(block, doc[i + 1 : i + 2])
                or _SUPPORT_DOCUMENT.search(text)
            )
            and not _only_releases_pages(block.text)
        )
        # a condition names a case, not the versions supported: "If a security vulnerability affects only a
        # stable release which is no longer under active support, then ..." (vitessio/vitess)
        # nor does a pointer to the download page: "See https://github.com/janeczku/calibre-web/releases/latest
        # for the latest release." (janeczku/calibre-web)
        stated = " ".join(
            s
            for s in _SENTENCES.split(text)
            if not _CONDITION.match(s) and not (_SEE.match(s) and _only_releases_pages(s))
        )
        stated = _UNNAMED_VERSIONS.sub(" ", _EDITIONS.sub(" ", stated))
        if _VERSIONISH.search(stated) or pointer:
            return block.line
    return None
