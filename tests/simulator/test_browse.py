"""The read-only HTML view shows repositories, files, PR diffs, comments and check runs, escaped."""

from __future__ import annotations

import httpx

from tests.simulator.conftest import World, api, installation_token


def test_ui_pages_show_what_a_maintainer_sees(world: World) -> None:
    c = world.control
    c.push("acme", "widgets", {"SECURITY.md": "<script>alert(1)</script>"}, branch="fix")
    with api(world, installation_token(world)) as client:
        pr = client.post(
            "/repos/acme/widgets/pulls", json={"title": "Add <b>policy</b>", "head": "fix", "base": "main"}
        ).json()
        client.post(f"/repos/acme/widgets/issues/{pr['number']}/comments", json={"body": "thanks & bye"})
        head = client.get("/repos/acme/widgets/git/ref/heads/main").json()["object"]["sha"]
        run = client.post(
            "/repos/acme/widgets/check-runs",
            json={
                "name": "repo-hygiene",
                "head_sha": head,
                "conclusion": "failure",
                "output": {
                    "title": "1 problem",
                    "summary": "No policy",
                    "annotations": [
                        {
                            "path": "README.md",
                            "start_line": 1,
                            "end_line": 1,
                            "annotation_level": "failure",
                            "message": "add SECURITY.md",
                        }
                    ],
                },
            },
        ).json()
    ui = f"{world.base_url}/_sandbox/ui"
    index = httpx.get(f"{ui}/")
    assert index.status_code == 200 and "acme/widgets" in index.text and "archived" in index.text
    repo_page = httpx.get(f"{ui}/acme/widgets").text
    assert "Add &lt;b&gt;policy&lt;/b&gt;" in repo_page and "repo-hygiene" in repo_page
    pull = httpx.get(pr["html_url"])
    assert pull.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pull.text and "<script>alert" not in pull.text
    assert "thanks &amp; bye" in pull.text
    run_page = httpx.get(run["html_url"]).text
    assert "add SECURITY.md" in run_page and "No policy" in run_page
    blob = httpx.get(f"{ui}/acme/widgets/blob/main/README.md")
    assert blob.status_code == 200 and "<h1>widgets</h1>" in blob.text  # Markdown is rendered
    source = httpx.get(f"{ui}/acme/widgets/blob/main/README.md", params={"plain": "1"})
    assert '<tr id="L1">' in source.text and "# widgets" in source.text  # ?plain=1: numbered lines
    assert httpx.get(f"{ui}/acme/nope").status_code == 404
    assert world.control.unsupported() == []


def test_pull_page_shows_the_checks_on_its_head_with_annotations(world: World) -> None:
    c = world.control
    head = c.push("acme", "widgets", {"package-lock.json": "{}\n"}, branch="bump")
    number = c.open_pull("acme", "widgets", "bump", title="Bump", by="bob")
    main = c.repo("acme", "widgets")["refs"]["refs/heads/main"]
    with api(world, installation_token(world)) as client:
        for sha, title in ((head, "<i>1 introduced</i>"), (main, "main")):
            client.post(
                "/repos/acme/widgets/check-runs",
                json={
                    "name": "Dependency advisories",
                    "head_sha": sha,
                    "conclusion": "failure",
                    "output": {
                        "title": title,
                        "summary": "s",
                        "annotations": [
                            {
                                "path": "package-lock.json",
                                "start_line": 14,
                                "end_line": 14,
                                "annotation_level": "failure",
                                "title": f"GHSA-xxxx on {title}",
                                "message": "lodash is affected",
                            }
                        ],
                    },
                },
            )
    page = httpx.get(f"{world.base_url}/_sandbox/ui/acme/widgets/pull/{number}").text
    assert "&lt;i&gt;1 introduced&lt;/i&gt;" in page and "package-lock.json:14" in page
    assert "lodash is affected" in page and "GHSA-xxxx on main" not in page  # only the PR head's runs


def test_markdown_renders_as_github_does_and_stays_escaped(world: World) -> None:
    summary = (
        "**Failing:** 1 finding\\.\n\n| Package | Advisory |\n|---|---|\n| lodash | GHSA\\-x |\n\n"
        "<script>alert(1)</script> [bad](javascript:alert(1)) [ok](https://example.org)"
    )
    head = world.control.repo("acme", "widgets")["refs"]["refs/heads/main"]
    with api(world, installation_token(world)) as client:
        run = client.post(
            "/repos/acme/widgets/check-runs",
            json={
                "name": "n",
                "head_sha": head,
                "conclusion": "failure",
                "output": {"title": "t", "summary": summary},
            },
        ).json()
    page = httpx.get(run["html_url"]).text
    assert "<strong>Failing:</strong> 1 finding." in page  # no raw `\.` left over
    assert "<th>Package</th>" in page and "<td>GHSA-x</td>" in page  # a GFM table
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert 'href="javascript:' not in page and '<a href="https://example.org">ok</a>' in page


def test_annotations_show_under_their_line_of_the_diff_and_files_have_line_numbers(world: World) -> None:
    c = world.control
    lock = "".join(f"line {n}\n" for n in range(1, 31))
    c.push("acme", "widgets", {"package-lock.json": lock})
    head = c.push(
        "acme", "widgets", {"package-lock.json": lock.replace("line 14\n", "lodash 4.17.15\n")}, branch="b"
    )
    number = c.open_pull("acme", "widgets", "b", title="Bump", by="bob")
    with api(world, installation_token(world)) as client:
        client.post(
            "/repos/acme/widgets/check-runs",
            json={
                "name": "Dependency advisories",
                "head_sha": head,
                "conclusion": "failure",
                "output": {
                    "title": "1 introduced",
                    "summary": "s",
                    "annotations": [
                        {
                            "path": "package-lock.json",
                            "start_line": 14,
                            "end_line": 14,
                            "annotation_level": "failure",
                            "title": "GHSA-p6mc-m468-83gw",
                            "message": "Prototype pollution in lodash",
                        }
                    ],
                },
            },
        )
    page = httpx.get(f"{world.base_url}/_sandbox/ui/acme/widgets/pull/{number}").text
    line_14 = page.index("<code>+lodash 4.17.15</code>")
    note = page.index("Prototype pollution in lodash", page.index("Files changed"))
    assert line_14 < note < page.index("<code> line 15</code>")  # in the diff, under line 14 of the new file
    assert '<td class="num">14</td><td><code>+lodash 4.17.15</code>' in page
    blob = httpx.get(f"{world.base_url}/_sandbox/ui/acme/widgets/blob/b/package-lock.json").text
    assert '<tr id="L14"><td class="num"><a href="#L14">14</a></td><td><code>lodash 4.17.15</code>' in blob


def test_the_favicon_is_served(world: World) -> None:
    icon = httpx.get(f"{world.base_url}/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
