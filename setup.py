"""Package list for setuptools (`app`, `checks`, `simulator`); everything else is in pyproject.toml.

`templates/` stays at the project root (the design card fixes that layout) but ships in the wheel as
the data-only package `app._templates` (with its sub-folders), which `app/paths.py` finds. pyproject's
`packages.find` cannot add packages mapped from another folder, so the list is built here.
"""

from setuptools import find_namespace_packages, setup

TEMPLATES_PACKAGE = "app._templates"
template_folders = [f"{TEMPLATES_PACKAGE}.{sub}" for sub in find_namespace_packages(where="templates")]

setup(
    packages=[
        *find_namespace_packages(include=["app*", "checks*", "simulator*"], exclude=["*.__pycache__"]),
        TEMPLATES_PACKAGE,
        *template_folders,
    ],
    package_dir={TEMPLATES_PACKAGE: "templates"},
)
